package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Limits when a schedule layer may assign on-call time: every day ({@link Type#DAILY}) or from a
 * day of the week ({@link Type#WEEKLY}), starting at a time of day (in the schedule's time zone) for
 * a duration.
 *
 * @param type daily or weekly
 * @param durationSeconds how long each window lasts
 * @param startTimeOfDay when each window starts ({@code HH:mm:ss} on the wire)
 * @param startDayOfWeek ISO day of week (1 = Monday .. 7 = Sunday) for weekly restrictions, else null
 */
public record Restriction(
    Type type,
    int durationSeconds,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm:ss") LocalTime startTimeOfDay,
    @Nullable Integer startDayOfWeek) {

  /** Kind of restriction. */
  public enum Type {
    @JsonProperty("daily_restriction")
    DAILY,
    @JsonProperty("weekly_restriction")
    WEEKLY,
    /** A kind this SDK does not know. */
    @JsonEnumDefaultValue
    @JsonProperty("unknown")
    UNKNOWN
  }

  public Restriction {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(startTimeOfDay, "startTimeOfDay");
    if (durationSeconds < 0) {
      throw new IllegalArgumentException("durationSeconds must be >= 0, was " + durationSeconds);
    }
    if (startDayOfWeek != null && (startDayOfWeek < 1 || startDayOfWeek > 7)) {
      throw new IllegalArgumentException(
          "startDayOfWeek must be 1 (Monday) to 7 (Sunday), was " + startDayOfWeek);
    }
  }

  /** Every day from {@code start} for {@code durationSeconds}. */
  public static Restriction daily(LocalTime start, int durationSeconds) {
    return new Restriction(Type.DAILY, durationSeconds, start, null);
  }

  /** Every week from {@code dayOfWeek} (1 = Monday) at {@code start} for {@code durationSeconds}. */
  public static Restriction weekly(int dayOfWeek, LocalTime start, int durationSeconds) {
    return new Restriction(Type.WEEKLY, durationSeconds, start, dayOfWeek);
  }
}
