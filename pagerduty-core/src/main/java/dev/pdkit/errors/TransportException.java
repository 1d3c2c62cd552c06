package dev.pdkit.errors;

import org.jspecify.annotations.Nullable;

/**
 * No HTTP response arrived: the connection was refused or reset, DNS failed, TLS failed, or a
 * connect/request timeout expired. {@link #connectionRefused()} tells whether the request certainly
 * never reached the server (so even a non-idempotent request can be re-sent safely).
 */
public class TransportException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  private final boolean timeout;
  private final boolean connectionRefused;

  public TransportException(
      String message, @Nullable Throwable cause, boolean timeout, boolean connectionRefused) {
    super(message, cause);
    this.timeout = timeout;
    this.connectionRefused = connectionRefused;
  }

  /** Whether a connect or request timeout expired. */
  public boolean isTimeout() {
    return timeout;
  }

  /** Whether the connection could not be opened, so the request never reached the server. */
  public boolean connectionRefused() {
    return connectionRefused;
  }
}
