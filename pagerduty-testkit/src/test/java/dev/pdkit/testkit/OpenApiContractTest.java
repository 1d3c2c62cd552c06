package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.testkit.contract.ContractRecorder;
import dev.pdkit.testkit.contract.ContractRecorder.Exchange;
import dev.pdkit.testkit.contract.OpenApiSpecs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract test: every REST and Events operation the fake implements, driven over loopback HTTP,
 * with each request and response validated against PagerDuty's official OpenAPI documents
 * ({@code src/test/resources/pagerduty-api}, see its SOURCE.md) by the Atlassian
 * swagger-request-validator. Fails on any spec violation and on any route of the fake's router that
 * no exchange reached with a 2xx answer.
 */
class OpenApiContractTest {
  /**
   * Routes the fake serves that PagerDuty's documents do not describe, and why they are kept. The
   * test fails if one of these appears in the documents (then it must be covered instead).
   */
  static final Map<String, String> NOT_IN_SPEC = Map.of(
      "DELETE /services/{id}/integrations/{integration_id}",
      "absent from the REST document, but go-pagerduty calls it (SEMANTICS.md: UNVERIFIED)");

  static OpenApiInteractionValidator rest;
  static OpenApiInteractionValidator events;
  static FakePagerDuty fake;

  @BeforeAll
  static void load() {
    fake = FakePagerDuty.builder().token("contracttoken").user("admin@example.com")
        .userToken("contractusertoken", "admin@example.com").start();
    List<String> routes = fake.server().routes();
    rest = OpenApiSpecs.validator(OpenApiSpecs.forRoutes(
        OpenApiSpecs.rewrite(OpenApiSpecs.read(OpenApiSpecs.REST)).document(), routes));
    events = OpenApiSpecs.validator(OpenApiSpecs.rewrite(OpenApiSpecs.read(OpenApiSpecs.EVENTS)).document());
  }

  @AfterAll
  static void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  /** Where PagerDuty's documents disagree with PagerDuty's documented behaviour (SEMANTICS.md). */
  static final List<ContractRecorder.Erratum> ERRATA = List.of(
      new ContractRecorder.Erratum("GET /schedules/{id}/overrides", 200, Set.of(), 201,
          "the document declares 201 for a GET (SEMANTICS.md: probably a spec error); the body is"
              + " validated against the 201 schema"),
      new ContractRecorder.Erratum("POST /v2/enqueue", 400, Set.of("validation.response.body.unexpected"), 0,
          "the Events document declares no body for 400; PagerDuty's Events docs (and SEMANTICS.md)"
              + " show {status, message, errors[]}"),
      new ContractRecorder.Erratum("POST /v2/change/enqueue", 400, Set.of("validation.response.body.unexpected"), 0,
          "as for /v2/enqueue"));

  private static ContractRecorder recorder() {
    ContractRecorder c = new ContractRecorder(fake.baseUrl().toString(), rest, events, fake.server()::routeOf);
    ERRATA.forEach(c::erratum);
    return c.unvalidated(NOT_IN_SPEC.keySet())
        .header("Accept", "application/vnd.pagerduty+json;version=2")
        .header("Authorization", "Token token=contracttoken")
        .header("From", "admin@example.com")
        // the document requires Content-Type on every operation, GETs included (the fake does not)
        .header("Content-Type", "application/json");
  }

  @Test
  void everyImplementedOperation_conformsToTheOfficialDocuments() {
    fake.reset();
    ContractRecorder c = recorder();
    drive(c);
    Map<String, Set<Integer>> coverage = c.coverage();
    System.out.println("contract coverage (route -> statuses seen), " + coverage.size() + " routes:");
    coverage.forEach((r, s) -> System.out.println("  " + r + " -> " + s));

    System.out.println("warnings (not failures): " + c.warnings().size());
    c.warnings().forEach(w -> System.out.println("  " + w));
    assertThat(c.violations()).as("spec violations").isEmpty();
    List<String> implemented = fake.server().routes().stream().filter(r -> !NOT_IN_SPEC.containsKey(r)).toList();
    assertThat(ContractRecorder.uncovered(implemented, coverage))
        .as("routes of the fake with no 2xx exchange validated against the spec: add them to drive()")
        .isEmpty();
    assertThat(coverage.keySet()).as("exchanges that hit no route").noneMatch(r -> r.startsWith("(no route)"));
  }

