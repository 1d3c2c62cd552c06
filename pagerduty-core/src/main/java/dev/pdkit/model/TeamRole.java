package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Role of a user within a team. */
public enum TeamRole {
  @JsonProperty("observer")
  OBSERVER,
  @JsonProperty("responder")
  RESPONDER,
  @JsonProperty("manager")
  MANAGER,
  /** A value this version of the SDK does not know; never send it. */
  @JsonEnumDefaultValue
  @JsonProperty("unknown")
  UNKNOWN;

  /** The wire spelling, e.g. {@code "observer"}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
