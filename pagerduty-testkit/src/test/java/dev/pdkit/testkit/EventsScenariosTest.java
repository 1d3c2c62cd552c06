package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsScenariosTest {
  static FakePagerDuty fake;
  Http http;
  SeededService svc;

  @BeforeAll
  static void start() {
    fake = FakePagerDuty.builder().token("test-token").user("admin@example.com").user("bob@example.com").start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void seed() {
    fake.reset();
    http = new Http(fake);
    svc = fake.seedService("checkout");
  }

  private JsonNode incidents(String query) {
    return http.get("/incidents?date_range=all" + query).json().get("incidents");
  }

  @Test
  void trigger_validEvent_202WithDedupKeyAndOpensIncidentAssignedToLevelOne() {
    Http.R r = http.event(Http.trigger(svc.integrationKey(), "disk-1", "Disk full"));
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("status").asText()).isEqualTo("success");
    assertThat(r.json().get("message").asText()).isEqualTo("Event processed");
    assertThat(r.json().get("dedup_key").asText()).isEqualTo("disk-1");
    JsonNode incs = incidents("");
    assertThat(incs).hasSize(1);
    JsonNode inc = incs.get(0);
    assertThat(inc.get("status").asText()).isEqualTo("triggered");
    assertThat(inc.get("title").asText()).isEqualTo("Disk full");
    assertThat(inc.get("incident_number").asInt()).isEqualTo(1);
    assertThat(inc.get("service").get("id").asText()).isEqualTo(svc.serviceId());
    assertThat(inc.get("assignments").get(0).get("assignee").get("id").asText()).isEqualTo(fake.userId("admin@example.com"));
    assertThat(inc.get("id").asText()).matches("P[A-Z0-9]{6}");
    assertThat(inc.get("self").asText()).isEqualTo(fake.baseUrl() + "/incidents/" + inc.get("id").asText());
    assertThat(inc.has("_escalation_level")).isFalse();
  }

  @Test
  void trigger_sameDedupKeyWhileOpen_addsToAlertInsteadOfNewIncident() {
    http.event(Http.trigger(svc.integrationKey(), "k", "first"));
    http.event(Http.trigger(svc.integrationKey(), "k", "second"));
    assertThat(incidents("")).hasSize(1);
    assertThat(fake.alerts()).hasSize(1);
    String id = incidents("").get(0).get("id").asText();
    JsonNode logs = http.get("/incidents/" + id + "/log_entries").json().get("log_entries");
    long triggers = 0;
    for (JsonNode le : logs) {
      if (le.get("type").asText().equals("trigger_log_entry")) {
        triggers++;
      }
    }
    assertThat(triggers).isEqualTo(2);
  }

  @Test
  void trigger_withoutDedupKey_generatesOneAndEachOpensNewAlert() {
    Http.R a = http.event(Http.trigger(svc.integrationKey(), null, "a"));
    Http.R b = http.event(Http.trigger(svc.integrationKey(), null, "b"));
    assertThat(a.json().get("dedup_key").asText()).isNotBlank().isNotEqualTo(b.json().get("dedup_key").asText());
    assertThat(incidents("")).hasSize(2);
  }

  @Test
  void acknowledgeThenResolve_sameKey_movesIncidentThroughLifecycle() {
    http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    assertThat(http.event(Http.action(svc.integrationKey(), "k", "acknowledge")).status()).isEqualTo(202);
    assertThat(incidents("").get(0).get("status").asText()).isEqualTo("acknowledged");
    assertThat(http.event(Http.action(svc.integrationKey(), "k", "resolve")).status()).isEqualTo(202);
    JsonNode inc = incidents("").get(0);
    assertThat(inc.get("status").asText()).isEqualTo("resolved");
    assertThat(inc.get("assignments")).isEmpty();
    assertThat(inc.get("resolved_at").isNull()).isFalse();
    assertThat(fake.alerts().get(0).get("status").asText()).isEqualTo("resolved");
  }

  @Test
  void acknowledge_noOpenAlert_droppedButAccepted() {
    Http.R r = http.event(Http.action(svc.integrationKey(), "nothing", "acknowledge"));
    assertThat(r.status()).isEqualTo(202);
    assertThat(incidents("")).isEmpty();
  }

  @Test
  void resolve_otherRoutingKey_isDropped() {
    SeededService other = fake.seedService("payments", svc.escalationPolicyId());
    http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    assertThat(http.event(Http.action(other.integrationKey(), "k", "resolve")).status()).isEqualTo(202);
    assertThat(incidents("").get(0).get("status").asText()).isEqualTo("triggered");
  }

  @Test
  void trigger_afterResolve_opensNewIncident() {
    http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    http.event(Http.action(svc.integrationKey(), "k", "resolve"));
    http.event(Http.trigger(svc.integrationKey(), "k", "x again"));
    JsonNode incs = incidents("");
    assertThat(incs).hasSize(2);
    assertThat(incs.get(0).get("status").asText()).isEqualTo("resolved");
    assertThat(incs.get(1).get("status").asText()).isEqualTo("triggered");
    assertThat(incs.get(1).get("incident_number").asInt()).isEqualTo(2);
  }

  @Test
  void enqueue_malformedJson_400Unrecognized() {
    Http.R r = http.event("{not json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).asText()).isEqualTo("JSON parse error");
  }

  @Test
  void enqueue_shortRoutingKey_400InvalidEvent() {
    Http.R r = http.event(Http.trigger("short", "k", "x"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("status").asText()).isEqualTo("invalid event");
    assertThat(r.json().get("message").asText()).isEqualTo("Event object is invalid");
    assertThat(r.json().get("errors").get(0).asText()).contains("routing_key").contains("32");
  }

  @Test
  void enqueue_unknownRoutingKey_400NamingIt() {
    Http.R r = http.event(Http.trigger("0123456789abcdef0123456789abcdef", "k", "x"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).asText()).contains("routing key");
  }

  @Test
  void enqueue_limitsAndMissingFields_400ListingEveryProblem() {
    String longSummary = "s".repeat(1025);
    String longKey = "d".repeat(256);
    Http.R r = http.event("{\"routing_key\":\"" + svc.integrationKey() + "\",\"event_action\":\"trigger\",\"dedup_key\":\""
        + longKey + "\",\"payload\":{\"summary\":\"" + longSummary + "\",\"severity\":\"fatal\"}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").toString())
        .contains("dedup_key").contains("payload.summary").contains("payload.source").contains("payload.severity");
    Http.R ack = http.event("{\"routing_key\":\"" + svc.integrationKey() + "\",\"event_action\":\"acknowledge\"}");
    assertThat(ack.status()).isEqualTo(400);
    assertThat(ack.json().get("errors").toString()).contains("dedup_key");
    Http.R bad = http.event("{\"routing_key\":\"" + svc.integrationKey() + "\",\"event_action\":\"explode\"}");
    assertThat(bad.json().get("errors").toString()).contains("event_action");
  }

  @Test
  void enqueue_bodyOver512KB_400() {
    String big = "x".repeat(513 * 1024);
    Http.R r = http.event("{\"routing_key\":\"" + svc.integrationKey() + "\",\"event_action\":\"trigger\",\"payload\":{"
        + "\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\",\"custom_details\":{\"blob\":\"" + big + "\"}}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).asText()).contains("512 KB");
  }

  @Test
  void changeEvent_recordedAndListable() {
    Http.R r = http.withoutToken().post("/v2/change/enqueue", "{\"routing_key\":\"" + svc.integrationKey()
        + "\",\"payload\":{\"summary\":\"Deployed v42\",\"source\":\"ci\",\"custom_details\":{\"sha\":\"abc\"}},"
        + "\"links\":[{\"href\":\"https://ci.example.com/42\",\"text\":\"build\"}]}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("status").asText()).isEqualTo("success");
    JsonNode list = http.get("/change_events").json().get("change_events");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("summary").asText()).isEqualTo("Deployed v42");
    assertThat(list.get(0).get("services").get(0).get("id").asText()).isEqualTo(svc.serviceId());
    assertThat(http.get("/services/" + svc.serviceId() + "/change_events").json().get("change_events")).hasSize(1);
    assertThat(incidents("")).isEmpty();
  }

  @Test
  void changeEvent_missingSummary_400() {
    Http.R r = http.withoutToken().post("/v2/change/enqueue", "{\"routing_key\":\"" + svc.integrationKey() + "\",\"payload\":{}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).asText()).contains("payload.summary");
  }

  @Test
  void severityBasedUrgency_warningIsLowAndDoesNotEscalate() {
    String ep = fake.seedEscalationPolicy("two levels", java.util.List.of(
        java.util.List.of(fake.userId("admin@example.com")), java.util.List.of(fake.userId("bob@example.com"))), 5, 0);
    svc = fake.seedService("tiered", ep);
    String body = "{\"service\":{\"incident_urgency_rule\":{\"type\":\"constant\",\"urgency\":\"severity_based\"}}}";
    assertThat(http.put("/services/" + svc.serviceId(), body).status()).isEqualTo(200);
    http.event("{\"routing_key\":\"" + svc.integrationKey() + "\",\"event_action\":\"trigger\",\"payload\":{"
        + "\"summary\":\"meh\",\"source\":\"h\",\"severity\":\"warning\"}}");
    http.event(Http.trigger(svc.integrationKey(), "crit", "bad"));
    JsonNode incs = incidents("");
    assertThat(incs.get(0).get("urgency").asText()).isEqualTo("low");
    assertThat(incs.get(1).get("urgency").asText()).isEqualTo("high");
    assertThat(incs.get(0).get("pending_actions").toString()).doesNotContain("escalate");
    assertThat(incs.get(1).get("pending_actions").toString()).contains("escalate");
  }

  @Test
  void maintenanceWindow_eventsDropped() {
    String admin = "admin@example.com";
    Http.R mw = http.from(admin).post("/maintenance_windows", "{\"maintenance_window\":{\"type\":\"maintenance_window\","
        + "\"start_time\":\"" + fake.now() + "\",\"end_time\":\"" + fake.now().plus(Duration.ofHours(1))
        + "\",\"services\":[{\"id\":\"" + svc.serviceId() + "\",\"type\":\"service_reference\"}]}}");
    assertThat(mw.status()).isEqualTo(201);
    assertThat(http.event(Http.trigger(svc.integrationKey(), "k", "x")).status()).isEqualTo(202);
    assertThat(incidents("")).isEmpty();
    fake.advanceClock(Duration.ofHours(2));
    http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    assertThat(incidents("")).hasSize(1);
  }

  @Test
  void trigger_sameDedupKeyOnTwoServices_twoIncidents() {
    SeededService other = fake.seedService("payments", svc.escalationPolicyId());
    http.event(Http.trigger(svc.integrationKey(), "shared", "a"));
    http.event(Http.trigger(other.integrationKey(), "shared", "b"));
    assertThat(incidents("")).hasSize(2);
  }

  @Test
  void trigger_onAcknowledgedIncident_addsToItWithoutRetriggering() {
    http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    http.event(Http.action(svc.integrationKey(), "k", "acknowledge"));
    http.event(Http.trigger(svc.integrationKey(), "k", "x again"));
    JsonNode incs = incidents("");
    assertThat(incs).hasSize(1);
    assertThat(incs.get(0).get("status").asText()).isEqualTo("acknowledged");
  }

  @Test
  void eventsAlias_bareEnqueuePath_accepted() {
    Http.R r = http.withoutToken().post("/enqueue", Http.trigger(svc.integrationKey(), "k", "x"));
    assertThat(r.status()).isEqualTo(202);
  }
}
