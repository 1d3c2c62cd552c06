package dev.pdkit.oncall;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule override: {@code userId} is on call over {@code [start, end)} whatever the layers say.
 * When overrides overlap, the one later in {@link ScheduleDefinition#overrides()} wins (PagerDuty: a
 * newer override wins over an older one).
 *
 * @param start first instant of the override
 * @param end first instant after it; strictly after {@code start}
 * @param userId the user put on call
 */
public record ScheduleOverride(Instant start, Instant end, String userId) {

  /**
   * @throws OnCallException if {@code end} is not after {@code start} or the user id is blank
   */
  public ScheduleOverride {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(userId, "userId");
    if (!end.isAfter(start)) {
      throw new OnCallException("override end " + end + " must be after its start " + start);
    }
    if (userId.isBlank()) {
      throw new OnCallException("override userId must not be blank");
    }
  }
}
