package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Status of an incident. */
public enum IncidentStatus {
  @JsonProperty("triggered")
  TRIGGERED,
  @JsonProperty("acknowledged")
  ACKNOWLEDGED,
  @JsonProperty("resolved")
  RESOLVED,
  /** A value this version of the SDK does not know; never send it. */
  @JsonEnumDefaultValue
  @JsonProperty("unknown")
  UNKNOWN;

  /** The wire spelling, e.g. {@code "triggered"}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