  @Test
  void notInSpecRoutes_areReallyAbsentFromTheDocument() {
    JsonNode paths = OpenApiSpecs.read(OpenApiSpecs.REST).get("paths");
    for (String r : NOT_IN_SPEC.keySet()) {
      String method = r.substring(0, r.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
      String template = r.substring(r.indexOf(' ') + 1);
      assertThat(paths.path(template).has(method)).as(r + " is in the document now: cover it").isFalse();
      assertThat(fake.server().routes()).as("stale entry").contains(r);
    }
  }

  @Test
  void theValidator_catchesAResponseThatBreaksTheSpec() {
    // the checker must be able to fail: a 200 incident missing required fields is reported
    var report = rest.validate(
        com.atlassian.oai.validator.model.SimpleRequest.Builder.get("/incidents/PABC123")
            .withHeader("Authorization", "Token token=x")
            .withAccept("application/vnd.pagerduty+json;version=2").build(),
        com.atlassian.oai.validator.model.SimpleResponse.Builder.ok()
            .withContentType("application/json")
            .withBody("{\"incident\":{\"id\":\"PABC123\",\"status\":\"sleeping\"}}").build());
    assertThat(report.hasErrors()).isTrue();
    assertThat(ContractRecorder.uncovered(List.of("GET /nowhere"), Map.of("GET /nowhere", Set.of(404))))
        .containsExactly("GET /nowhere");
  }

  private static String ref(String id, String type) {
    return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\"}";
  }

  /** Drives every route; statuses are asserted so that a broken flow is not mistaken for coverage. */
  private static void drive(ContractRecorder c) {
    Instant now = fake.now();
    Instant day = now.truncatedTo(ChronoUnit.DAYS);
    // ---- account
    ok(c.get("/abilities"), 200);
    ok(c.get("/abilities/teams"), 204);
    ok(c.get("/priorities"), 200);
    // ---- users
    c.header("Authorization", "Token token=contractusertoken");
    String admin = ok(c.get("/users/me"), 200).text("/user/id");
    c.header("Authorization", "Token token=contracttoken");
    ok(c.get("/users?query=admin&total=true"), 200);
    Exchange bobEx = ok(c.post("/users", """
        {"user":{"type":"user","name":"Bob Jones","email":"bob@example.com","role":"user","time_zone":"Europe/Paris"}}"""), 201);
    String bob = bobEx.text("/user/id");
    ok(c.get("/users/" + bob + "?include[]=contact_methods"), 200);
    ok(c.put("/users/" + bob, "{\"user\":{\"type\":\"user\",\"name\":\"Bob J.\",\"email\":\"bob@example.com\",\"job_title\":\"SRE\"}}"), 200);
    ok(c.get("/users/" + bob + "/contact_methods"), 200);
    ok(c.get("/users/" + bob + "/notification_rules"), 200);
    String carol = ok(c.post("/users", """
        {"user":{"type":"user","name":"Carol","email":"carol@example.com"}}"""), 201).text("/user/id");
    // ---- teams
    String team = ok(c.post("/teams", "{\"team\":{\"type\":\"team\",\"name\":\"SRE\",\"description\":\"site\"}}"), 201)
        .text("/team/id");
    ok(c.get("/teams?query=SR"), 200);
    ok(c.get("/teams/" + team), 200);
    ok(c.put("/teams/" + team, "{\"team\":{\"type\":\"team\",\"name\":\"SRE\",\"description\":\"reliability\"}}"), 200);
    ok(c.put("/teams/" + team + "/users/" + bob, "{\"role\":\"responder\"}"), 204);
    ok(c.put("/teams/" + team + "/users/" + carol, "{\"role\":\"observer\"}"), 204);
    ok(c.get("/teams/" + team + "/members"), 200);
    ok(c.delete("/teams/" + team + "/users/" + carol), 204);
    // ---- schedules
    String layers = "\"schedule_layers\":[{\"name\":\"Layer 1\",\"start\":\"" + day + "\",\"rotation_virtual_start\":\"" + day
        + "\",\"rotation_turn_length_seconds\":86400,\"users\":[{\"user\":" + ref(admin, "user_reference")
        + "},{\"user\":" + ref(bob, "user_reference") + "}]}]";
    String sched = ok(c.post("/schedules", "{\"schedule\":{\"type\":\"schedule\",\"name\":\"Primary\",\"time_zone\":\"UTC\","
        + layers + "}}"), 201).text("/schedule/id");
    ok(c.post("/schedules/preview?since=" + day + "&until=" + day.plus(Duration.ofDays(2)),
        "{\"schedule\":{\"type\":\"schedule\",\"name\":\"Preview\",\"time_zone\":\"UTC\"," + layers + "}}"), 200);
    ok(c.get("/schedules?query=Prim"), 200);
    ok(c.get("/schedules/" + sched + "?since=" + day + "&until=" + day.plus(Duration.ofDays(2))), 200);
    ok(c.put("/schedules/" + sched, "{\"schedule\":{\"type\":\"schedule\",\"name\":\"Primary rota\",\"time_zone\":\"UTC\","
        + layers + "}}"), 200);
    ok(c.get("/schedules/" + sched + "/users?since=" + day + "&until=" + day.plus(Duration.ofDays(2))), 200);
    Exchange ov = ok(c.post("/schedules/" + sched + "/overrides", "{\"overrides\":[{\"start\":\"" + day.plus(Duration.ofDays(3))
        + "\",\"end\":\"" + day.plus(Duration.ofDays(3)).plus(Duration.ofHours(12)) + "\",\"user\":"
        + ref(carol, "user_reference") + ",\"time_zone\":\"UTC\"}]}"), 201);
    String override = ov.text("/0/override/id");
    ok(c.get("/schedules/" + sched + "/overrides?since=" + day + "&until=" + day.plus(Duration.ofDays(5))), 200);
    ok(c.delete("/schedules/" + sched + "/overrides/" + override), 204);
    // ---- escalation policies
    String ep = ok(c.post("/escalation_policies", "{\"escalation_policy\":{\"type\":\"escalation_policy\",\"name\":\"Ops\","
        + "\"escalation_rules\":[{\"escalation_delay_in_minutes\":30,\"targets\":[" + ref(admin, "user_reference")
        + "]},{\"escalation_delay_in_minutes\":30,\"targets\":[" + ref(sched, "schedule_reference") + "]}],"
        + "\"num_loops\":1}}"), 201).text("/escalation_policy/id");
    ok(c.get("/escalation_policies?include[]=targets"), 200);
    ok(c.get("/escalation_policies/" + ep), 200);
    ok(c.put("/escalation_policies/" + ep, "{\"escalation_policy\":{\"type\":\"escalation_policy\",\"name\":\"Ops policy\","
        + "\"escalation_rules\":[{\"escalation_delay_in_minutes\":15,\"targets\":[" + ref(admin, "user_reference")
        + "]}]}}"), 200);
    ok(c.put("/teams/" + team + "/escalation_policies/" + ep, null), 204);
    ok(c.delete("/teams/" + team + "/escalation_policies/" + ep), 204);
    ok(c.get("/oncalls?earliest=true"), 200);
    // ---- services and integrations
    String svc = ok(c.post("/services", "{\"service\":{\"type\":\"service\",\"name\":\"web\",\"description\":\"shop\","
        + "\"escalation_policy\":" + ref(ep, "escalation_policy_reference") + "}}"), 201).text("/service/id");
    ok(c.get("/services?include[]=integrations&total=true"), 200);
    ok(c.get("/services/" + svc), 200);
    ok(c.put("/services/" + svc, "{\"service\":{\"type\":\"service\",\"name\":\"web\",\"description\":\"shop front\","
        + "\"escalation_policy\":" + ref(ep, "escalation_policy_reference") + "}}"), 200);
    Exchange integ = ok(c.post("/services/" + svc + "/integrations",
        "{\"integration\":{\"type\":\"events_api_v2_inbound_integration\",\"name\":\"Events\"}}"), 201);
    String integration = integ.text("/integration/id");
    String key = integ.text("/integration/integration_key");
    ok(c.get("/services/" + svc + "/integrations/" + integration), 200);
    ok(c.put("/services/" + svc + "/integrations/" + integration,
        "{\"integration\":{\"type\":\"events_api_v2_inbound_integration\",\"name\":\"Events v2\"}}"), 200);
    String spare = ok(c.post("/services/" + svc + "/integrations",
        "{\"integration\":{\"type\":\"events_api_v2_inbound_integration\",\"name\":\"spare\"}}"), 201).text("/integration/id");
    ok(c.delete("/services/" + svc + "/integrations/" + spare), 204);
    // ---- events
    String trigger = "{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"dedup_key\":\"disk-1\","
        + "\"payload\":{\"summary\":\"Disk full on db-1\",\"source\":\"db-1\",\"severity\":\"critical\","
        + "\"timestamp\":\"" + now + "\",\"component\":\"postgres\",\"group\":\"db\",\"class\":\"disk\","
        + "\"custom_details\":{\"free\":\"0%\"}},\"client\":\"monitor\",\"client_url\":\"https://monitor.example.com\","
        + "\"links\":[{\"href\":\"https://example.com\",\"text\":\"runbook\"}],"
        + "\"images\":[{\"src\":\"https://example.com/graph.png\",\"alt\":\"graph\"}]}";
    ok(c.post("/v2/enqueue", trigger), 202);
    ok(c.post("/enqueue", trigger.replace("disk-1", "disk-2")), 202);
    ok(c.post("/v2/enqueue", "{\"routing_key\":\"" + key + "\",\"event_action\":\"acknowledge\",\"dedup_key\":\"disk-2\"}"), 202);
    ok(c.invalidRequest().post("/v2/enqueue", "{\"routing_key\":\"" + key + "\",\"event_action\":\"bogus\"}"), 400);
    String change = "{\"routing_key\":\"" + key + "\",\"payload\":{\"summary\":\"Deployed v42\",\"source\":\"ci\","
        + "\"timestamp\":\"" + now + "\",\"custom_details\":{\"build\":\"42\"}},"
        + "\"links\":[{\"href\":\"https://ci.example.com/42\",\"text\":\"build\"}]}";
    ok(c.post("/v2/change/enqueue", change), 202);
    ok(c.post("/change/enqueue", change), 202);
    ok(c.invalidRequest().post("/v2/change/enqueue", "{\"routing_key\":\"short\"}"), 400);
    // ---- change events
    String ce = ok(c.get("/change_events"), 200).text("/change_events/0/id");
    ok(c.get("/change_events/" + ce), 200);
    ok(c.get("/services/" + svc + "/change_events"), 200);
    // ---- incidents
    ok(c.get("/incidents?statuses[]=triggered&statuses[]=acknowledged&service_ids[]=" + svc + "&total=true"), 200);
    String fromEvent = ok(c.get("/incidents?incident_key=disk-1"), 200).text("/incidents/0/id");
    String manual = ok(c.post("/incidents", "{\"incident\":{\"type\":\"incident\",\"title\":\"Checkout down\","
        + "\"service\":" + ref(svc, "service_reference") + ",\"urgency\":\"high\"}}"), 201).text("/incident/id");
    String third = ok(c.post("/incidents", "{\"incident\":{\"type\":\"incident\",\"title\":\"Slow search\","
        + "\"service\":" + ref(svc, "service_reference") + "}}"), 201).text("/incident/id");
    ok(c.get("/incidents/" + manual), 200);
    ok(c.put("/incidents/" + manual, "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"acknowledged\"}}"), 200);
    ok(c.post("/incidents/" + manual + "/snooze", "{\"duration\":3600}"), 201);
    ok(c.put("/incidents", "{\"incidents\":[{\"id\":\"" + third + "\",\"type\":\"incident_reference\",\"urgency\":\"low\"}]}"), 200);
    String note = ok(c.post("/incidents/" + manual + "/notes", "{\"note\":{\"content\":\"Looking\"}}"), 200).text("/note/id");
    ok(c.get("/incidents/" + manual + "/notes"), 200);
    ok(c.put("/incidents/" + manual + "/notes/" + note, "{\"note\":{\"content\":\"Rolled back\"}}"), 200);
    ok(c.delete("/incidents/" + manual + "/notes/" + note), 204);
    ok(c.post("/incidents/" + manual + "/status_updates", "{\"message\":\"Rollback in progress\"}"), 200);
    String alert = ok(c.get("/incidents/" + fromEvent + "/alerts"), 200).text("/alerts/0/id");
    ok(c.get("/incidents/" + fromEvent + "/alerts/" + alert), 200);
    ok(c.put("/incidents/" + fromEvent + "/merge", "{\"source_incidents\":[" + ref(third, "incident_reference") + "]}"), 200);
    ok(c.put("/incidents/" + fromEvent + "/alerts", "{\"alerts\":[{\"id\":\"" + alert + "\",\"type\":\"alert\",\"status\":\"resolved\"}]}"), 200);
    String otherIncident = ok(c.get("/incidents?incident_key=disk-2"), 200).text("/incidents/0/id");
    String alert2 = ok(c.get("/incidents/" + otherIncident + "/alerts"), 200).text("/alerts/0/id");
    ok(c.put("/incidents/" + otherIncident + "/alerts/" + alert2, "{\"alert\":{\"type\":\"alert\",\"status\":\"resolved\"}}"), 200);
    String le = ok(c.get("/incidents/" + manual + "/log_entries?is_overview=false"), 200).text("/log_entries/0/id");
    ok(c.get("/log_entries?since=" + day + "&total=true"), 200);
    ok(c.get("/log_entries/" + le), 200);
    ok(c.put("/log_entries/" + le + "/channel", "{\"channel\":{\"type\":\"web_trigger\",\"details\":\"from the contract test\"}}"), 202);
    // OPEN divergence: a responder request writes a responder_request_log_entry, a log-entry type
    // the document does not list (LogEntry.type enum); the request is validated here, after the
    // log-entry listings, so that type is not; see SOURCE.md.
    ok(c.post("/incidents/" + manual + "/responder_requests", "{\"requester_id\":\"" + admin + "\",\"message\":\"Need help\","
        + "\"responder_request_targets\":[{\"responder_request_target\":" + ref(bob, "user_reference") + "}]}"), 200);
    // ---- maintenance windows
    String mw = ok(c.post("/maintenance_windows", "{\"maintenance_window\":{\"type\":\"maintenance_window\",\"start_time\":\""
        + now.plus(Duration.ofHours(1)) + "\",\"end_time\":\"" + now.plus(Duration.ofHours(2)) + "\",\"description\":\"deploy\","
        + "\"services\":[" + ref(svc, "service_reference") + "]}}"), 201).text("/maintenance_window/id");
    ok(c.get("/maintenance_windows?filter=future"), 200);
    ok(c.get("/maintenance_windows/" + mw), 200);
    ok(c.put("/maintenance_windows/" + mw, "{\"maintenance_window\":{\"type\":\"maintenance_window\",\"start_time\":\""
        + now.plus(Duration.ofHours(1)) + "\",\"end_time\":\"" + now.plus(Duration.ofHours(3)) + "\",\"description\":\"big deploy\","
        + "\"services\":[" + ref(svc, "service_reference") + "]}}"), 200);
    ok(c.delete("/maintenance_windows/" + mw), 204);
    // ---- audit records
    ok(c.get("/audit/records?limit=10"), 200);
    ok(c.get("/users/" + bob + "/audit/records"), 200);
    ok(c.get("/teams/" + team + "/audit/records"), 200);
    ok(c.get("/schedules/" + sched + "/audit/records"), 200);
    ok(c.get("/escalation_policies/" + ep + "/audit/records"), 200);
    ok(c.get("/services/" + svc + "/audit/records"), 200);
    // ---- errors are PagerDuty-shaped too
    ok(c.get("/services/PNOSUCH"), 404);
    ok(c.invalidRequest().post("/teams", "{\"team\":{\"type\":\"team\"}}"), 400);
    ok(c.invalidRequest().get("/incidents?limit=100&offset=9950"), 400);
    c.header("Authorization", "Token token=wrong1");
    ok(c.get("/services"), 401);
    c.header("Authorization", "Token token=contracttoken");
    // ---- deletes last
    ok(c.delete("/services/" + svc), 204);
    ok(c.delete("/escalation_policies/" + ep), 204);
    ok(c.delete("/schedules/" + sched), 204);
    ok(c.delete("/teams/" + team), 204);
    ok(c.delete("/users/" + carol), 204);
  }

  private static Exchange ok(Exchange e, int expected) {
    assertThat(e.status()).as(e.method() + " " + e.path() + ": " + e.json()).isEqualTo(expected);
    return e;
  }
}
