package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Urgency of an incident ({@code high}, {@code low}) or of an urgency rule (also {@code severity_based}). */
public enum Urgency {
  @JsonProperty("high")
  HIGH,
  @JsonProperty("low")
  LOW,
  @JsonProperty("severity_based")
  SEVERITY_BASED,
  /** A value this version of the SDK does not know; never send it. */
  @JsonEnumDefaultValue
  @JsonProperty("unknown")
  UNKNOWN;

  /** The wire spelling, e.g. {@code "high"}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
