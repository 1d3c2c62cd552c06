package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Base role of a user on the account. */
public enum UserRole {
  @JsonProperty("admin")
  ADMIN,
  @JsonProperty("limited_user")
  LIMITED_USER,
  @JsonProperty("observer")
  OBSERVER,
  @JsonProperty("owner")
  OWNER,
  @JsonProperty("read_only_user")
  READ_ONLY_USER,
  @JsonProperty("restricted_access")
  RESTRICTED_ACCESS,
  @JsonProperty("read_only_limited_user")
  READ_ONLY_LIMITED_USER,
  @JsonProperty("user")
  USER,
  /** A value this version of the SDK does not know; never send it. */
  @JsonEnumDefaultValue
  @JsonProperty("unknown")
  UNKNOWN;

  /** The wire spelling, e.g. {@code "admin"}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
