package dev.pdkit.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Parses the timestamps PagerDuty actually sends. The docs allow an optional time part and offsets
 * written {@code Z}, {@code -07:00}, {@code -07} or (in Events examples) {@code +0000}; JDK's
 * {@code ISO_OFFSET_DATE_TIME} rejects the last and date-only values.
 */
public final class LenientTimes {
  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter();

  private LenientTimes() {}

  /**
   * Parses a timestamp; a value without offset is taken as UTC, a date alone as its midnight UTC.
   *
   * @throws DateTimeParseException if the text is not an ISO-8601 date or date-time
   */
  public static OffsetDateTime parse(String text) {
    OffsetDateTime fast = parseCanonical(text);
    return fast != null ? fast : parseWithFormatter(text);
  }

  /** {@link #parse} without the fast path for the canonical form. */
  static OffsetDateTime parseWithFormatter(String text) {
    var parsed = FORMAT.parse(text.trim());
    LocalDate date = LocalDate.from(parsed);
    int hour = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? parsed.get(ChronoField.HOUR_OF_DAY) : 0;
    int minute =
        parsed.isSupported(ChronoField.MINUTE_OF_HOUR) ? parsed.get(ChronoField.MINUTE_OF_HOUR) : 0;
    int second =
        parsed.isSupported(ChronoField.SECOND_OF_MINUTE)
            ? parsed.get(ChronoField.SECOND_OF_MINUTE)
            : 0;
    int nano =
        parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0;
    ZoneOffset offset =
        parsed.isSupported(ChronoField.OFFSET_SECONDS)
            ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
            : ZoneOffset.UTC;
    return OffsetDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour,
        minute, second, nano, offset);
  }

  /**
   * The form PagerDuty and the fake send almost always, {@code 2026-01-05T08:00:00Z} or with a
   * fraction and/or a {@code +HH:MM} offset, read without the formatter (whose general parse
   * allocates a field map per value: most of a page decode's garbage). Null for any other form,
   * or an impossible date or time, which the formatter then reads or rejects with its message.
   */
  static @Nullable OffsetDateTime parseCanonical(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (i - start < 9) {
          nano = nano * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      int count = i - start;
      if (count == 0 || count > 9) {
        return null;
      }
      for (int k = count; k < 9; k++) {
        nano *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-')
        && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if ((oh | om) < 0 || oh > 18 || om > 59) {
        return null;
      }
      int total = oh * 3600 + om * 60;
      offset = ZoneOffset.ofTotalSeconds(s.charAt(i) == '-' ? -total : total);
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The non-negative number written by {@code len} ASCII digits at {@code from}; -1 otherwise. */
  private static int digits(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Like {@link #parse} but empty instead of an exception. */
  public static Optional<OffsetDateTime> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static final class OffsetDateTimeDeserializer extends StdScalarDeserializer<OffsetDateTime> {
    private static final long serialVersionUID = 1L;

    OffsetDateTimeDeserializer() {
      super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return parse(text);
      } catch (DateTimeParseException e) {
        return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text,
            "not an ISO-8601 timestamp: %s", e.getMessage());
      }
    }
  }
}
