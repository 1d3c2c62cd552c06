package dev.pdkit.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One user on call over {@code [start, end)}: an entry of a rendered layer, of the overrides or of
 * the final schedule. Adjacent entries of the same user are always merged into one.
 *
 * @param start first instant on call
 * @param end first instant no longer on call; strictly after {@code start}
 * @param userId the PagerDuty user id
 */
public record ScheduleEntry(Instant start, Instant end, String userId) {

  /**
   * @throws OnCallException if {@code end} is not after {@code start} or the user id is blank
   */
  public ScheduleEntry {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(userId, "userId");
    if (!end.isAfter(start)) {
      throw new OnCallException("schedule entry end " + end + " must be after start " + start);
    }
    if (userId.isBlank()) {
      throw new OnCallException("schedule entry userId must not be blank");
    }
  }

  /** The length of this entry. */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /** Whether {@code instant} lies in {@code [start, end)}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
