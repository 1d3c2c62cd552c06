package dev.pdkit.escalation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.model.Urgency;
import dev.pdkit.oncall.EscalationStep;
import dev.pdkit.oncall.EscalationTimeline;
import dev.pdkit.support.WireMockSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EscalationsTest {
  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  private static final Instant T0 = Instant.parse("2024-03-29T06:00:00Z");
  private static final String INCIDENT =
      "{\"id\":\"PINC\",\"type\":\"incident\",\"incident_number\":1,\"status\":\"triggered\",\"urgency\":\"%s\","
          + "\"created_at\":\"2024-03-29T05:45:00Z\",\"service\":{\"id\":\"PSVC\",\"type\":\"service_reference\"},"
          + "\"assignments\":[]}";

  private PagerDuty pd;
  private Escalations esc;

  @BeforeEach
  void setUp() {
    pd = PagerDuty.builder().apiUrl(wm.baseUrl()).apiToken(WireMockSupport.TOKEN).from("ops@example.com")
        .retryPolicy(dev.pdkit.RetryPolicy.none()).build();
    esc = Escalations.of(pd);
  }

  @AfterEach
  void tearDown() {
    pd.close();
  }

  private static void stubPolicy() {
    wm.stubFor(get(urlPathEqualTo("/services/PSVC")).willReturn(okJson(
        "{\"service\":{\"id\":\"PSVC\",\"type\":\"service\",\"name\":\"checkout\","
            + "\"escalation_policy\":{\"id\":\"PEP\",\"type\":\"escalation_policy_reference\"}}}")));
    wm.stubFor(get(urlPathEqualTo("/escalation_policies/PEP")).willReturn(okJson(
        "{\"escalation_policy\":{\"id\":\"PEP\",\"type\":\"escalation_policy\",\"name\":\"ops\",\"num_loops\":1,"
            + "\"escalation_rules\":[{\"escalation_delay_in_minutes\":20,\"targets\":[{\"id\":\"PS1\",\"type\":\"schedule_reference\"}]},"
            + "{\"escalation_delay_in_minutes\":10,\"targets\":[{\"id\":\"PMGR\",\"type\":\"user_reference\"}]}]}}")));
    wm.stubFor(get(urlPathEqualTo("/schedules/PS1")).willReturn(okJson(
        "{\"schedule\":{\"id\":\"PS1\",\"type\":\"schedule\",\"time_zone\":\"Europe/Berlin\",\"schedule_layers\":[],"
            + "\"final_schedule\":{\"name\":\"Final Schedule\",\"rendered_schedule_entries\":["
            + "{\"start\":\"2024-03-29T06:00:00+01:00\",\"end\":\"2024-03-29T07:15:00+01:00\",\"user\":{\"id\":\"PBOB\",\"type\":\"user_reference\"}},"
            + "{\"start\":\"2024-03-29T07:15:00+01:00\",\"end\":\"2024-03-29T08:00:00+01:00\",\"user\":{\"id\":\"PALICE\",\"type\":\"user_reference\"}}]}}}")));
  }

  @Test
  void previewTimeline_resolvesScheduleTargetsFromTheServersRendering() {
    stubPolicy();

    EscalationTimeline tl = esc.previewTimeline("PSVC", T0);

    assertThat(tl.policyId()).isEqualTo("PEP");
    assertThat(tl.steps())
        .extracting(s -> s.offset().toMinutes(), EscalationStep::level, EscalationStep::loop, EscalationStep::userIds)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, 1, 1, List.of("PBOB")),
            org.assertj.core.groups.Tuple.tuple(20L, 2, 1, List.of("PMGR")),
            org.assertj.core.groups.Tuple.tuple(30L, 1, 2, List.of("PALICE")),
            org.assertj.core.groups.Tuple.tuple(50L, 2, 2, List.of("PMGR")));
    wm.verify(getRequestedFor(urlPathEqualTo("/schedules/PS1"))
        .withQueryParam("since", equalTo("2024-03-29T06:00:00Z"))
        .withQueryParam("until", equalTo("2024-03-29T07:01:00Z")));
  }

  @Test
  void onCallAt_givesEachLevelWithTheRenderedShift() {
    stubPolicy();

    assertThat(esc.onCallAt("PEP", T0))
        .containsExactly(
            new dev.pdkit.oncall.OnCallEntry("PEP", 1, "PBOB", "PS1", T0.minus(Duration.ofHours(1)), Instant.parse("2024-03-29T06:15:00Z")),
            new dev.pdkit.oncall.OnCallEntry("PEP", 2, "PMGR", null, null, null));
  }

  @Test
  void previewTimeline_serviceWithoutPolicy_failsClearly() {
    wm.stubFor(get(urlPathEqualTo("/services/PSVC")).willReturn(okJson(
        "{\"service\":{\"id\":\"PSVC\",\"type\":\"service\",\"name\":\"checkout\"}}")));

    assertThatThrownBy(() -> esc.previewTimeline("PSVC", T0))
        .isInstanceOf(PagerDutyException.class)
        .hasMessageContaining("service PSVC has no escalation policy");
  }

  @Test
  void applyRules_escalatesAndNotesOnce_thenSeesItsMarker() {
    wm.stubFor(get(urlPathEqualTo("/incidents")).willReturn(okJson(
        "{\"incidents\":[" + INCIDENT.formatted("high") + "],\"limit\":100,\"offset\":0,\"more\":false}")));
    wm.stubFor(get(urlPathEqualTo("/incidents/PINC/notes")).inScenario("notes").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(okJson("{\"notes\":[]}")));
    wm.stubFor(put(urlPathEqualTo("/incidents/PINC")).willReturn(okJson("{\"incident\":" + INCIDENT.formatted("high") + "}")));
    wm.stubFor(post(urlPathEqualTo("/incidents/PINC/notes")).inScenario("notes").willSetStateTo("noted")
        .willReturn(okJson("{\"note\":{\"id\":\"PN1\",\"content\":\"[pdkit-escalation-rule:r1] late\"}}")));
    wm.stubFor(get(urlPathEqualTo("/incidents/PINC/notes")).inScenario("notes").whenScenarioStateIs("noted")
        .willReturn(okJson("{\"notes\":[{\"id\":\"PN1\",\"content\":\"[pdkit-escalation-rule:r1] late\"}]}")));
    AutoEscalationRule r1 = new AutoEscalationRule("r1", Urgency.HIGH, Duration.ofMinutes(10), 2, "late");
    AutoEscalationRule lowOnly = new AutoEscalationRule("low", Urgency.LOW, Duration.ZERO, 3, "x");
    AutoEscalationRule notYet = new AutoEscalationRule("slow", null, Duration.ofHours(1), 3, "x");

    assertThat(esc.applyRules(List.of(r1, lowOnly, notYet), T0)).containsExactly(new RuleAction("r1", "PINC", 2, true));
    assertThat(esc.applyRules(List.of(r1), T0)).containsExactly(new RuleAction("r1", "PINC", 2, false));
    assertThat(esc.applyRules(List.of(), T0)).isEmpty();

    wm.verify(1, putRequestedFor(urlPathEqualTo("/incidents/PINC"))
        .withRequestBody(matchingJsonPath("$.incident.escalation_level", equalTo("2"))));
    wm.verify(1, postRequestedFor(urlPathEqualTo("/incidents/PINC/notes"))
        .withRequestBody(matchingJsonPath("$.note.content", equalTo("[pdkit-escalation-rule:r1] late"))));
  }

  @Test
  void reassign_withNote_putsAssignmentsThenNotes() {
    wm.stubFor(put(urlPathEqualTo("/incidents/PINC")).willReturn(okJson("{\"incident\":" + INCIDENT.formatted("low") + "}")));
    wm.stubFor(post(urlPathEqualTo("/incidents/PINC/notes")).willReturn(okJson("{\"note\":{\"id\":\"PN1\",\"content\":\"why\"}}")));

    assertThat(esc.reassign("PINC", List.of("PALICE"), "why").id()).isEqualTo("PINC");
    assertThat(esc.reassign("PINC", List.of("PALICE"), null).id()).isEqualTo("PINC");
    assertThat(esc.escalate("PINC", 1, null).id()).isEqualTo("PINC");

    wm.verify(1, postRequestedFor(urlPathEqualTo("/incidents/PINC/notes")));
    assertThatThrownBy(() -> esc.escalate("PINC", 0, null)).hasMessageContaining("at least 1, was 0");
  }

  @Test
  void rule_validation() {
    assertThatThrownBy(() -> new AutoEscalationRule(" ", null, Duration.ZERO, 1, "n")).hasMessageContaining("non-blank");
    assertThatThrownBy(() -> new AutoEscalationRule("r", null, Duration.ofMinutes(-1), 1, "n")).hasMessageContaining("negative");
    assertThatThrownBy(() -> new AutoEscalationRule("r", null, Duration.ZERO, 0, "n")).hasMessageContaining("at least 1");
    assertThat(new AutoEscalationRule("r", null, Duration.ZERO, 1, "n").marker()).isEqualTo("[pdkit-escalation-rule:r]");
  }
}
