package dev.pdkit.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checked renderings, worked out on paper from PagerDuty's description of layers. */
class ScheduleRenderingTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  private static ScheduleEntry e(String start, String end, String user) {
    return new ScheduleEntry(t(start), t(end), user);
  }

  @Test
  void render_weeklyRotationOfTwoUsers_alternatesEveryWeekFromTheVirtualStart() {
    // Monday 2024-01-01 09:00 UTC handoff, A then B.
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(UTC)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-01-01T09:00:00Z"))
                    .rotationVirtualStart(t("2024-01-01T09:00:00Z"))
                    .rotationTurnLength(Duration.ofDays(7))
                    .users(List.of("A", "B"))
                    .build())
            .build();

    RenderedSchedule r = s.render(t("2024-01-01T00:00:00Z"), t("2024-01-29T00:00:00Z"));

    assertThat(r.finalSchedule())
        .containsExactly(
            e("2024-01-01T09:00:00Z", "2024-01-08T09:00:00Z", "A"),
            e("2024-01-08T09:00:00Z", "2024-01-15T09:00:00Z", "B"),
            e("2024-01-15T09:00:00Z", "2024-01-22T09:00:00Z", "A"),
            e("2024-01-22T09:00:00Z", "2024-01-29T00:00:00Z", "B"));
    assertThat(r.gaps()).containsExactly(new TimeRange(t("2024-01-01T00:00:00Z"), t("2024-01-01T09:00:00Z")));
    assertThat(r.layers()).singleElement().satisfies(l -> assertThat(l.entries()).isEqualTo(r.finalSchedule()));
  }

  @Test
  void render_virtualStartBeforeLayerStart_keepsTheRotationPhase() {
    // anchored two weeks before the start: turn 2 (A again) is under way when the layer starts
    LayerDefinition layer =
        LayerDefinition.builder()
            .start(t("2024-01-17T00:00:00Z"))
            .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
            .rotationTurnLength(Duration.ofDays(7))
            .users(List.of("A", "B"))
            .build();
    ScheduleDefinition s = ScheduleDefinition.builder().timeZone(UTC).addLayer(layer).build();

    assertThat(s.render(t("2024-01-10T00:00:00Z"), t("2024-01-29T00:00:00Z")).finalSchedule())
        .containsExactly(
            e("2024-01-17T00:00:00Z", "2024-01-22T00:00:00Z", "A"),
            e("2024-01-22T00:00:00Z", "2024-01-29T00:00:00Z", "B"));
  }

  @Test
  void render_dailyLayerRestrictedToWeekdayOfficeHours_coversOnlyNineToFiveLocal() {
    LayerDefinition.Builder layer =
        LayerDefinition.builder()
            .start(t("2024-01-01T05:00:00Z")) // Monday 00:00 in New York (EST, UTC-5)
            .rotationVirtualStart(t("2024-01-01T05:00:00Z"))
            .rotationTurnLength(Duration.ofDays(1))
            .users(List.of("A", "B"));
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
      layer.addRestriction(Restriction.weekly(d, LocalTime.of(9, 0), Duration.ofHours(8)));
    }
    ScheduleDefinition s = ScheduleDefinition.builder().timeZone(NEW_YORK).addLayer(layer.build()).build();

    RenderedSchedule r = s.render(t("2024-01-01T05:00:00Z"), t("2024-01-08T05:00:00Z"));

    assertThat(r.finalSchedule())
        .containsExactly(
            e("2024-01-01T14:00:00Z", "2024-01-01T22:00:00Z", "A"),
            e("2024-01-02T14:00:00Z", "2024-01-02T22:00:00Z", "B"),
            e("2024-01-03T14:00:00Z", "2024-01-03T22:00:00Z", "A"),
            e("2024-01-04T14:00:00Z", "2024-01-04T22:00:00Z", "B"),
            e("2024-01-05T14:00:00Z", "2024-01-05T22:00:00Z", "A"));
    assertThat(r.layers().get(0).coveragePercentage()).isCloseTo(100.0 * 40 / 168, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.gaps()).hasSize(6);
    assertThat(r.uncovered()).isEqualTo(Duration.ofHours(168 - 40));
  }

  @Test
  void render_dailyRestrictionAcrossSpringForward_staysAtNineToFiveLocal() {
    // Berlin switches from CET (UTC+1) to CEST (UTC+2) on Sunday 2024-03-31 at 02:00 local.
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(BERLIN)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-03-29T00:00:00Z"))
                    .rotationVirtualStart(t("2024-03-29T08:00:00Z")) // 09:00 CET
                    .rotationTurnLength(Duration.ofDays(1))
                    .users(List.of("A", "B"))
                    .addRestriction(Restriction.daily(LocalTime.of(9, 0), Duration.ofHours(8)))
                    .build())
            .build();

    RenderedSchedule r = s.render(t("2024-03-30T00:00:00Z"), t("2024-04-02T00:00:00Z"));

    assertThat(r.finalSchedule())
        .containsExactly(
            e("2024-03-30T08:00:00Z", "2024-03-30T16:00:00Z", "B"), // Sat 09-17 CET
            e("2024-03-31T07:00:00Z", "2024-03-31T15:00:00Z", "A"), // Sun 09-17 CEST
            e("2024-04-01T07:00:00Z", "2024-04-01T15:00:00Z", "B"));
  }

  @Test
  void render_dailyRotationAcrossFallBack_keepsTheLocalHandoffTime() {
    // New York leaves EDT (UTC-4) for EST (UTC-5) on Sunday 2024-11-03 at 02:00 local.
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(NEW_YORK)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-11-01T13:00:00Z"))
                    .rotationVirtualStart(t("2024-11-01T13:00:00Z")) // Friday 09:00 EDT
                    .rotationTurnLength(Duration.ofDays(1))
                    .users(List.of("A", "B", "C"))
                    .build())
            .build();

    RenderedSchedule r = s.render(t("2024-11-01T13:00:00Z"), t("2024-11-05T14:00:00Z"));

    assertThat(r.finalSchedule())
        .containsExactly(
            e("2024-11-01T13:00:00Z", "2024-11-02T13:00:00Z", "A"),
            e("2024-11-02T13:00:00Z", "2024-11-03T14:00:00Z", "B"), // 25 hours long
            e("2024-11-03T14:00:00Z", "2024-11-04T14:00:00Z", "C"),
            e("2024-11-04T14:00:00Z", "2024-11-05T14:00:00Z", "A"));
  }

  @Test
  void render_hourlyRotation_countsElapsedHoursAcrossDst() {
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(BERLIN)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-03-31T00:00:00Z"))
                    .rotationVirtualStart(t("2024-03-31T00:00:00Z"))
                    .rotationTurnLength(Duration.ofHours(1))
                    .users(List.of("A", "B"))
                    .build())
            .build();

    assertThat(s.render(t("2024-03-31T00:00:00Z"), t("2024-03-31T03:00:00Z")).finalSchedule())
        .containsExactly(
            e("2024-03-31T00:00:00Z", "2024-03-31T01:00:00Z", "A"),
            e("2024-03-31T01:00:00Z", "2024-03-31T02:00:00Z", "B"),
            e("2024-03-31T02:00:00Z", "2024-03-31T03:00:00Z", "A"));
  }

  @Test
  void render_overrideInTheMiddleOfAShift_winsOnlyForItsSpan() {
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(UTC)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-01-01T00:00:00Z"))
                    .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
                    .rotationTurnLength(Duration.ofDays(7))
                    .users(List.of("A", "B"))
                    .build())
            .addOverride(new ScheduleOverride(t("2024-01-03T12:00:00Z"), t("2024-01-04T12:00:00Z"), "C"))
            .build();

    RenderedSchedule r = s.render(t("2024-01-01T00:00:00Z"), t("2024-01-08T00:00:00Z"));

    assertThat(r.finalSchedule())
        .containsExactly(
            e("2024-01-01T00:00:00Z", "2024-01-03T12:00:00Z", "A"),
            e("2024-01-03T12:00:00Z", "2024-01-04T12:00:00Z", "C"),
            e("2024-01-04T12:00:00Z", "2024-01-08T00:00:00Z", "A"));
    assertThat(r.overrides()).containsExactly(e("2024-01-03T12:00:00Z", "2024-01-04T12:00:00Z", "C"));
    assertThat(r.layers().get(0).entries()).containsExactly(e("2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z", "A"));
  }

  @Test
  void render_overlappingOverrides_newerWins() {
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(UTC)
            .addOverride(new ScheduleOverride(t("2024-01-01T00:00:00Z"), t("2024-01-01T10:00:00Z"), "OLD"))
            .addOverride(new ScheduleOverride(t("2024-01-01T04:00:00Z"), t("2024-01-01T06:00:00Z"), "NEW"))
            .build();

    RenderedSchedule r = s.render(t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z"));

    assertThat(r.finalSchedule())
        .containsExactly(
            e("2024-01-01T00:00:00Z", "2024-01-01T04:00:00Z", "OLD"),
            e("2024-01-01T04:00:00Z", "2024-01-01T06:00:00Z", "NEW"),
            e("2024-01-01T06:00:00Z", "2024-01-01T10:00:00Z", "OLD"));
    assertThat(r.gaps()).containsExactly(new TimeRange(t("2024-01-01T10:00:00Z"), t("2024-01-02T00:00:00Z")));
    assertThat(r.coveragePercentage()).isCloseTo(100.0 * 10 / 24, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void render_twoLayersWithRestrictedUpperLayer_upperWinsOnlyInItsWindows() {
    // Layer 1: A around the clock. Layer 2: B on weekdays 09:00-17:00 Berlin time.
    LayerDefinition base =
        LayerDefinition.builder()
            .name("base")
            .start(t("2024-01-01T00:00:00Z"))
            .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
            .rotationTurnLength(Duration.ofDays(7))
            .users(List.of("A"))
            .build();
    LayerDefinition.Builder office =
        LayerDefinition.builder()
            .name("office")
            .start(t("2024-01-01T00:00:00Z"))
            .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
            .rotationTurnLength(Duration.ofDays(7))
            .users(List.of("B"));
    // Monday 09:00 for 8 hours, Tuesday..Friday likewise
    for (int d = 1; d <= 5; d++) {
      office.addRestriction(new Restriction(Restriction.Type.WEEKLY_RESTRICTION, LocalTime.of(9, 0), 8 * 3600, d));
    }
    ScheduleDefinition s =
        ScheduleDefinition.builder().timeZone(BERLIN).addLayer(base).addLayer(office.build()).build();

    RenderedSchedule r = s.render(t("2024-01-05T00:00:00Z"), t("2024-01-09T00:00:00Z")); // Fri..Mon

    assertThat(r.finalSchedule())
        .containsExactly(
            e("2024-01-05T00:00:00Z", "2024-01-05T08:00:00Z", "A"),
            e("2024-01-05T08:00:00Z", "2024-01-05T16:00:00Z", "B"),
            e("2024-01-05T16:00:00Z", "2024-01-08T08:00:00Z", "A"),
            e("2024-01-08T08:00:00Z", "2024-01-08T16:00:00Z", "B"),
            e("2024-01-08T16:00:00Z", "2024-01-09T00:00:00Z", "A"));
    assertThat(r.gaps()).isEmpty();
    assertThat(r.layers()).extracting(RenderedLayer::name).containsExactly("base", "office");
    assertThat(r.layers().get(1).entries()).hasSize(2);
  }

  @Test
  void render_weeklyRestrictionLongerThanADay_spansTheWorkweek() {
    // Monday 09:00 for 4 days and 8 hours: Mon 09:00 .. Fri 17:00 continuously
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(UTC)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-01-01T00:00:00Z"))
                    .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
                    .rotationTurnLength(Duration.ofDays(7))
                    .users(List.of("A"))
                    .addRestriction(Restriction.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), Duration.ofHours(4 * 24 + 8)))
                    .build())
            .build();

    // the window opened before `since` is still honoured
    assertThat(s.render(t("2024-01-10T00:00:00Z"), t("2024-01-16T00:00:00Z")).finalSchedule())
        .containsExactly(
            e("2024-01-10T00:00:00Z", "2024-01-12T17:00:00Z", "A"),
            e("2024-01-15T09:00:00Z", "2024-01-16T00:00:00Z", "A"));
  }

  @Test
  void render_overnightRestrictionAcrossSpringForward_endsAtLocalMorning() {
    // 19:00 -> 07:00 local every night; the night of the switch lasts 11 real hours
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(BERLIN)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-03-01T00:00:00Z"))
                    .rotationVirtualStart(t("2024-03-01T00:00:00Z"))
                    .rotationTurnLength(Duration.ofDays(7))
                    .users(List.of("N"))
                    .addRestriction(Restriction.daily(LocalTime.of(19, 0), Duration.ofHours(12)))
                    .build())
            .build();

    assertThat(s.render(t("2024-03-30T12:00:00Z"), t("2024-03-31T12:00:00Z")).finalSchedule())
        .containsExactly(e("2024-03-30T18:00:00Z", "2024-03-31T05:00:00Z", "N"));
  }

  @Test
  void render_layerWithEnd_stopsCoveringAtItsEnd() {
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(UTC)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-01-01T00:00:00Z"))
                    .end(t("2024-01-02T06:00:00Z"))
                    .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
                    .rotationTurnLength(Duration.ofDays(1))
                    .users(List.of("A", "B"))
                    .build())
            .build();

    RenderedSchedule r = s.render(t("2024-01-01T00:00:00Z"), t("2024-01-03T00:00:00Z"));

    assertThat(r.finalSchedule())
        .containsExactly(
            e("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "A"),
            e("2024-01-02T00:00:00Z", "2024-01-02T06:00:00Z", "B"));
    assertThat(r.gaps()).containsExactly(new TimeRange(t("2024-01-02T06:00:00Z"), t("2024-01-03T00:00:00Z")));
  }

  @Test
  void render_sameUserInConsecutiveTurns_isMergedIntoOneEntry() {
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(UTC)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-01-01T00:00:00Z"))
                    .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
                    .rotationTurnLength(Duration.ofHours(8))
                    .users(List.of("A", "A", "B"))
                    .build())
            .build();

    assertThat(s.render(t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z")).finalSchedule())
        .containsExactly(
            e("2024-01-01T00:00:00Z", "2024-01-01T16:00:00Z", "A"),
            e("2024-01-01T16:00:00Z", "2024-01-02T00:00:00Z", "B"));
  }

  @Test
  void render_emptyLayerOrScheduleWithoutLayers_isOneBigGap() {
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(UTC)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-01-01T00:00:00Z"))
                    .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
                    .rotationTurnLengthSeconds(3600)
                    .build())
            .build();

    RenderedSchedule r = s.render(t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z"));

    assertThat(r.finalSchedule()).isEmpty();
    assertThat(r.gaps()).containsExactly(new TimeRange(t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z")));
    assertThat(r.coveragePercentage()).isZero();
    assertThat(r.userAt(t("2024-01-01T05:00:00Z"))).isEmpty();
  }

  @Test
  void onCallAt_andNextHandoff_followTheFinalSchedule() {
    ScheduleDefinition s =
        ScheduleDefinition.builder()
            .timeZone(UTC)
            .addLayer(
                LayerDefinition.builder()
                    .start(t("2024-01-01T00:00:00Z"))
                    .end(t("2024-01-03T00:00:00Z"))
                    .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
                    .rotationTurnLength(Duration.ofDays(1))
                    .users(List.of("A", "B"))
                    .build())
            .build();

    assertThat(s.onCallAt(t("2024-01-01T10:00:00Z"))).contains("A");
    assertThat(s.onCallAt(t("2024-01-02T00:00:00Z"))).contains("B");
    assertThat(s.onCallAt(t("2024-01-04T00:00:00Z"))).isEmpty();
    assertThat(s.nextHandoff(t("2024-01-01T10:00:00Z"), Duration.ofDays(7)))
        .contains(new ScheduleDefinition.Handoff(t("2024-01-02T00:00:00Z"), "A", "B"));
    assertThat(s.nextHandoff(t("2024-01-02T10:00:00Z"), Duration.ofDays(7)))
        .contains(new ScheduleDefinition.Handoff(t("2024-01-03T00:00:00Z"), "B", null));
    assertThat(s.nextHandoff(t("2023-12-31T10:00:00Z"), Duration.ofDays(7)))
        .contains(new ScheduleDefinition.Handoff(t("2024-01-01T00:00:00Z"), null, "A"));
    assertThat(s.nextHandoff(t("2024-01-05T00:00:00Z"), Duration.ofDays(7))).isEmpty();
    assertThat(s.nextHandoff(t("2024-01-01T10:00:00Z"), Duration.ofHours(2))).isEmpty();
    assertThat(s.gaps(t("2024-01-02T00:00:00Z"), t("2024-01-09T00:00:00Z")))
        .containsExactly(new TimeRange(t("2024-01-03T00:00:00Z"), t("2024-01-09T00:00:00Z")));
  }
}
