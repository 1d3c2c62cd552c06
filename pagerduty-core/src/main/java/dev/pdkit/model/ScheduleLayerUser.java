package dev.pdkit.model;

import java.util.Objects;

/**
 * One slot in a schedule layer's rotation ({@code {"user": {...}}} on the wire). The order of the
 * slots is the order of the rotation.
 *
 * @param user the user taking this turn
 */
public record ScheduleLayerUser(Reference user) {
  public ScheduleLayerUser {
    Objects.requireNonNull(user, "user");
  }

  /** The slot for user {@code userId}. */
  public static ScheduleLayerUser of(String userId) {
    return new ScheduleLayerUser(Reference.user(userId));
  }
}
