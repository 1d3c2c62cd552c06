package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.PagerDuty;
import dev.pdkit.model.OnCall;
import dev.pdkit.rest.OnCallQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake renders schedules, answers /oncalls and assigns and escalates incidents through the core
 * on-call engine: restrictions in the schedule's zone across the Berlin DST switch (Sunday
 * 2024-03-31), later layers over earlier ones, level delays and loops on the virtual clock.
 */
class OnCallEngineInFakeTest {
  private static final Instant FRIDAY_0600Z = Instant.parse("2024-03-29T06:00:00Z"); // 07:00 CET

  private FakePagerDuty fake;
  private Http http;
  private String alice;
  private String carol;
  private String manager;
  private String scheduleId;
  private String policyId;

  @BeforeEach
  void start() {
    fake =
        FakePagerDuty.builder()
            .token("test-token")
            .user("admin@example.com")
            .clock(Clock.fixed(FRIDAY_0600Z, ZoneOffset.UTC))
            .start();
    http = new Http(fake).from("admin@example.com");
    alice = fake.seedUser("alice@example.com");
    carol = fake.seedUser("carol@example.com");
    manager = fake.seedUser("manager@example.com");
    // Layer 1: alice around the clock. Layer 2: carol on weekdays 09:00-17:00 Berlin time.
    StringBuilder office = new StringBuilder();
    for (int d = 1; d <= 5; d++) {
      office.append(d > 1 ? "," : "")
          .append("{\"type\":\"weekly_restriction\",\"start_day_of_week\":").append(d)
          .append(",\"start_time_of_day\":\"09:00:00\",\"duration_seconds\":28800}");
    }
    Http.R s =
        http.post(
            "/schedules",
            "{\"schedule\":{\"type\":\"schedule\",\"name\":\"primary\",\"time_zone\":\"Europe/Berlin\",\"schedule_layers\":["
                + layer("base", alice, "")
                + ","
                + layer("office", carol, office.toString())
                + "]}}");
    assertThat(s.status()).as(s.json().toString()).isEqualTo(201);
    scheduleId = s.json().get("schedule").get("id").asText();
    Http.R ep =
        http.post(
            "/escalation_policies",
            "{\"escalation_policy\":{\"type\":\"escalation_policy\",\"name\":\"ops\",\"num_loops\":1,\"escalation_rules\":["
                + "{\"escalation_delay_in_minutes\":10,\"targets\":[{\"id\":\"" + scheduleId + "\",\"type\":\"schedule_reference\"}]},"
                + "{\"escalation_delay_in_minutes\":15,\"targets\":[{\"id\":\"" + manager + "\",\"type\":\"user_reference\"}]}]}}");
    assertThat(ep.status()).as(ep.json().toString()).isEqualTo(201);
    policyId = ep.json().get("escalation_policy").get("id").asText();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static String layer(String name, String userId, String restrictions) {
    return "{\"name\":\"" + name + "\",\"start\":\"2024-03-01T00:00:00Z\",\"rotation_virtual_start\":\"2024-03-01T00:00:00Z\","
        + "\"rotation_turn_length_seconds\":604800,\"users\":[{\"user\":{\"id\":\"" + userId + "\",\"type\":\"user_reference\"}}],"
        + "\"restrictions\":[" + restrictions + "]}";
  }

  private static List<String> entries(JsonNode sub) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : sub.get("rendered_schedule_entries")) {
      out.add(Instant.parse(e.get("start").asText()) + " " + Instant.parse(e.get("end").asText()) + " " + e.get("user").get("id").asText());
    }
    return out;
  }

  @Test
  void getSchedule_withWindow_rendersRestrictionsInLocalTimeAcrossDst() {
    JsonNode s =
        http.get("/schedules/" + scheduleId + "?since=2024-03-29T00:00:00Z&until=2024-04-02T00:00:00Z").json().get("schedule");

    assertThat(entries(s.get("final_schedule")))
        .containsExactly(
            "2024-03-29T00:00:00Z 2024-03-29T08:00:00Z " + alice,
            "2024-03-29T08:00:00Z 2024-03-29T16:00:00Z " + carol, // Fri 09-17 CET
            "2024-03-29T16:00:00Z 2024-04-01T07:00:00Z " + alice,
            "2024-04-01T07:00:00Z 2024-04-01T15:00:00Z " + carol, // Mon 09-17 CEST
            "2024-04-01T15:00:00Z 2024-04-02T00:00:00Z " + alice);
    assertThat(entries(s.get("schedule_layers").get(1)))
        .containsExactly(
            "2024-03-29T08:00:00Z 2024-03-29T16:00:00Z " + carol, "2024-04-01T07:00:00Z 2024-04-01T15:00:00Z " + carol);
    assertThat(s.get("schedule_layers").get(1).get("restrictions").get(0).get("start_time_of_day").asText()).isEqualTo("09:00:00");
  }

  @Test
  void override_winsInFinalScheduleAndAssignment() {
    Http.R o =
        http.post(
            "/schedules/" + scheduleId + "/overrides",
            "{\"override\":{\"start\":\"2024-03-29T05:00:00Z\",\"end\":\"2024-03-29T07:00:00Z\",\"user\":{\"id\":\"" + manager
                + "\",\"type\":\"user_reference\"}}}");
    assertThat(o.status()).as(o.json().toString()).isIn(200, 201);

    SeededService svc = fake.seedService("checkout", policyId);
    http.event(Http.trigger(svc.integrationKey(), "k1", "Disk full"));

    assertThat(fake.incidents().get(0).get("assignments").get(0).get("assignee").get("id").asText()).isEqualTo(manager);
  }

  @Test
  void incident_unacknowledged_escalatesOnTheVirtualClockAndLoops() {
    SeededService svc = fake.seedService("checkout", policyId);
    http.event(Http.trigger(svc.integrationKey(), "k1", "Disk full"));
    assertThat(assignee()).isEqualTo(alice); // 07:00 CET: outside carol's window

    fake.advanceClock(Duration.ofMinutes(10));
    assertThat(assignee()).isEqualTo(manager); // level 2 after rule 1's 10 minutes

    fake.advanceClock(Duration.ofMinutes(15));
    assertThat(assignee()).isEqualTo(alice); // loop 2, level 1

    fake.advanceClock(Duration.ofMinutes(10));
    assertThat(assignee()).isEqualTo(manager);

    fake.advanceClock(Duration.ofMinutes(15)); // num_loops=1: no third pass
    assertThat(assignee()).isEqualTo(manager);
  }

  @Test
  void incident_triggeredInsideTheUpperLayerWindow_goesToThatLayersUser() {
    fake.advanceClock(Duration.ofHours(3)); // 09:00Z = 10:00 CET
    SeededService svc = fake.seedService("checkout", policyId);
    http.event(Http.trigger(svc.integrationKey(), "k1", "Disk full"));

    assertThat(assignee()).isEqualTo(carol);
  }

  @Test
  void oncalls_forThePolicy_comeFromTheEngine() {
    JsonNode oncalls =
        http.get("/oncalls?escalation_policy_ids[]=" + policyId + "&since=2024-03-29T06:00:00Z&until=2024-03-29T12:00:00Z")
            .json()
            .get("oncalls");

    List<String> rows = new ArrayList<>();
    for (JsonNode o : oncalls) {
      rows.add(o.get("escalation_level").asInt() + " " + o.get("user").get("id").asText() + " "
          + (o.get("start").isNull() ? "-" : Instant.parse(o.get("start").asText()).toString()));
    }
    assertThat(rows)
        .containsExactly(
            "1 " + alice + " 2024-03-29T06:00:00Z", "1 " + carol + " 2024-03-29T08:00:00Z", "2 " + manager + " -");
  }

  @Test
  void oncalls_throughTheClient_scheduleUserAndEarliestFilters_overAWindowAcrossDst() {
    Instant since = FRIDAY_0600Z;
    Instant until = Instant.parse("2024-04-02T06:00:00Z"); // Tuesday; Berlin moved to CEST on Sunday
    try (PagerDuty pd = PagerDuty.builder().apiToken("test-token").apiUrl(fake.baseUrl()).build()) {
      List<String> all = rows(pd, OnCallQuery.builder().escalationPolicyIds(policyId).since(since).until(until));
      List<String> bySchedule = rows(pd, OnCallQuery.builder().scheduleIds(scheduleId).since(since).until(until));
      List<String> byUser = rows(pd, OnCallQuery.builder().userIds(carol).since(since).until(until));
      List<String> earliest = rows(pd, OnCallQuery.builder().escalationPolicyIds(policyId).since(since).until(until)
          .earliest(true));
      List<String> nextCarolAfterFriday = rows(pd, OnCallQuery.builder().userIds(carol)
          .since(Instant.parse("2024-03-30T00:00:00Z")).until(until).earliest(true));

      // carol's 09:00-17:00 Berlin window is 08:00-16:00Z on Friday (CET) and 07:00-15:00Z on Monday (CEST)
      assertThat(all).containsExactly(
          "1 " + alice + " 2024-03-29T06:00:00Z", "1 " + carol + " 2024-03-29T08:00:00Z",
          "1 " + alice + " 2024-03-29T16:00:00Z", "1 " + carol + " 2024-04-01T07:00:00Z",
          "1 " + alice + " 2024-04-01T15:00:00Z", "2 " + manager + " -");
      assertThat(bySchedule).isEqualTo(all.subList(0, 5)); // the direct user target is not on a schedule
      assertThat(byUser).containsExactly("1 " + carol + " 2024-03-29T08:00:00Z", "1 " + carol + " 2024-04-01T07:00:00Z");
      assertThat(earliest).containsExactly(
          "1 " + alice + " 2024-03-29T06:00:00Z", "1 " + carol + " 2024-03-29T08:00:00Z", "2 " + manager + " -");
      assertThat(nextCarolAfterFriday).containsExactly("1 " + carol + " 2024-04-01T07:00:00Z");
    }
    Http.R backwards = http.get("/oncalls?since=2024-03-29T06:00:00Z&until=2024-03-28T06:00:00Z");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().get("error").get("code").asInt()).isEqualTo(2004);
  }

  private static List<String> rows(PagerDuty pd, OnCallQuery.Builder q) {
    List<String> rows = new ArrayList<>();
    for (OnCall o : pd.oncalls().list(q.build())) {
      rows.add(o.escalationLevel() + " " + o.user().id() + " " + (o.start() == null ? "-" : o.start().toInstant()));
    }
    return rows;
  }

  @Test
  void createSchedule_invalidRestriction_400NamingTheField() {
    Http.R r =
        http.post(
            "/schedules",
            "{\"schedule\":{\"type\":\"schedule\",\"name\":\"bad\",\"time_zone\":\"UTC\",\"schedule_layers\":["
                + layer("l", alice, "{\"type\":\"weekly_restriction\",\"start_time_of_day\":\"09:00:00\",\"duration_seconds\":60}")
                + "]}}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().toString())
        .contains("schedule.schedule_layers[0].restrictions[0]")
        .contains("start_day_of_week");
  }

  private String assignee() {
    JsonNode inc = fake.incidents().get(0);
    return inc.get("assignments").get(0).get("assignee").get("id").asText();
  }
}
