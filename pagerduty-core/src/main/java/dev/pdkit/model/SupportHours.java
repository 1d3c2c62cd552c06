package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The hours during which a service counts as supported (used by urgency rules).
 *
 * @param type always {@code fixed_time_per_day}
 * @param timeZone the time zone of the hours
 * @param daysOfWeek ISO days (1 = Monday .. 7 = Sunday)
 * @param startTime start of support each day ({@code HH:mm:ss} on the wire)
 * @param endTime end of support each day
 */
public record SupportHours(
    String type,
    @Nullable String timeZone,
    List<Integer> daysOfWeek,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm:ss") @Nullable LocalTime startTime,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm:ss") @Nullable LocalTime endTime) {

  public SupportHours {
    type = type == null ? "fixed_time_per_day" : type;
    daysOfWeek = Lists.copy("daysOfWeek", daysOfWeek);
    for (int d : daysOfWeek) {
      if (d < 1 || d > 7) {
        throw new IllegalArgumentException("daysOfWeek must hold 1 (Monday) to 7 (Sunday), had " + d);
      }
    }
  }

  /** Fixed support hours from {@code start} to {@code end} on {@code days} in {@code timeZone}. */
  public static SupportHours of(String timeZone, List<Integer> days, LocalTime start, LocalTime end) {
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    return new SupportHours("fixed_time_per_day", timeZone, days, start, end);
  }
}
