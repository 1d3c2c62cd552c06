package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.PagerDuty;
import dev.pdkit.escalation.AutoEscalationRule;
import dev.pdkit.escalation.Escalations;
import dev.pdkit.escalation.RuleAction;
import dev.pdkit.model.IncidentNote;
import dev.pdkit.model.Urgency;
import dev.pdkit.oncall.EscalationStep;
import dev.pdkit.oncall.EscalationTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** dev.pdkit.escalation through the real client against the fake on loopback. */
class EscalationsAgainstFakeTest {
  private static final Instant T0 = Instant.parse("2024-03-29T06:00:00Z");

  private FakePagerDuty fake;
  private PagerDuty pd;
  private Escalations esc;
  private String alice;
  private String bob;
  private String manager;
  private SeededService svc;

  @BeforeEach
  void start() {
    fake = FakePagerDuty.builder().token("test-token").user("admin@example.com").clock(Clock.fixed(T0, ZoneOffset.UTC)).start();
    pd = PagerDuty.builder().apiToken("test-token").from("admin@example.com").apiUrl(fake.baseUrl()).build();
    esc = Escalations.of(pd);
    Http http = new Http(fake).from("admin@example.com");
    alice = fake.seedUser("alice@example.com");
    bob = fake.seedUser("bob@example.com");
    manager = fake.seedUser("manager@example.com");
    // daily rotation alice, bob with handoff at 06:20Z
    Http.R s =
        http.post(
            "/schedules",
            "{\"schedule\":{\"type\":\"schedule\",\"name\":\"primary\",\"time_zone\":\"UTC\",\"schedule_layers\":[{"
                + "\"start\":\"2024-03-01T00:00:00Z\",\"rotation_virtual_start\":\"2024-03-28T06:20:00Z\","
                + "\"rotation_turn_length_seconds\":86400,\"users\":[{\"user\":{\"id\":\"" + bob + "\",\"type\":\"user_reference\"}},"
                + "{\"user\":{\"id\":\"" + alice + "\",\"type\":\"user_reference\"}}]}]}}");
    assertThat(s.status()).as(s.json().toString()).isEqualTo(201);
    String scheduleId = s.json().get("schedule").get("id").asText();
    Http.R ep =
        http.post(
            "/escalation_policies",
            "{\"escalation_policy\":{\"type\":\"escalation_policy\",\"name\":\"ops\",\"num_loops\":0,\"escalation_rules\":["
                + "{\"escalation_delay_in_minutes\":30,\"targets\":[{\"id\":\"" + scheduleId + "\",\"type\":\"schedule_reference\"}]},"
                + "{\"escalation_delay_in_minutes\":30,\"targets\":[{\"id\":\"" + manager + "\",\"type\":\"user_reference\"}]}]}}");
    assertThat(ep.status()).as(ep.json().toString()).isEqualTo(201);
    svc = fake.seedService("checkout", ep.json().get("escalation_policy").get("id").asText());
  }

  @AfterEach
  void stop() {
    pd.close();
    fake.close();
  }

  @Test
  void previewTimeline_forService_resolvesScheduleAtEachLevel() {
    EscalationTimeline tl = esc.previewTimeline(svc.serviceId(), T0);

    assertThat(tl.steps()).extracting(EscalationStep::level).containsExactly(1, 2);
    assertThat(tl.steps().get(0).userIds()).containsExactly(bob); // before the 06:20 handoff
    assertThat(tl.steps().get(1).offset()).isEqualTo(Duration.ofMinutes(30));
    assertThat(tl.steps().get(1).userIds()).containsExactly(manager);
    assertThat(esc.previewTimeline(svc.serviceId(), T0.plus(Duration.ofMinutes(30))).steps().get(0).userIds())
        .containsExactly(alice);
  }

  @Test
  void applyRules_matchingIncident_escalatesOnceAndNotes_idempotentOnRerun() {
    new Http(fake).event(Http.trigger(svc.integrationKey(), "k1", "checkout down"));
    String incidentId = fake.incidents().get(0).get("id").asText();
    AutoEscalationRule rule =
        new AutoEscalationRule("high-unacked-10m", Urgency.HIGH, Duration.ofMinutes(10), 2, "unacknowledged for 10 minutes");

    assertThat(esc.applyRules(List.of(rule), fake.now())).isEmpty(); // too young

    fake.advanceClock(Duration.ofMinutes(11));
    assertThat(esc.applyRules(List.of(rule), fake.now()))
        .containsExactly(new RuleAction("high-unacked-10m", incidentId, 2, true));
    assertThat(assignee()).isEqualTo(manager);

    assertThat(esc.applyRules(List.of(rule), fake.now()))
        .containsExactly(new RuleAction("high-unacked-10m", incidentId, 2, false));
    List<IncidentNote> notes = pd.incidents().notes(incidentId);
    assertThat(notes).singleElement().satisfies(n -> assertThat(n.content())
        .isEqualTo("[pdkit-escalation-rule:high-unacked-10m] unacknowledged for 10 minutes"));
  }

  @Test
  void escalateAndReassign_withNotes() {
    new Http(fake).event(Http.trigger(svc.integrationKey(), "k1", "checkout down"));
    String incidentId = fake.incidents().get(0).get("id").asText();

    esc.escalate(incidentId, 2, "paging level 2");
    assertThat(assignee()).isEqualTo(manager);
    esc.reassign(incidentId, List.of(alice), "alice knows checkout");
    assertThat(assignee()).isEqualTo(alice);
    esc.escalate(incidentId, 1, null);

    assertThat(pd.incidents().notes(incidentId)).extracting(IncidentNote::content)
        .containsExactlyInAnyOrder("paging level 2", "alice knows checkout");
  }

  private String assignee() {
    return fake.incidents().get(0).get("assignments").get(0).get("assignee").get("id").asText();
  }
}
