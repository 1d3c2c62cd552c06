package dev.pdkit.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnCallEngineTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  /** PRIMARY: daily rotation A, B with handoff at 00:00 UTC. */
  private static final ScheduleDefinition PRIMARY =
      ScheduleDefinition.builder()
          .id("PRIMARY")
          .timeZone(UTC)
          .addLayer(
              LayerDefinition.builder()
                  .start(t("2024-01-01T00:00:00Z"))
                  .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
                  .rotationTurnLength(Duration.ofDays(1))
                  .users(List.of("A", "B"))
                  .build())
          .build();

  /** SECONDARY: C only from 2024-01-01 12:00 to 2024-01-02 00:00. */
  private static final ScheduleDefinition SECONDARY =
      ScheduleDefinition.builder()
          .id("SECONDARY")
          .timeZone(UTC)
          .addLayer(
              LayerDefinition.builder()
                  .start(t("2024-01-01T12:00:00Z"))
                  .end(t("2024-01-02T00:00:00Z"))
                  .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
                  .rotationTurnLength(Duration.ofDays(7))
                  .users(List.of("C"))
                  .build())
          .build();

  private static final OnCallEngine ENGINE = OnCallEngine.of(List.of(PRIMARY, SECONDARY));

  @Test
  void usersOnCall_scheduleAndUserTargets_resolvedAtTheInstant() {
    EscalationPolicyDefinition policy =
        EscalationPolicyDefinition.builder()
            .id("EP")
            .addRule(30, EscalationTarget.schedule("PRIMARY"))
            .addRule(30, EscalationTarget.schedule("SECONDARY"), EscalationTarget.user("MGR"), EscalationTarget.user("C"))
            .build();

    assertThat(ENGINE.usersOnCall(policy, 1, t("2024-01-01T10:00:00Z"))).containsExactly("A");
    assertThat(ENGINE.usersOnCall(policy, 1, t("2024-01-02T10:00:00Z"))).containsExactly("B");
    assertThat(ENGINE.usersOnCall(policy, 2, t("2024-01-01T13:00:00Z"))).containsExactly("C", "MGR");
    assertThat(ENGINE.usersOnCall(policy, 2, t("2024-01-01T10:00:00Z"))).containsExactly("MGR", "C");
    assertThatThrownBy(() -> ENGINE.usersOnCall(policy, 3, t("2024-01-01T10:00:00Z")))
        .isInstanceOf(OnCallException.class)
        .hasMessageContaining("levels 1..2, not 3");
  }

  @Test
  void timeline_threeLevelsTwoLoops_notifiesEachLevelAfterThePreviousDelay() {
    EscalationPolicyDefinition policy =
        EscalationPolicyDefinition.builder()
            .id("EP")
            .addRule(30, EscalationTarget.schedule("PRIMARY"))
            .addRule(15, EscalationTarget.schedule("SECONDARY"))
            .addRule(10, EscalationTarget.user("MGR"))
            .numLoops(1)
            .build();

    // triggered at 11:00: level 2 is first notified at 11:30, before SECONDARY starts at 12:00, so
    // nobody; in the second loop it is notified at 12:25 and reaches C
    EscalationTimeline tl = ENGINE.timeline(policy, t("2024-01-01T11:00:00Z"));

    assertThat(tl.policyId()).isEqualTo("EP");
    assertThat(tl.steps())
        .extracting(s -> s.offset().toMinutes(), EscalationStep::level, EscalationStep::loop, EscalationStep::userIds)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, 1, 1, List.of("A")),
            org.assertj.core.groups.Tuple.tuple(30L, 2, 1, List.of()),
            org.assertj.core.groups.Tuple.tuple(45L, 3, 1, List.of("MGR")),
            org.assertj.core.groups.Tuple.tuple(55L, 1, 2, List.of("A")),
            org.assertj.core.groups.Tuple.tuple(85L, 2, 2, List.of("C")),
            org.assertj.core.groups.Tuple.tuple(100L, 3, 2, List.of("MGR")));
    assertThat(tl.steps().get(1).at()).isEqualTo(t("2024-01-01T11:30:00Z"));
  }

  @Test
  void timeline_acrossAHandoff_resolvesEachLevelWhenItIsNotified() {
    EscalationPolicyDefinition policy =
        EscalationPolicyDefinition.builder()
            .addRule(30, EscalationTarget.schedule("PRIMARY"))
            .addRule(30, EscalationTarget.schedule("SECONDARY"))
            .addRule(30, EscalationTarget.schedule("PRIMARY"))
            .build();

    EscalationTimeline tl = ENGINE.timeline(policy, t("2024-01-01T23:45:00Z"));

    assertThat(tl.steps()).hasSize(3);
    assertThat(tl.steps().get(0).userIds()).containsExactly("A");
    assertThat(tl.steps().get(1).userIds()).isEmpty();
    assertThat(tl.steps().get(1).nobodyNotified()).isTrue();
    assertThat(tl.steps().get(1).emptyScheduleIds()).containsExactly("SECONDARY");
    assertThat(tl.steps().get(2).userIds()).containsExactly("B");
  }

  @Test
  void onCalls_listsPermanentUserTargetsAndScheduleShifts() {
    EscalationPolicyDefinition policy =
        EscalationPolicyDefinition.builder()
            .id("EP")
            .addRule(30, EscalationTarget.schedule("PRIMARY"))
            .addRule(30, EscalationTarget.user("MGR"))
            .build();

    List<OnCallEntry> entries = ENGINE.onCalls(policy, t("2024-01-01T12:00:00Z"), t("2024-01-02T12:00:00Z"));

    assertThat(entries)
        .containsExactly(
            new OnCallEntry("EP", 1, "A", "PRIMARY", t("2024-01-01T12:00:00Z"), t("2024-01-02T00:00:00Z")),
            new OnCallEntry("EP", 1, "B", "PRIMARY", t("2024-01-02T00:00:00Z"), t("2024-01-02T12:00:00Z")),
            new OnCallEntry("EP", 2, "MGR", null, null, null));
    assertThat(entries.get(2).permanent()).isTrue();
    assertThat(entries.get(0).permanent()).isFalse();
  }

  @Test
  void coverageGaps_scheduleOnlyLevel_reportsWhenNobodyWouldBePaged() {
    EscalationPolicyDefinition policy =
        EscalationPolicyDefinition.builder()
            .addRule(30, EscalationTarget.schedule("SECONDARY"))
            .addRule(30, EscalationTarget.schedule("SECONDARY"), EscalationTarget.user("MGR"))
            .build();

    assertThat(ENGINE.coverageGaps(policy, 1, t("2024-01-01T00:00:00Z"), t("2024-01-03T00:00:00Z")))
        .containsExactly(
            new TimeRange(t("2024-01-01T00:00:00Z"), t("2024-01-01T12:00:00Z")),
            new TimeRange(t("2024-01-02T00:00:00Z"), t("2024-01-03T00:00:00Z")));
    assertThat(ENGINE.coverageGaps(policy, 2, t("2024-01-01T00:00:00Z"), t("2024-01-03T00:00:00Z"))).isEmpty();
  }

  @Test
  void coverageGaps_twoSchedules_gapOnlyWhereBothAreEmpty() {
    EscalationPolicyDefinition policy =
        EscalationPolicyDefinition.builder()
            .addRule(30, EscalationTarget.schedule("SECONDARY"), EscalationTarget.schedule("PRIMARY"))
            .build();

    assertThat(ENGINE.coverageGaps(policy, 1, t("2023-12-31T00:00:00Z"), t("2024-01-03T00:00:00Z")))
        .containsExactly(new TimeRange(t("2023-12-31T00:00:00Z"), t("2024-01-01T00:00:00Z")));
  }

  @Test
  void unknownScheduleTarget_failsNamingTheScheduleAndLevel() {
    EscalationPolicyDefinition policy =
        EscalationPolicyDefinition.builder().id("EP9").addRule(5, EscalationTarget.schedule("NOPE")).build();

    assertThatThrownBy(() -> ENGINE.timeline(policy, t("2024-01-01T00:00:00Z")))
        .isInstanceOf(OnCallException.class)
        .hasMessageContaining("escalation policy EP9 level 1 targets schedule NOPE");
    assertThat(ENGINE.schedule("PRIMARY")).contains(PRIMARY);
    assertThat(ENGINE.schedule("NOPE")).isEmpty();
  }

  @Test
  void of_scheduleWithoutIdOrDuplicate_isRejected() {
    ScheduleDefinition noId = ScheduleDefinition.builder().timeZone(UTC).build();

    assertThatThrownBy(() -> OnCallEngine.of(List.of(noId)))
        .isInstanceOf(OnCallException.class)
        .hasMessageContaining("needs an id");
    assertThatThrownBy(() -> OnCallEngine.of(List.of(PRIMARY, PRIMARY)))
        .isInstanceOf(OnCallException.class)
        .hasMessageContaining("PRIMARY was given twice");
  }

  @Test
  void onCallAt_withHorizon_givesWholeShiftsPerLevel() {
    EscalationPolicyDefinition policy =
        EscalationPolicyDefinition.builder()
            .id("EP")
            .addRule(30, EscalationTarget.schedule("PRIMARY"), EscalationTarget.schedule("SECONDARY"))
            .addRule(30, EscalationTarget.user("MGR"))
            .build();

    assertThat(ENGINE.onCallAt(policy, t("2024-01-02T10:00:00Z"), Duration.ofDays(3)))
        .containsExactly(
            new OnCallEntry("EP", 1, "B", "PRIMARY", t("2024-01-02T00:00:00Z"), t("2024-01-03T00:00:00Z")),
            new OnCallEntry("EP", 2, "MGR", null, null, null));
    assertThat(ENGINE.onCallAt(policy, t("2024-01-01T13:00:00Z"), Duration.ofHours(2)))
        .containsExactly(
            new OnCallEntry("EP", 1, "A", "PRIMARY", t("2024-01-01T11:00:00Z"), t("2024-01-01T15:00:00Z")),
            new OnCallEntry("EP", 1, "C", "SECONDARY", t("2024-01-01T12:00:00Z"), t("2024-01-01T15:00:00Z")),
            new OnCallEntry("EP", 2, "MGR", null, null, null));
    assertThatThrownBy(() -> ENGINE.onCallAt(policy, t("2024-01-01T13:00:00Z"), Duration.ZERO))
        .hasMessageContaining("horizon must be positive");
  }
}
