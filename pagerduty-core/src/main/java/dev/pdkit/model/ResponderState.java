package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a requested responder stands on an incident. */
public enum ResponderState {
  /** Requested, not answered yet (PagerDuty keeps notifying). */
  @JsonProperty("pending")
  PENDING,
  /** Accepted the request. */
  @JsonProperty("joined")
  JOINED,
  /** Declined the request. */
  @JsonProperty("declined")
  DECLINED,
  /** The request was cancelled. */
  @JsonProperty("user_cancelled")
  USER_CANCELLED,
  /** A value this version of the SDK does not know; never send it. */
  @JsonEnumDefaultValue
  @JsonProperty("unknown")
  UNKNOWN;

  /** The wire spelling, e.g. {@code "user_cancelled"}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
