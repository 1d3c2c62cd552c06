package dev.pdkit.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schedules PagerDuty's own documentation describes, rendered and checked against what the
 * documentation says the final schedule is. Each test names its source page.
 */
class DocumentedSchedulesTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  private static ScheduleEntry e(String start, String end, String user) {
    return new ScheduleEntry(t(start), t(end), user);
  }

  /**
   * support.pagerduty.com/main/docs/schedule-examples, "Example 1: Basic 9 to 5": a daily rotation
   * with a 9:00 AM handoff, restricted to 9 AM-5 PM on weekdays; each user takes the daily shift in
   * turn, nobody covers evenings or weekends. The rotation keeps turning through the restricted
   * weekend (Saturday and Sunday's turns exist but cover nothing), and the shift stays at 9-5 local
   * time when New York springs forward on Sunday 2024-03-10.
   */
  @Test
  void example1_basicNineToFive_dailyTurnsWeekdaysOnly_acrossSpringForward() {
    LayerDefinition.Builder layer = LayerDefinition.builder()
        .start(t("2024-03-04T14:00:00Z")) // Monday 09:00 EST
        .rotationVirtualStart(t("2024-03-04T14:00:00Z"))
        .rotationTurnLength(Duration.ofDays(1))
        .users(List.of("A", "B", "C"));
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      layer.addRestriction(Restriction.weekly(d, LocalTime.of(9, 0), Duration.ofHours(8)));
    }
    ScheduleDefinition s = ScheduleDefinition.builder().timeZone(NEW_YORK).addLayer(layer.build()).build();

    RenderedSchedule r = s.render(t("2024-03-04T05:00:00Z"), t("2024-03-16T04:00:00Z"));

    assertThat(r.finalSchedule()).containsExactly(
        e("2024-03-04T14:00:00Z", "2024-03-04T22:00:00Z", "A"), // EST: 9-5 is 14:00-22:00Z
        e("2024-03-05T14:00:00Z", "2024-03-05T22:00:00Z", "B"),
        e("2024-03-06T14:00:00Z", "2024-03-06T22:00:00Z", "C"),
        e("2024-03-07T14:00:00Z", "2024-03-07T22:00:00Z", "A"),
        e("2024-03-08T14:00:00Z", "2024-03-08T22:00:00Z", "B"),
        // Saturday (C) and Sunday (A) turns are restricted away
        e("2024-03-11T13:00:00Z", "2024-03-11T21:00:00Z", "B"), // EDT: 9-5 is 13:00-21:00Z
        e("2024-03-12T13:00:00Z", "2024-03-12T21:00:00Z", "C"),
        e("2024-03-13T13:00:00Z", "2024-03-13T21:00:00Z", "A"),
        e("2024-03-14T13:00:00Z", "2024-03-14T21:00:00Z", "B"),
        e("2024-03-15T13:00:00Z", "2024-03-15T21:00:00Z", "C"));
    assertThat(r.gaps()).hasSize(11);
    Duration window = Duration.between(t("2024-03-04T05:00:00Z"), t("2024-03-16T04:00:00Z"));
    assertThat(r.uncovered()).isEqualTo(window.minus(Duration.ofHours(10 * 8)));
  }

  /**
   * support.pagerduty.com/hc/en-us/articles/202830160, "Setting up Restrictions for On-Call
   * Shifts": the user is restricted to 19:00-07:00 every weekday; "no one is on call from
   * 07:00-19:00 or at any time during the weekend unless a second layer is created". Friday's
   * night shift ends Saturday 07:00; from then until Monday 19:00 nobody is on call.
   */
  @Test
  void restrictions_weekdayNights_leaveDaysAndWeekendUncovered() {
    LayerDefinition.Builder layer = LayerDefinition.builder()
        .start(t("2024-01-01T00:00:00Z")) // Monday
        .rotationVirtualStart(t("2024-01-01T00:00:00Z"))
        .rotationTurnLength(Duration.ofDays(7))
        .users(List.of("U"));
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      layer.addRestriction(Restriction.weekly(d, LocalTime.of(19, 0), Duration.ofHours(12)));
    }
    ScheduleDefinition s = ScheduleDefinition.builder().timeZone(UTC).addLayer(layer.build()).build();

    RenderedSchedule r = s.render(t("2024-01-01T00:00:00Z"), t("2024-01-08T00:00:00Z"));

    assertThat(r.finalSchedule()).containsExactly(
        e("2024-01-01T19:00:00Z", "2024-01-02T07:00:00Z", "U"),
        e("2024-01-02T19:00:00Z", "2024-01-03T07:00:00Z", "U"),
        e("2024-01-03T19:00:00Z", "2024-01-04T07:00:00Z", "U"),
        e("2024-01-04T19:00:00Z", "2024-01-05T07:00:00Z", "U"),
        e("2024-01-05T19:00:00Z", "2024-01-06T07:00:00Z", "U"));
    assertThat(r.gaps()).containsExactly(
        new TimeRange(t("2024-01-01T00:00:00Z"), t("2024-01-01T19:00:00Z")),
        new TimeRange(t("2024-01-02T07:00:00Z"), t("2024-01-02T19:00:00Z")),
        new TimeRange(t("2024-01-03T07:00:00Z"), t("2024-01-03T19:00:00Z")),
        new TimeRange(t("2024-01-04T07:00:00Z"), t("2024-01-04T19:00:00Z")),
        new TimeRange(t("2024-01-05T07:00:00Z"), t("2024-01-05T19:00:00Z")),
        new TimeRange(t("2024-01-06T07:00:00Z"), t("2024-01-08T00:00:00Z")));
    assertThat(s.onCallAt(t("2024-01-06T12:00:00Z"))).isEmpty(); // Saturday noon
    assertThat(s.onCallAt(t("2024-01-03T02:00:00Z"))).contains("U"); // Wednesday 02:00
  }

  /**
   * support.pagerduty.com/docs/schedules, "Schedule Basics": "If a user on Layer 1 and Layer 2
   * overlap, the user on Layer 2 will be the one on-call for the period of their overlap. The user
   * on Layer 1 is 'hidden' until the overlap ends; at that point, the user on Layer 1 will be
   * on-call again." Layer 1 is the page's 24-hour daily rotation with an 8:00 handoff; Layer 2
   * covers 12:00-14:00 every day. Before the first handoff nobody is on call ("the schedule is set
   * to 'off'").
   */
  @Test
  void basics_layer2HidesLayer1OnlyForTheOverlap_thenLayer1IsOnCallAgain() {
    LayerDefinition layer1 = LayerDefinition.builder().name("Layer 1")
        .start(t("2024-01-01T08:00:00Z")).rotationVirtualStart(t("2024-01-01T08:00:00Z"))
        .rotationTurnLength(Duration.ofDays(1)).users(List.of("A", "B")).build();
    LayerDefinition layer2 = LayerDefinition.builder().name("Layer 2")
        .start(t("2024-01-01T08:00:00Z")).rotationVirtualStart(t("2024-01-01T08:00:00Z"))
        .rotationTurnLength(Duration.ofDays(7)).users(List.of("C"))
        .addRestriction(Restriction.daily(LocalTime.of(12, 0), Duration.ofHours(2))).build();
    ScheduleDefinition s = ScheduleDefinition.builder().timeZone(UTC).addLayer(layer1).addLayer(layer2).build();

    RenderedSchedule r = s.render(t("2024-01-01T00:00:00Z"), t("2024-01-03T08:00:00Z"));

    assertThat(r.finalSchedule()).containsExactly(
        e("2024-01-01T08:00:00Z", "2024-01-01T12:00:00Z", "A"),
        e("2024-01-01T12:00:00Z", "2024-01-01T14:00:00Z", "C"),
        e("2024-01-01T14:00:00Z", "2024-01-02T08:00:00Z", "A"),
        e("2024-01-02T08:00:00Z", "2024-01-02T12:00:00Z", "B"),
        e("2024-01-02T12:00:00Z", "2024-01-02T14:00:00Z", "C"),
        e("2024-01-02T14:00:00Z", "2024-01-03T08:00:00Z", "B"));
    // Layer 1 itself is unchanged: the hidden user still holds the whole turn there
    assertThat(r.layers().get(0).entries()).containsExactly(
        e("2024-01-01T08:00:00Z", "2024-01-02T08:00:00Z", "A"),
        e("2024-01-02T08:00:00Z", "2024-01-03T08:00:00Z", "B"));
    assertThat(r.gaps()).containsExactly(new TimeRange(t("2024-01-01T00:00:00Z"), t("2024-01-01T08:00:00Z")));
  }

  /**
   * community.pagerduty.com, "Follow the sun schedules": a UTC schedule with one layer per region,
   * each restricted to its daily window, handoffs at the start of the regions' blocks; "the relative
   * handover time between regions (i.e. complete coverage) will remain constant" through daylight
   * saving changes. Two weeks across the US change (2024-03-10): no gap, every handover at 00:00,
   * 08:00 or 16:00 UTC, each region's weekly rotation turning on Monday.
   */
  @Test
  void followTheSun_threeRegionLayersInUtc_completeCoverageAcrossDst() {
    ScheduleDefinition.Builder s = ScheduleDefinition.builder().timeZone(UTC);
    String[][] regions = {{"apac-1", "apac-2"}, {"emea-1", "emea-2"}, {"amer-1", "amer-2"}};
    for (int i = 0; i < 3; i++) {
      Instant blockStart = t("2024-03-04T00:00:00Z").plus(Duration.ofHours(8L * i));
      s.addLayer(LayerDefinition.builder().name("region " + i).start(blockStart).rotationVirtualStart(blockStart)
          .rotationTurnLength(Duration.ofDays(7)).users(List.of(regions[i]))
          .addRestriction(Restriction.daily(LocalTime.of(8 * i, 0), Duration.ofHours(8))).build());
    }

    RenderedSchedule r = s.build().render(t("2024-03-04T00:00:00Z"), t("2024-03-18T00:00:00Z"));

    assertThat(r.gaps()).isEmpty();
    List<ScheduleEntry> expected = new ArrayList<>();
    for (int day = 0; day < 14; day++) {
      for (int i = 0; i < 3; i++) {
        Instant start = t("2024-03-04T00:00:00Z").plus(Duration.ofDays(day)).plus(Duration.ofHours(8L * i));
        expected.add(new ScheduleEntry(start, start.plus(Duration.ofHours(8)), regions[i][day / 7]));
      }
    }
    assertThat(r.finalSchedule()).isEqualTo(expected);
  }
}
