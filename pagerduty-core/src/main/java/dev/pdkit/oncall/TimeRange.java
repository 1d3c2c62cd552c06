package dev.pdkit.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval of time {@code [start, end)}, e.g. a coverage gap.
 *
 * @param start first instant inside the range
 * @param end first instant after the range; strictly after {@code start}
 */
public record TimeRange(Instant start, Instant end) {

  /**
   * @throws OnCallException if {@code end} is not after {@code start}
   */
  public TimeRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new OnCallException("time range end " + end + " must be after start " + start);
    }
  }

  /** The length of this range. */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /** Whether {@code instant} lies in {@code [start, end)}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
