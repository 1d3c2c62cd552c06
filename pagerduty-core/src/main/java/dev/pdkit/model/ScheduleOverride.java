package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An override: {@code user} is on call on the schedule from {@code start} to {@code end}, whatever
 * the layers say. A newer override wins over an older one.
 *
 * @param id the override id (null before it is created)
 * @param start when it starts
 * @param end when it ends (after start)
 * @param user who is on call instead
 */
public record ScheduleOverride(
    @Nullable String id, OffsetDateTime start, OffsetDateTime end, Reference user) {
  public ScheduleOverride {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(user, "user");
  }

  /** A new override for user {@code userId}. */
  public static ScheduleOverride of(String userId, OffsetDateTime start, OffsetDateTime end) {
    Objects.requireNonNull(userId, "userId");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("override end " + end + " must be after start " + start);
    }
    return new ScheduleOverride(null, start, end, Reference.user(userId));
  }
}
