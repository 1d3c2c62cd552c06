package dev.pdkit.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A layered on-call schedule.
 *
 * @param key stable key
 * @param name PagerDuty name, with the name prefix applied
 * @param description optional
 * @param timeZone the schedule's time zone (defaults to {@code defaults.time_zone})
 * @param team the owning team's key, or {@code null}
 * @param layers the layers, in file order (later layers take precedence in PagerDuty)
 * @param managed pdkit creates and updates it (default true)
 * @param adopt pdkit may take over an existing schedule with the same name
 */
public record ScheduleSpec(
    String key,
    String name,
    @Nullable String description,
    ZoneId timeZone,
    @Nullable String team,
    List<Layer> layers,
    boolean managed,
    boolean adopt) {

  public ScheduleSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(timeZone, "timeZone");
    layers = List.copyOf(layers);
  }

  /**
   * One rotation layer.
   *
   * @param name layer name ({@code Layer N} when not set)
   * @param start when the rotation starts (also its virtual start)
   * @param end when the layer ends, or {@code null} for open-ended
   * @param turnLength how long each user's turn lasts
   * @param users e-mails in rotation order
   * @param restrictions when the layer is active; empty means always
   */
  public record Layer(
      String name,
      OffsetDateTime start,
      @Nullable OffsetDateTime end,
      Duration turnLength,
      List<String> users,
      List<Restriction> restrictions) {
    public Layer {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(turnLength, "turnLength");
      users = List.copyOf(users);
      restrictions = List.copyOf(restrictions);
    }
  }

  /**
   * A time window in which a layer is active.
   *
   * @param type daily or weekly
   * @param startDay the day a weekly restriction starts, {@code null} for daily ones
   * @param startTime time of day it starts, in the schedule's time zone
   * @param duration how long it lasts
   */
  public record Restriction(
      Type type, @Nullable DayOfWeek startDay, LocalTime startTime, Duration duration) {
    public Restriction {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(startTime, "startTime");
      Objects.requireNonNull(duration, "duration");
    }

    /** Restriction kinds. */
    public enum Type {
      DAILY,
      WEEKLY;

      /** The API spelling: {@code daily_restriction} or {@code weekly_restriction}. */
      public String wire() {
        return this == DAILY ? "daily_restriction" : "weekly_restriction";
      }
    }
  }
}
