package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Status of a service; only {@code ACTIVE} may be set on create. */
public enum ServiceStatus {
  @JsonProperty("active")
  ACTIVE,
  @JsonProperty("warning")
  WARNING,
  @JsonProperty("critical")
  CRITICAL,
  @JsonProperty("maintenance")
  MAINTENANCE,
  @JsonProperty("disabled")
  DISABLED,
  /** A value this version of the SDK does not know; never send it. */
  @JsonEnumDefaultValue
  @JsonProperty("unknown")
  UNKNOWN;

  /** The wire spelling, e.g. {@code "active"}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
