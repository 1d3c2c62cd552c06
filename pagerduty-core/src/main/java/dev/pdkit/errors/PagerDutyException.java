package dev.pdkit.errors;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception pdkit throws. Unchecked: catch it where you can act on it.
 *
 * <p>Messages say what went wrong and what to do next, and never contain a secret (tokens, routing
 * keys, passphrases are {@link dev.pdkit.Secret}s and print as {@code <redacted>}).
 */
public class PagerDutyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PagerDutyException(String message) {
    super(message);
  }

  public PagerDutyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
