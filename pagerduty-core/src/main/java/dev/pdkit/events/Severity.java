package dev.pdkit.events;

import java.util.Locale;
import java.util.Objects;

/** The perceived severity of an alert event ({@code payload.severity}). */
public enum Severity {
  CRITICAL,
  ERROR,
  WARNING,
  INFO;

  /** The wire spelling: {@code critical}, {@code error}, {@code warning} or {@code info}. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire spelling, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values if {@code value} is not one
   */
  public static Severity parse(String value) {
    Objects.requireNonNull(value, "value");
    for (Severity s : values()) {
      if (s.wireValue().equalsIgnoreCase(value.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + value + "': use one of critical, error, warning, info");
  }
}
