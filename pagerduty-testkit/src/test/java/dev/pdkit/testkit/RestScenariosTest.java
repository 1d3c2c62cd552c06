package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestScenariosTest {
  static FakePagerDuty fake;
  Http http;
  String admin;
  String bob;

  @BeforeAll
  static void start() {
    fake = FakePagerDuty.builder().token("t").user("admin@example.com").user("bob@example.com").start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
    http = new Http(fake).token("t").from("admin@example.com");
    admin = fake.userId("admin@example.com");
    bob = fake.userId("bob@example.com");
  }

  private String createEp(String name, String userId) {
    Http.R r = http.post("/escalation_policies", "{\"escalation_policy\":{\"type\":\"escalation_policy\",\"name\":\"" + name
        + "\",\"escalation_rules\":[{\"escalation_delay_in_minutes\":15,\"targets\":[{\"id\":\"" + userId
        + "\",\"type\":\"user_reference\"}]}]}}");
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("escalation_policy").get("id").asText();
  }

  private String createService(String name, String epId) {
    Http.R r = http.post("/services", "{\"service\":{\"type\":\"service\",\"name\":\"" + name
        + "\",\"escalation_policy\":{\"id\":\"" + epId + "\",\"type\":\"escalation_policy_reference\"}}}");
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("service").get("id").asText();
  }

  @Test
  void service_crudWithDefaultsReadOnlyFieldsIgnoredAndDelete204() {
    String ep = createEp("EP", admin);
    Http.R r = http.post("/services", "{\"service\":{\"type\":\"service\",\"name\":\"web\",\"created_at\":\"1999-01-01T00:00:00Z\","
        + "\"unknown_field\":true,\"escalation_policy\":{\"id\":\"" + ep + "\",\"type\":\"escalation_policy_reference\"}}}");
    assertThat(r.status()).isEqualTo(201);
    JsonNode s = r.json().get("service");
    assertThat(s.get("auto_resolve_timeout").asInt()).isEqualTo(14400);
    assertThat(s.get("acknowledgement_timeout").asInt()).isEqualTo(1800);
    assertThat(s.get("status").asText()).isEqualTo("active");
    assertThat(s.get("created_at").asText()).doesNotStartWith("1999");
    assertThat(s.has("unknown_field")).isFalse();
    assertThat(s.get("escalation_policy").get("summary").asText()).isEqualTo("EP");
    String id = s.get("id").asText();
    Http.R upd = http.put("/services/" + id, "{\"service\":{\"description\":\"shop\",\"auto_resolve_timeout\":null}}");
    assertThat(upd.status()).isEqualTo(200);
    assertThat(upd.json().get("service").get("description").asText()).isEqualTo("shop");
    assertThat(upd.json().get("service").get("auto_resolve_timeout").isNull()).isTrue();
    assertThat(upd.json().get("service").get("name").asText()).isEqualTo("web");
    assertThat(http.delete("/services/" + id).status()).isEqualTo(204);
    assertThat(http.get("/services/" + id).status()).isEqualTo(404);
  }

  @Test
  void service_missingEscalationPolicyOrDuplicateName_400() {
    Http.R r = http.post("/services", "{\"service\":{\"type\":\"service\",\"name\":\"x\"}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("errors").get(0).asText()).contains("escalation_policy");
    String ep = createEp("EP", admin);
    createService("dup", ep);
    Http.R dup = http.post("/services", "{\"service\":{\"type\":\"service\",\"name\":\"dup\",\"escalation_policy\":{\"id\":\"" + ep + "\"}}}");
    assertThat(dup.status()).isEqualTo(400);
    assertThat(http.post("/services", "not json").status()).isEqualTo(400);
  }

  @Test
  void integration_createEventsV2_has32CharKeyAndShowsInIncludes() {
    String sid = createService("web", createEp("EP", admin));
    Http.R r = http.post("/services/" + sid + "/integrations",
        "{\"integration\":{\"type\":\"events_api_v2_inbound_integration\",\"name\":\"prom\"}}");
    assertThat(r.status()).isEqualTo(201);
    String key = r.json().get("integration").get("integration_key").asText();
    assertThat(key).hasSize(32);
    String iid = r.json().get("integration").get("id").asText();
    assertThat(http.get("/services/" + sid + "/integrations/" + iid).json().get("integration").get("name").asText()).isEqualTo("prom");
    JsonNode svc = http.get("/services/" + sid + "?include[]=integrations").json().get("service");
    assertThat(svc.get("integrations").get(0).get("integration_key").asText()).isEqualTo(key);
    assertThat(http.event(Http.trigger(key, "k", "via REST-made integration")).status()).isEqualTo(202);
    assertThat(fake.incidents()).hasSize(1);
  }

  @Test
  void escalationPolicy_deleteInUse400ThenFree204() {
    String ep = createEp("EP", admin);
    String sid = createService("web", ep);
    JsonNode got = http.get("/escalation_policies/" + ep).json().get("escalation_policy");
    assertThat(got.get("services").get(0).get("id").asText()).isEqualTo(sid);
    assertThat(got.get("escalation_rules").get(0).get("id").asText()).matches("P[A-Z0-9]{6}");
    assertThat(http.delete("/escalation_policies/" + ep).status()).isEqualTo(400);
    http.delete("/services/" + sid);
    assertThat(http.delete("/escalation_policies/" + ep).status()).isEqualTo(204);
  }

  @Test
  void escalationPolicy_invalidRules_400NamingTheField() {
    Http.R r = http.post("/escalation_policies", "{\"escalation_policy\":{\"type\":\"escalation_policy\",\"name\":\"x\","
        + "\"escalation_rules\":[{\"targets\":[]}]}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("errors").get(0).asText()).contains("escalation_rules[0]");
    Http.R t = http.post("/escalation_policies", "{\"escalation_policy\":{\"type\":\"escalation_policy\",\"name\":\"x\","
        + "\"escalation_rules\":[{\"escalation_delay_in_minutes\":5,\"targets\":[{\"id\":\"PNOPE00\",\"type\":\"user_reference\"}]}]}}");
    assertThat(t.json().get("error").get("errors").get(0).asText()).contains("PNOPE00");
  }

  @Test
  void teams_membersAndEscalationPolicies() {
    String team = http.post("/teams", "{\"team\":{\"type\":\"team\",\"name\":\"SRE\"}}").json().get("team").get("id").asText();
    assertThat(http.put("/teams/" + team + "/users/" + bob, "{\"role\":\"responder\"}").status()).isEqualTo(204);
    JsonNode members = http.get("/teams/" + team + "/members").json().get("members");
    assertThat(members).hasSize(1);
    assertThat(members.get(0).get("role").asText()).isEqualTo("responder");
    assertThat(http.get("/users/" + bob).json().get("user").get("teams").get(0).get("id").asText()).isEqualTo(team);
    assertThat(http.get("/users?team_ids[]=" + team).json().get("users")).hasSize(1);
    String ep = createEp("EP", admin);
    assertThat(http.put("/teams/" + team + "/escalation_policies/" + ep, "").status()).isEqualTo(204);
    assertThat(http.get("/escalation_policies?team_ids[]=" + team).json().get("escalation_policies")).hasSize(1);
    Http.R del = http.delete("/teams/" + team);
    assertThat(del.status()).isEqualTo(400);
    assertThat(del.json().get("error").get("code").asInt()).isEqualTo(6006);
    http.delete("/teams/" + team + "/escalation_policies/" + ep);
    assertThat(http.delete("/teams/" + team).status()).isEqualTo(204);
  }

  @Test
  void users_queryFilterAndUpdateAndDelete() {
    assertThat(http.get("/users?query=bob").json().get("users")).hasSize(1);
    Http.R r = http.put("/users/" + bob, "{\"user\":{\"job_title\":\"SRE\",\"role\":\"observer\"}}");
    assertThat(r.json().get("user").get("job_title").asText()).isEqualTo("SRE");
    assertThat(http.put("/users/" + bob, "{\"user\":{\"role\":\"king\"}}").status()).isEqualTo(400);
    assertThat(http.delete("/users/" + bob).status()).isEqualTo(204);
    assertThat(http.get("/users/" + bob).status()).isEqualTo(404);
  }

  @Test
  void abilities_listAndCheck204Or402() {
    assertThat(http.get("/abilities").json().get("abilities").toString()).contains("teams");
    assertThat(http.get("/abilities/teams").status()).isEqualTo(204);
    Http.R no = http.get("/abilities/time_travel");
    assertThat(no.status()).isEqualTo(402);
  }

  @Test
  void pagination_defaultsMoreAndTotalOnlyWhenAsked() {
    for (int i = 0; i < 30; i++) {
      fake.seedUser("u" + i + "@example.com");
    }
    JsonNode first = http.get("/users").json();
    assertThat(first.get("users")).hasSize(25);
    assertThat(first.get("limit").asInt()).isEqualTo(25);
    assertThat(first.get("offset").asInt()).isZero();
    assertThat(first.get("more").asBoolean()).isTrue();
    assertThat(first.get("total").isNull()).isTrue();
    JsonNode second = http.get("/users?offset=25&total=true").json();
    assertThat(second.get("users")).hasSize(7);
    assertThat(second.get("more").asBoolean()).isFalse();
    assertThat(second.get("total").asInt()).isEqualTo(32);
    assertThat(http.get("/users?limit=500").json().get("limit").asInt()).isEqualTo(100);
  }

  @Test
  void pagination_offsetPlusLimit10000Ok_10001Is400() {
    assertThat(http.get("/users?offset=9900&limit=100").status()).isEqualTo(200);
    Http.R r = http.get("/users?offset=9901&limit=100");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("code").asInt()).isEqualTo(2001);
    assertThat(http.get("/users?limit=abc").status()).isEqualTo(400);
    assertThat(http.get("/users?offset=-1").status()).isEqualTo(400);
  }

  @Test
  void schedules_crudRenderOverridesAndOncalls() {
    Instant start = fake.now().truncatedTo(ChronoUnit.DAYS);
    Http.R r = http.post("/schedules", "{\"schedule\":{\"type\":\"schedule\",\"name\":\"Primary\",\"time_zone\":\"UTC\","
        + "\"schedule_layers\":[{\"start\":\"" + start + "\",\"rotation_virtual_start\":\"" + start
        + "\",\"rotation_turn_length_seconds\":86400,\"users\":[{\"user\":{\"id\":\"" + admin + "\",\"type\":\"user_reference\"}},"
        + "{\"user\":{\"id\":\"" + bob + "\",\"type\":\"user_reference\"}}]}]}}");
    assertThat(r.status()).isEqualTo(201);
    String sid = r.json().get("schedule").get("id").asText();
    assertThat(r.json().get("schedule").get("users")).hasSize(2);
    JsonNode rendered = http.get("/schedules/" + sid + "?since=" + start + "&until=" + start.plus(Duration.ofDays(2)))
        .json().get("schedule");
    JsonNode entries = rendered.get("final_schedule").get("rendered_schedule_entries");
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get("user").get("id").asText()).isEqualTo(admin);
    assertThat(entries.get(1).get("user").get("id").asText()).isEqualTo(bob);
    assertThat(rendered.get("final_schedule").get("rendered_coverage_percentage").asDouble()).isEqualTo(100.0);
    Http.R ov = http.post("/schedules/" + sid + "/overrides", "{\"overrides\":[{\"start\":\"" + start
        + "\",\"end\":\"" + start.plus(Duration.ofHours(12)) + "\",\"user\":{\"id\":\"" + bob + "\",\"type\":\"user_reference\"}},"
        + "{\"start\":\"" + start + "\",\"end\":\"" + start + "\",\"user\":{\"id\":\"" + bob + "\"}}]}");
    assertThat(ov.status()).isEqualTo(201);
    assertThat(ov.json().get(0).get("status").asInt()).isEqualTo(201);
    assertThat(ov.json().get(1).get("status").asInt()).isEqualTo(400);
    JsonNode withOverride = http.get("/schedules/" + sid + "?since=" + start + "&until=" + start.plus(Duration.ofDays(1)))
        .json().get("schedule").get("final_schedule").get("rendered_schedule_entries");
    assertThat(withOverride.get(0).get("user").get("id").asText()).isEqualTo(bob);
    assertThat(http.get("/schedules/" + sid + "/overrides").status()).isEqualTo(400);
    assertThat(http.get("/schedules/" + sid + "/overrides?since=" + start + "&until=" + start.plus(Duration.ofDays(1)))
        .json().get("overrides")).hasSize(1);
    // an EP targeting the schedule: on-calls and incident assignment follow it
    Http.R ep = http.post("/escalation_policies", "{\"escalation_policy\":{\"type\":\"escalation_policy\",\"name\":\"sched\","
        + "\"escalation_rules\":[{\"escalation_delay_in_minutes\":5,\"targets\":[{\"id\":\"" + sid + "\",\"type\":\"schedule_reference\"}]}]}}");
    String epId = ep.json().get("escalation_policy").get("id").asText();
    JsonNode oncalls = http.get("/oncalls?escalation_policy_ids[]=" + epId + "&since=" + start.plus(Duration.ofHours(13))
        + "&until=" + start.plus(Duration.ofHours(14))).json().get("oncalls");
    assertThat(oncalls).hasSize(1);
    assertThat(oncalls.get(0).get("user").get("id").asText()).isEqualTo(admin);
    assertThat(oncalls.get(0).get("schedule").get("id").asText()).isEqualTo(sid);
    assertThat(http.delete("/schedules/" + sid).status()).isEqualTo(400); // used by the EP
  }

  @Test
  void schedule_missingTimeZoneOrLayerFields_400() {
    assertThat(http.post("/schedules", "{\"schedule\":{\"type\":\"schedule\",\"schedule_layers\":[]}}").status()).isEqualTo(400);
    Http.R r = http.post("/schedules", "{\"schedule\":{\"type\":\"schedule\",\"time_zone\":\"UTC\",\"schedule_layers\":[{\"start\":\"2026-01-01T00:00:00Z\"}]}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("errors").get(0).asText()).contains("schedule_layers[0]");
  }

  @Test
  void oncalls_userTargetsArePermanent() {
    String ep = createEp("EP", bob);
    JsonNode oncalls = http.get("/oncalls?escalation_policy_ids[]=" + ep).json().get("oncalls");
    assertThat(oncalls).hasSize(1);
    assertThat(oncalls.get(0).get("user").get("id").asText()).isEqualTo(bob);
    assertThat(oncalls.get(0).get("start").isNull()).isTrue();
    assertThat(oncalls.get(0).get("escalation_level").asInt()).isEqualTo(1);
  }

  @Test
  void maintenanceWindows_createPastStartMovedFilterAndDelete() {
    String sid = createService("web", createEp("EP", admin));
    Http.R r = http.post("/maintenance_windows", "{\"maintenance_window\":{\"type\":\"maintenance_window\",\"start_time\":\""
        + fake.now().minus(Duration.ofHours(1)) + "\",\"end_time\":\"" + fake.now().plus(Duration.ofHours(1))
        + "\",\"description\":\"deploy\",\"services\":[{\"id\":\"" + sid + "\",\"type\":\"service_reference\"}]}}");
    assertThat(r.status()).isEqualTo(201);
    JsonNode mw = r.json().get("maintenance_window");
    assertThat(mw.get("start_time").asText()).isEqualTo(fake.now().truncatedTo(ChronoUnit.SECONDS).toString());
    assertThat(mw.get("created_by").get("id").asText()).isEqualTo(admin);
    assertThat(http.get("/maintenance_windows?filter=ongoing").json().get("maintenance_windows")).hasSize(1);
    assertThat(http.get("/maintenance_windows?filter=future").json().get("maintenance_windows")).isEmpty();
    Http.R past = http.post("/maintenance_windows", "{\"maintenance_window\":{\"type\":\"maintenance_window\",\"start_time\":\""
        + fake.now().minus(Duration.ofHours(2)) + "\",\"end_time\":\"" + fake.now().minus(Duration.ofHours(1))
        + "\",\"services\":[{\"id\":\"" + sid + "\"}]}}");
    assertThat(past.status()).isEqualTo(400);
    String id = mw.get("id").asText();
    assertThat(http.delete("/maintenance_windows/" + id).status()).isEqualTo(204);
    fake.advanceClock(Duration.ofMinutes(1));
    Http.R ended = http.delete("/maintenance_windows/" + id);
    assertThat(ended.status()).isEqualTo(405);
    assertThat(ended.json().get("error").get("code").asInt()).isEqualTo(5003);
  }

  @Test
  void auditRecords_newestFirstWithCursorPagination() {
    String ep = createEp("EP", admin);
    createService("a", ep);
    createService("b", ep);
    JsonNode page1 = http.get("/audit/records?limit=2").json();
    assertThat(page1.get("records")).hasSize(2);
    assertThat(page1.get("records").get(0).get("root_resource").get("summary").asText()).isEqualTo("b");
    assertThat(page1.get("records").get(0).get("action").asText()).isEqualTo("create");
    String cursor = page1.get("next_cursor").asText();
    JsonNode page2 = http.get("/audit/records?limit=2&cursor=" + cursor).json();
    assertThat(page2.get("records")).hasSize(1);
    assertThat(page2.get("next_cursor").isNull()).isTrue();
    assertThat(http.get("/escalation_policies/" + ep + "/audit/records").json().get("records")).hasSize(1);
    assertThat(http.get("/audit/records?cursor=garbage!").status()).isEqualTo(400);
    http.put("/escalation_policies/" + ep, "{\"escalation_policy\":{\"name\":\"EP renamed\"}}");
    JsonNode upd = http.get("/audit/records?actions[]=update").json().get("records").get(0);
    assertThat(upd.get("details").get("fields").get(0).get("name").asText()).isEqualTo("name");
    assertThat(upd.get("details").get("fields").get(0).get("value").asText()).isEqualTo("EP renamed");
    assertThat(upd.get("details").get("fields").get(0).get("before_value").asText()).isEqualTo("EP");
    assertThat(upd.get("method").get("type").asText()).isEqualTo("api_token");
  }

  @Test
  void head_answeredLikeGetWithoutBody() {
    Http.R r = http.send("HEAD", "/users", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().body()).isEmpty();
    assertThat(http.withoutToken().send("HEAD", "/users", null).status()).isEqualTo(401);
  }

  @Test
  void unknownEndpoint404AndWrongMethod405() {
    assertThat(http.get("/nothing/here").status()).isEqualTo(404);
    assertThat(http.send("PATCH", "/services", "{}").status()).isEqualTo(405);
  }
}
