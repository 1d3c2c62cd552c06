package dev.pdkit.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A schedule rendered over {@code [since, until)}. Every list is sorted by start and holds
 * non-overlapping entries truncated at the window edges; adjacent entries of the same user are
 * merged.
 *
 * @param since window start
 * @param until window end (exclusive)
 * @param layers every layer on its own, in the order of {@link ScheduleDefinition#layers()}
 * @param overrides the override sub-schedule (overlapping overrides resolved, newest wins)
 * @param finalSchedule who is on call: overrides over the highest covering layer
 * @param gaps the parts of the window where nobody is on call
 */
public record RenderedSchedule(
    Instant since,
    Instant until,
    List<RenderedLayer> layers,
    List<ScheduleEntry> overrides,
    List<ScheduleEntry> finalSchedule,
    List<TimeRange> gaps) {

  public RenderedSchedule {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    layers = List.copyOf(layers);
    overrides = List.copyOf(overrides);
    finalSchedule = List.copyOf(finalSchedule);
    gaps = List.copyOf(gaps);
  }

  /**
   * The user on call at {@code instant} in the final schedule; empty in a gap or outside the window.
   */
  public Optional<String> userAt(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return Optional.ofNullable(Renderer.find(finalSchedule, instant)).map(ScheduleEntry::userId);
  }

  /** Share of the window covered by the final schedule, 0..100. */
  public double coveragePercentage() {
    return Renderer.coverage(finalSchedule, since, until);
  }

  /** Total time in the window nobody is on call. */
  public Duration uncovered() {
    return gaps.stream().map(TimeRange::duration).reduce(Duration.ZERO, Duration::plus);
  }
}
