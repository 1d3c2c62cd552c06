package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rendered on-call span of a schedule layer or of the final schedule.
 *
 * @param user who is on call
 * @param start when the span starts
 * @param end when it ends; {@code null} means it does not end
 */
public record ScheduleEntry(Reference user, OffsetDateTime start, @Nullable OffsetDateTime end) {
  public ScheduleEntry {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(start, "start");
  }
}
