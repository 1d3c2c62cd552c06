package dev.pdkit.oncall;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Limits a layer's coverage to recurring windows, evaluated in the schedule's time zone.
 *
 * <p>A {@link Type#DAILY_RESTRICTION} opens a window every day at {@code startTimeOfDay}; a
 * {@link Type#WEEKLY_RESTRICTION} opens one every week on {@code startDayOfWeek} (ISO 1 = Monday ..
 * 7 = Sunday) at {@code startTimeOfDay}. The window lasts {@code durationSeconds} of <em>wall-clock</em>
 * time: it ends at local start + duration, so a 09:00 window of 8 hours covers 09:00–17:00 local on
 * every day, including the days of a daylight-saving change (a window that spans the change itself is
 * one hour shorter or longer in elapsed time). A local start that falls into a DST gap moves forward
 * by the gap's length, as {@link java.time.ZonedDateTime#of} does. A layer with several restrictions
 * is covered during the union of their windows.
 *
 * @param type daily or weekly
 * @param startTimeOfDay local time the window opens
 * @param durationSeconds window length in seconds, at least 1
 * @param startDayOfWeek ISO day of week 1..7 for weekly restrictions; null for daily ones
 */
public record Restriction(
    Type type, LocalTime startTimeOfDay, long durationSeconds, @Nullable Integer startDayOfWeek) {

  /** The restriction kinds PagerDuty knows. */
  public enum Type {
    /** Every day. Wire name {@code daily_restriction}. */
    DAILY_RESTRICTION("daily_restriction"),
    /** Once a week on {@code startDayOfWeek}. Wire name {@code weekly_restriction}. */
    WEEKLY_RESTRICTION("weekly_restriction");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    /** The API spelling, e.g. {@code daily_restriction}. */
    public String wireName() {
      return wireName;
    }

    /**
     * Parses the API spelling.
     *
     * @throws OnCallException for any other value
     */
    public static Type fromWireName(String wireName) {
      Objects.requireNonNull(wireName, "wireName");
      for (Type t : values()) {
        if (t.wireName.equals(wireName)) {
          return t;
        }
      }
      throw new OnCallException(
          "restriction type '" + wireName + "' is unknown: use daily_restriction or weekly_restriction");
    }
  }

  /**
   * @throws OnCallException if the duration is not positive, or the day of week is missing or out of
   *     range for a weekly restriction, or present for a daily one
   */
  public Restriction {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(startTimeOfDay, "startTimeOfDay");
    if (durationSeconds <= 0) {
      throw new OnCallException(
          "restriction duration_seconds must be at least 1, was " + durationSeconds);
    }
    if (type == Type.WEEKLY_RESTRICTION) {
      if (startDayOfWeek == null || startDayOfWeek < 1 || startDayOfWeek > 7) {
        throw new OnCallException(
            "weekly_restriction start_day_of_week must be 1 (Monday) .. 7 (Sunday), was "
                + startDayOfWeek);
      }
    } else if (startDayOfWeek != null) {
      throw new OnCallException(
          "daily_restriction must not have start_day_of_week (was "
              + startDayOfWeek
              + "); use weekly_restriction for day-of-week windows");
    }
  }

  /** A window every day from {@code start} lasting {@code duration}. */
  public static Restriction daily(LocalTime start, Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return new Restriction(Type.DAILY_RESTRICTION, start, duration.getSeconds(), null);
  }

  /** A window every week from {@code day} at {@code start} lasting {@code duration}. */
  public static Restriction weekly(DayOfWeek day, LocalTime start, Duration duration) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(duration, "duration");
    return new Restriction(Type.WEEKLY_RESTRICTION, start, duration.getSeconds(), day.getValue());
  }

  /** The window length. */
  public Duration duration() {
    return Duration.ofSeconds(durationSeconds);
  }
}
