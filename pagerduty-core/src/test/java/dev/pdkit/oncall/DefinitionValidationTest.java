package dev.pdkit.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionValidationTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void layerBuilder_missingFields_namesEveryOne() {
    assertThatThrownBy(() -> LayerDefinition.builder().build())
        .isInstanceOf(OnCallException.class)
        .hasMessage("layer is missing required fields: start, rotationVirtualStart, rotationTurnLengthSeconds");
  }

  @Test
  void layer_invalidValues_areRejectedWithTheFieldName() {
    assertThatThrownBy(
            () -> LayerDefinition.builder().name("L1").start(T0).rotationVirtualStart(T0).rotationTurnLengthSeconds(-5).build())
        .hasMessageContaining("layer 'L1': rotation_turn_length_seconds must be at least 1");
    assertThatThrownBy(
            () -> LayerDefinition.builder().id("PL1").start(T0).end(T0).rotationVirtualStart(T0).rotationTurnLengthSeconds(60).build())
        .hasMessageContaining("layer PL1: end");
    assertThatThrownBy(
            () -> LayerDefinition.builder().start(T0).rotationVirtualStart(T0).rotationTurnLengthSeconds(60).users(List.of(" ")).build())
        .hasMessageContaining("blank user id");
  }

  @Test
  void layer_toBuilder_roundTrips() {
    LayerDefinition l =
        LayerDefinition.builder()
            .id("PL")
            .name("n")
            .start(T0)
            .end(T0.plusSeconds(3600))
            .rotationVirtualStart(T0)
            .rotationTurnLength(Duration.ofHours(1))
            .users(List.of("A"))
            .addRestriction(Restriction.daily(LocalTime.NOON, Duration.ofHours(1)))
            .build();

    assertThat(l.toBuilder().build()).isEqualTo(l);
    assertThat(l.rotationTurnLength()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void restriction_validation_andWireNames() {
    assertThatThrownBy(() -> new Restriction(Restriction.Type.WEEKLY_RESTRICTION, LocalTime.NOON, 60, null))
        .hasMessageContaining("start_day_of_week must be 1 (Monday) .. 7 (Sunday), was null");
    assertThatThrownBy(() -> new Restriction(Restriction.Type.WEEKLY_RESTRICTION, LocalTime.NOON, 60, 8))
        .hasMessageContaining("was 8");
    assertThatThrownBy(() -> new Restriction(Restriction.Type.DAILY_RESTRICTION, LocalTime.NOON, 60, 2))
        .hasMessageContaining("daily_restriction must not have start_day_of_week");
    assertThatThrownBy(() -> Restriction.daily(LocalTime.NOON, Duration.ZERO))
        .hasMessageContaining("duration_seconds must be at least 1, was 0");
    assertThat(Restriction.Type.fromWireName("weekly_restriction")).isEqualTo(Restriction.Type.WEEKLY_RESTRICTION);
    assertThat(Restriction.Type.DAILY_RESTRICTION.wireName()).isEqualTo("daily_restriction");
    assertThatThrownBy(() -> Restriction.Type.fromWireName("monthly"))
        .hasMessageContaining("restriction type 'monthly' is unknown");
    assertThat(Restriction.weekly(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT, Duration.ofHours(2)).startDayOfWeek()).isEqualTo(7);
    assertThat(Restriction.weekly(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT, Duration.ofHours(2)).duration()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void schedule_missingZone_andBadWindow_areRejected() {
    assertThatThrownBy(() -> ScheduleDefinition.builder().build())
        .hasMessage("schedule is missing required fields: timeZone");
    ScheduleDefinition s = ScheduleDefinition.builder().id("S").timeZone(ZoneId.of("UTC")).build();
    assertThatThrownBy(() -> s.render(T0, T0)).hasMessageContaining("until");
    assertThatThrownBy(() -> s.nextHandoff(T0, Duration.ZERO)).hasMessageContaining("horizon must be positive");
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void render_tooManyTurns_failsInsteadOfRunningForever() {
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(ZoneId.of("UTC"))
            .addLayer(LayerDefinition.builder().name("fast").start(T0).rotationVirtualStart(T0).rotationTurnLengthSeconds(1).users(List.of("A")).build())
            .build();

    assertThatThrownBy(() -> s.render(T0, T0.plus(Duration.ofDays(365))))
        .isInstanceOf(OnCallException.class)
        .hasMessageContaining("layer 'fast'")
        .hasMessageContaining("render a shorter window");
  }

  @Test
  void entriesAndRanges_rejectEmptyIntervalsAndBlankUsers() {
    assertThatThrownBy(() -> new ScheduleEntry(T0, T0, "A")).isInstanceOf(OnCallException.class);
    assertThatThrownBy(() -> new ScheduleEntry(T0, T0.plusSeconds(1), "")).isInstanceOf(OnCallException.class);
    assertThatThrownBy(() -> new TimeRange(T0, T0)).isInstanceOf(OnCallException.class);
    assertThatThrownBy(() -> new ScheduleOverride(T0, T0, "A")).hasMessageContaining("override end");
    assertThatThrownBy(() -> new ScheduleOverride(T0, T0.plusSeconds(1), " ")).hasMessageContaining("userId");
    TimeRange r = new TimeRange(T0, T0.plusSeconds(10));
    assertThat(r.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(r.contains(T0)).isTrue();
    assertThat(r.contains(T0.plusSeconds(10))).isFalse();
    ScheduleEntry e = new ScheduleEntry(T0, T0.plusSeconds(10), "A");
    assertThat(e.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(e.contains(T0.minusSeconds(1))).isFalse();
  }

  @Test
  void escalationDefinitions_validation() {
    assertThatThrownBy(() -> EscalationPolicyDefinition.builder().id("EP1").build())
        .hasMessage("escalation policy EP1: escalation_rules must contain at least one rule");
    assertThatThrownBy(() -> EscalationPolicyDefinition.builder().addRule(1, EscalationTarget.user("A")).numLoops(-1).build())
        .hasMessageContaining("num_loops must be at least 0, was -1");
    assertThatThrownBy(() -> EscalationRuleDefinition.of(-1, EscalationTarget.user("A")))
        .hasMessageContaining("escalation_delay_in_minutes must be at least 0");
    assertThatThrownBy(() -> EscalationRuleDefinition.of(1))
        .hasMessageContaining("1 to 10 targets, had 0");
    assertThatThrownBy(() -> EscalationTarget.user(" ")).hasMessageContaining("target id must not be blank");
    EscalationPolicyDefinition p = EscalationPolicyDefinition.builder().addRule(7, EscalationTarget.user("A")).build();
    assertThat(p.levels()).isEqualTo(1);
    assertThat(p.rule(1).escalationDelay()).isEqualTo(Duration.ofMinutes(7));
    assertThatThrownBy(() -> p.rule(0)).hasMessageContaining("escalation policy has levels 1..1, not 0");
  }
}
