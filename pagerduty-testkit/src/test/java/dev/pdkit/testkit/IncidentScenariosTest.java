package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentScenariosTest {
  static FakePagerDuty fake;
  Http http;
  SeededService svc;
  String admin;
  String bob;
  String carol;

  @BeforeAll
  static void start() {
    fake = FakePagerDuty.builder().token("t").user("admin@example.com").user("bob@example.com")
        .user("carol@example.com").start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void seed() {
    fake.reset();
    http = new Http(fake).token("t").from("admin@example.com");
    admin = fake.userId("admin@example.com");
    bob = fake.userId("bob@example.com");
    carol = fake.userId("carol@example.com");
    String ep = fake.seedEscalationPolicy("tiered", List.of(List.of(admin), List.of(bob), List.of(carol)), 10, 1);
    svc = fake.seedService("api", ep);
  }

  private String createIncident(String title) {
    Http.R r = http.post("/incidents", "{\"incident\":{\"type\":\"incident\",\"title\":\"" + title + "\","
        + "\"service\":{\"id\":\"" + svc.serviceId() + "\",\"type\":\"service_reference\"},"
        + "\"body\":{\"type\":\"incident_body\",\"details\":\"more\"}}}");
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("incident").get("id").asText();
  }

  private JsonNode incident(String id) {
    return http.get("/incidents/" + id).json().get("incident");
  }

  private String assignee(String id) {
    return incident(id).get("assignments").get(0).get("assignee").get("id").asText();
  }

  @Test
  void create_restIncident_201TriggeredAssignedLevelOneWithLogEntries() {
    String id = createIncident("Checkout down");
    JsonNode inc = incident(id);
    assertThat(inc.get("status").asText()).isEqualTo("triggered");
    assertThat(inc.get("summary").asText()).isEqualTo("[#1] Checkout down");
    assertThat(assignee(id)).isEqualTo(admin);
    assertThat(inc.get("urgency").asText()).isEqualTo("high");
    JsonNode logs = http.get("/incidents/" + id + "/log_entries").json().get("log_entries");
    assertThat(logs.toString()).contains("trigger_log_entry").contains("assign_log_entry");
  }

  @Test
  void create_duplicateOpenIncidentKey_400() {
    String body = "{\"incident\":{\"type\":\"incident\",\"title\":\"x\",\"incident_key\":\"dup\","
        + "\"service\":{\"id\":\"" + svc.serviceId() + "\",\"type\":\"service_reference\"}}}";
    assertThat(http.post("/incidents", body).status()).isEqualTo(201);
    Http.R r = http.post("/incidents", body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("errors").get(0).asText()).contains("dup");
  }

  @Test
  void create_missingTitleAndBothAssignmentsAndPolicy_400() {
    Http.R r = http.post("/incidents", "{\"incident\":{\"type\":\"incident\",\"service\":{\"id\":\"" + svc.serviceId() + "\"}}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("errors").get(0).asText()).contains("title");
    Http.R both = http.post("/incidents", "{\"incident\":{\"type\":\"incident\",\"title\":\"x\",\"service\":{\"id\":\""
        + svc.serviceId() + "\"},\"assignments\":[{\"assignee\":{\"id\":\"" + bob + "\"}}],\"escalation_policy\":{\"id\":\""
        + svc.escalationPolicyId() + "\"}}}");
    assertThat(both.status()).isEqualTo(400);
  }

  @Test
  void create_selfAssigned_isAcknowledged() {
    Http.R r = http.post("/incidents", "{\"incident\":{\"type\":\"incident\",\"title\":\"mine\",\"service\":{\"id\":\""
        + svc.serviceId() + "\"},\"assignments\":[{\"assignee\":{\"id\":\"" + admin + "\",\"type\":\"user_reference\"}}]}}");
    assertThat(r.json().get("incident").get("status").asText()).isEqualTo("acknowledged");
  }

  @Test
  void escalation_clockAdvance_walksLevelsThenLoopsAndStops() {
    String id = createIncident("x");
    fake.advanceClock(Duration.ofMinutes(9));
    assertThat(assignee(id)).isEqualTo(admin);
    fake.advanceClock(Duration.ofMinutes(1));
    assertThat(assignee(id)).isEqualTo(bob);
    fake.advanceClock(Duration.ofMinutes(10));
    assertThat(assignee(id)).isEqualTo(carol);
    fake.advanceClock(Duration.ofMinutes(10)); // num_loops = 1: back to level 1
    assertThat(assignee(id)).isEqualTo(admin);
    fake.advanceClock(Duration.ofMinutes(20));
    assertThat(assignee(id)).isEqualTo(carol);
    fake.advanceClock(Duration.ofMinutes(60)); // loops exhausted: stays at the last level
    assertThat(assignee(id)).isEqualTo(carol);
    JsonNode logs = http.get("/incidents/" + id + "/log_entries?limit=100").json().get("log_entries");
    long escalations = 0;
    for (JsonNode le : logs) {
      if (le.get("type").asText().equals("escalate_log_entry")) {
        escalations++;
        assertThat(le.get("channel").get("type").asText()).isEqualTo("timeout");
      }
    }
    assertThat(escalations).isEqualTo(5);
    assertThat(logs.toString()).contains("repeat_escalation_path_log_entry");
    assertThat(fake.state().get("incidents").get(0).get("_escalation_level").asInt()).isEqualTo(3);
  }

  @Test
  void escalation_timestampsAreTheDueTimesNotTheAdvanceEnd() {
    String id = createIncident("x");
    java.time.Instant start = fake.now();
    fake.advanceClock(Duration.ofMinutes(25));
    JsonNode logs = http.get("/incidents/" + id + "/log_entries").json().get("log_entries");
    List<String> times = new java.util.ArrayList<>();
    for (JsonNode le : logs) {
      if (le.get("type").asText().equals("escalate_log_entry")) {
        times.add(le.get("created_at").asText());
      }
    }
    assertThat(times).containsExactly(
        start.plus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
        start.plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
  }

  @Test
  void acknowledge_stopsEscalation_thenAckTimeoutRetriggers() {
    String id = createIncident("x");
    Http.R ack = http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"acknowledged\"}}");
    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.json().get("incident").get("acknowledgements").get(0).get("acknowledger").get("id").asText()).isEqualTo(admin);
    fake.advanceClock(Duration.ofMinutes(29));
    assertThat(incident(id).get("status").asText()).isEqualTo("acknowledged");
    assertThat(assignee(id)).isEqualTo(admin);
    fake.advanceClock(Duration.ofMinutes(1)); // service acknowledgement_timeout 1800 s
    assertThat(incident(id).get("status").asText()).isEqualTo("triggered");
  }

  @Test
  void resolve_putStatus_emptiesAssignmentsAndSecondResolveIs1001() {
    String id = createIncident("x");
    Http.R r = http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"resolved\","
        + "\"resolution\":\"fixed the disk\"}}");
    assertThat(r.json().get("incident").get("status").asText()).isEqualTo("resolved");
    assertThat(r.json().get("incident").get("assignments")).isEmpty();
    assertThat(http.get("/incidents/" + id + "/notes").json().get("notes").get(0).get("content").asText()).isEqualTo("fixed the disk");
    Http.R again = http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"resolved\"}}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("error").get("code").asInt()).isEqualTo(1001);
    fake.advanceClock(Duration.ofHours(2));
    assertThat(incident(id).get("assignments")).isEmpty();
  }

  @Test
  void reopen_resolvedToTriggered_assignsAgain() {
    String id = createIncident("x");
    http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"resolved\"}}");
    Http.R r = http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"triggered\"}}");
    assertThat(r.json().get("incident").get("status").asText()).isEqualTo("triggered");
    assertThat(assignee(id)).isEqualTo(admin);
  }

  @Test
  void put_missingType_400AndUnknownIncident404() {
    String id = createIncident("x");
    assertThat(http.put("/incidents/" + id, "{\"incident\":{\"status\":\"resolved\"}}").status()).isEqualTo(400);
    Http.R nf = http.put("/incidents/PNOPE00", "{\"incident\":{\"type\":\"incident\",\"status\":\"resolved\"}}");
    assertThat(nf.status()).isEqualTo(404);
    assertThat(nf.json().get("error").get("code").asInt()).isEqualTo(2100);
  }

  @Test
  void escalationLevel_put_assignsThatLevel_outOfRange1006() {
    String id = createIncident("x");
    Http.R r = http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"escalation_level\":3}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(assignee(id)).isEqualTo(carol);
    Http.R bad = http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"escalation_level\":4}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").get("code").asInt()).isEqualTo(1006);
  }

  @Test
  void reassign_toUsers_directAssignment() {
    String id = createIncident("x");
    Http.R r = http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"assignments\":[{\"assignee\":"
        + "{\"id\":\"" + carol + "\",\"type\":\"user_reference\"}}]}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(assignee(id)).isEqualTo(carol);
    assertThat(incident(id).get("assigned_via").asText()).isEqualTo("direct_assignment");
    fake.advanceClock(Duration.ofMinutes(30));
    assertThat(assignee(id)).isEqualTo(carol);
  }

  @Test
  void bulkUpdate_oneInvalid_noneUpdated_allValid_allUpdated() {
    String a = createIncident("a");
    String b = createIncident("b");
    Http.R bad = http.put("/incidents", "{\"incidents\":[{\"id\":\"" + a + "\",\"type\":\"incident_reference\",\"status\":\"acknowledged\"},"
        + "{\"id\":\"" + b + "\",\"type\":\"incident_reference\",\"status\":\"bogus\"}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(incident(a).get("status").asText()).isEqualTo("triggered");
    Http.R ok = http.put("/incidents", "{\"incidents\":[{\"id\":\"" + a + "\",\"type\":\"incident_reference\",\"status\":\"acknowledged\"},"
        + "{\"id\":\"" + b + "\",\"type\":\"incident_reference\",\"status\":\"resolved\"}]}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("incidents")).hasSize(2);
    assertThat(incident(a).get("status").asText()).isEqualTo("acknowledged");
    assertThat(incident(b).get("status").asText()).isEqualTo("resolved");
  }

  @Test
  void bulkUpdate_over250_413() {
    StringBuilder sb = new StringBuilder("{\"incidents\":[");
    for (int i = 0; i < 251; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"PX").append(i).append("\",\"type\":\"incident_reference\"}");
    }
    Http.R r = http.put("/incidents", sb.append("]}").toString());
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void merge_sourcesResolvedAndAlertsMoved() {
    http.event(Http.trigger(svc.integrationKey(), "a", "A"));
    http.event(Http.trigger(svc.integrationKey(), "b", "B"));
    JsonNode incs = http.get("/incidents").json().get("incidents");
    String target = incs.get(0).get("id").asText();
    String source = incs.get(1).get("id").asText();
    Http.R r = http.put("/incidents/" + target + "/merge", "{\"source_incidents\":[{\"id\":\"" + source
        + "\",\"type\":\"incident_reference\"}]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(incident(source).get("status").asText()).isEqualTo("resolved");
    assertThat(incident(target).get("alert_counts").get("all").asInt()).isEqualTo(2);
    assertThat(http.get("/incidents/" + target + "/alerts").json().get("alerts")).hasSize(2);
    // a later resolve for the moved alert's key resolves it on the target
    http.event(Http.action(svc.integrationKey(), "b", "resolve"));
    assertThat(incident(target).get("alert_counts").get("triggered").asInt()).isEqualTo(1);
  }

  @Test
  void snooze_acknowledgedIncident_wakesUpTriggered() {
    String id = createIncident("x");
    assertThat(http.post("/incidents/" + id + "/snooze", "{\"duration\":600}").status()).isEqualTo(400); // not acknowledged
    http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"acknowledged\"}}");
    Http.R r = http.post("/incidents/" + id + "/snooze", "{\"duration\":600}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("incident").get("pending_actions").toString()).contains("unacknowledge");
    fake.advanceClock(Duration.ofSeconds(599));
    assertThat(incident(id).get("status").asText()).isEqualTo("acknowledged");
    fake.advanceClock(Duration.ofSeconds(1));
    assertThat(incident(id).get("status").asText()).isEqualTo("triggered");
    assertThat(http.post("/incidents/" + id + "/snooze", "{\"duration\":0}").status()).isEqualTo(400);
  }

  @Test
  void notes_addListUpdate() {
    String id = createIncident("x");
    Http.R n = http.post("/incidents/" + id + "/notes", "{\"note\":{\"content\":\"looking\"}}");
    assertThat(n.status()).isEqualTo(200);
    assertThat(n.json().get("note").get("user").get("id").asText()).isEqualTo(admin);
    String noteId = n.json().get("note").get("id").asText();
    assertThat(http.put("/incidents/" + id + "/notes/" + noteId, "{\"note\":{\"content\":\"fixed\"}}").status()).isEqualTo(200);
    assertThat(http.get("/incidents/" + id + "/notes").json().get("notes").get(0).get("content").asText()).isEqualTo("fixed");
    assertThat(http.post("/incidents/" + id + "/notes", "{\"note\":{}}").status()).isEqualTo(400);
    assertThat(http.get("/incidents/" + id + "/log_entries").json().toString()).contains("annotate_log_entry");
  }

  @Test
  void alerts_resolveLastAlert_resolvesIncident() {
    http.event(Http.trigger(svc.integrationKey(), "a", "A"));
    String id = http.get("/incidents").json().get("incidents").get(0).get("id").asText();
    String alertId = http.get("/incidents/" + id + "/alerts").json().get("alerts").get(0).get("id").asText();
    assertThat(http.get("/incidents/" + id + "/alerts/" + alertId).json().get("alert").get("alert_key").asText()).isEqualTo("a");
    Http.R r = http.put("/incidents/" + id + "/alerts/" + alertId, "{\"alert\":{\"type\":\"alert\",\"status\":\"resolved\"}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(incident(id).get("status").asText()).isEqualTo("resolved");
  }

  @Test
  void list_filtersStatusesServiceUrgencyUserAndIncidentKey() {
    String a = createIncident("a");
    createIncident("b");
    http.put("/incidents/" + a, "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"acknowledged\",\"urgency\":\"low\"}}");
    SeededService other = fake.seedService("other", svc.escalationPolicyId());
    http.event(Http.trigger(other.integrationKey(), "ik", "c"));
    assertThat(http.get("/incidents?statuses[]=acknowledged").json().get("incidents")).hasSize(1);
    assertThat(http.get("/incidents?statuses[]=triggered&statuses[]=acknowledged").json().get("incidents")).hasSize(3);
    assertThat(http.get("/incidents?service_ids[]=" + other.serviceId()).json().get("incidents")).hasSize(1);
    assertThat(http.get("/incidents?urgencies[]=low").json().get("incidents")).hasSize(1);
    assertThat(http.get("/incidents?user_ids[]=" + admin).json().get("incidents")).hasSize(3);
    assertThat(http.get("/incidents?user_ids[]=" + bob).json().get("incidents")).isEmpty();
    assertThat(http.get("/incidents?incident_key=ik").json().get("incidents")).hasSize(1);
    assertThat(http.get("/incidents?statuses[]=bogus").status()).isEqualTo(400);
  }

  @Test
  void list_sinceUntilWindowAndDateRangeAll() {
    createIncident("old");
    fake.advanceClock(Duration.ofDays(40));
    createIncident("new");
    assertThat(http.get("/incidents").json().get("incidents")).hasSize(1);
    assertThat(http.get("/incidents?date_range=all").json().get("incidents")).hasSize(2);
    java.time.Instant now = fake.now();
    assertThat(http.get("/incidents?since=" + now.minus(Duration.ofDays(50)) + "&until=" + now.plusSeconds(5))
        .json().get("incidents")).hasSize(2);
    assertThat(http.get("/incidents?since=" + now + "&until=" + now.minusSeconds(5)).status()).isEqualTo(400);
  }

  @Test
  void list_sortByNumberDescAndTooManySortKeys400() {
    createIncident("a");
    createIncident("b");
    JsonNode desc = http.get("/incidents?sort_by=incident_number:desc").json().get("incidents");
    assertThat(desc.get(0).get("incident_number").asInt()).isEqualTo(2);
    assertThat(http.get("/incidents?sort_by=created_at,urgency,incident_number").status()).isEqualTo(400);
    assertThat(http.get("/incidents?sort_by=title").status()).isEqualTo(400);
  }

  @Test
  void include_servicesAndAssignees_replaceReferencesWithObjects() {
    createIncident("a");
    JsonNode inc = http.get("/incidents?include[]=services&include[]=assignees").json().get("incidents").get(0);
    assertThat(inc.get("service").get("type").asText()).isEqualTo("service");
    assertThat(inc.get("service").get("name").asText()).isEqualTo("api");
    assertThat(inc.get("assignments").get(0).get("assignee").get("email").asText()).isEqualTo("admin@example.com");
    JsonNode plain = http.get("/incidents").json().get("incidents").get(0);
    assertThat(plain.get("service").get("type").asText()).isEqualTo("service_reference");
    assertThat(plain.get("service").has("name")).isFalse();
  }

  @Test
  void logEntries_globalListNewestFirstAndSingle() {
    createIncident("a");
    JsonNode list = http.get("/log_entries").json().get("log_entries");
    assertThat(list.size()).isGreaterThanOrEqualTo(2);
    assertThat(list.get(list.size() - 1).get("type").asText()).isEqualTo("trigger_log_entry");
    String leId = list.get(0).get("id").asText();
    assertThat(http.get("/log_entries/" + leId).json().get("log_entry").get("id").asText()).isEqualTo(leId);
    assertThat(http.put("/log_entries/" + leId + "/channel", "{\"channel\":{\"type\":\"web_trigger\",\"summary\":\"x\"}}").status())
        .isEqualTo(202);
  }

  @Test
  void autoResolve_afterServiceTimeout() {
    String id = createIncident("x");
    fake.advanceClock(Duration.ofSeconds(14400));
    assertThat(incident(id).get("status").asText()).isEqualTo("resolved");
  }

  @Test
  void priority_setFromPrioritiesListAndUnknown400() {
    String id = createIncident("x");
    JsonNode priorities = http.get("/priorities").json().get("priorities");
    assertThat(priorities).hasSize(5);
    String p1 = priorities.get(0).get("id").asText();
    Http.R r = http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"priority\":{\"id\":\"" + p1
        + "\",\"type\":\"priority_reference\"}}}");
    assertThat(r.json().get("incident").get("priority").get("summary").asText()).isEqualTo("P1");
    assertThat(http.get("/incidents/" + id + "?include[]=priorities").json().get("incident").get("priority").get("description")
        .asText()).isEqualTo("Critical impact");
    Http.R bad = http.put("/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\",\"priority\":{\"id\":\"PNOPE00\"}}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").get("code").asInt()).isEqualTo(1020);
  }

  @Test
  void statusUpdate_recorded() {
    String id = createIncident("x");
    Http.R r = http.post("/incidents/" + id + "/status_updates", "{\"message\":\"we are on it\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status_update").get("message").asText()).isEqualTo("we are on it");
  }
}
