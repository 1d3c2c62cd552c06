package dev.pdkit.config.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Parsers for the config's value formats: durations, times of day, date-times, time zones. */
public final class Values {
  private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,9})([smhd])");
  private static final Pattern TIME_OF_DAY = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");
  private static volatile @Nullable List<String> zoneIds;

  private Values() {}

  /** {@code 30s}, {@code 15m}, {@code 4h}, {@code 7d} or ISO-8601 ({@code PT15M}); null if invalid. */
  public static @Nullable Duration duration(String text) {
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    if (text.startsWith("P") && text.length() < 40) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** {@code HH:MM}; null if invalid. */
  public static @Nullable LocalTime timeOfDay(String text) {
    Matcher m = TIME_OF_DAY.matcher(text);
    return m.matches() ? LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
  }

  /** An ISO-8601 date-time with offset ({@code T} or a space between date and time); null if invalid. */
  public static @Nullable OffsetDateTime dateTime(String text) {
    if (text.length() > 40) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A region-based time zone (e.g. Europe/Berlin) or UTC; null if unknown. */
  public static @Nullable ZoneId zone(String text) {
    if (text.length() > 60) {
      return null;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** All known zone ids, for suggestions. */
  public static List<String> zoneIds() {
    List<String> z = zoneIds;
    if (z == null) {
      Set<String> ids = ZoneId.getAvailableZoneIds();
      z = List.copyOf(new java.util.TreeSet<>(ids));
      zoneIds = z;
    }
    return z;
  }

  /** Short human form of a duration: 15m, 4h, 1d 2h, 30s. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s % 86400 == 0 && s > 0) {
      return s / 86400 + "d";
    } else if (s % 3600 == 0 && s > 0) {
      return s / 3600 + "h";
    } else if (s % 60 == 0 && s > 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
