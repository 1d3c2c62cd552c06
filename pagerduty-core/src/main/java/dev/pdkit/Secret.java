package dev.pdkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A value that must never be shown: an API token, a routing key, a passphrase, a webhook secret.
 *
 * <p>{@link #toString()} always returns {@code <redacted>}, so a secret that ends up in a log line,
 * an exception message or a debugger shows nothing useful. The clear value is only reachable
 * through {@link #reveal()}, which is meant to be called at the last moment (building a header,
 * decrypting a file). {@link #fingerprint()} gives a stable, non-reversible short id (the first 12
 * hex digits of SHA-256) that is safe to log or use as a key, e.g. for per-token rate limit buckets.
 *
 * <p>Instances are immutable and thread-safe. {@link #equals(Object)} compares in constant time.
 */
public final class Secret {
  private static final String REDACTED = "<redacted>";

  private final String value;
  private final String fingerprint;

  private Secret(String value) {
    this.value = value;
    this.fingerprint = sha256Hex(value).substring(0, 12);
  }

  /**
   * Wraps a clear value.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is empty or blank
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** Returns the clear value. Never log it. */
  public String reveal() {
    return value;
  }

  /** A stable, non-reversible short id of this secret (12 hex digits of its SHA-256); safe to log. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The number of characters of the clear value, for validation messages that must not show it. */
  public int length() {
    return value.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  /** Always {@code <redacted>}. */
  @Override
  public String toString() {
    return REDACTED;
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
