package dev.pdkit.spi;

import java.time.Duration;

/**
 * Receives measurements from the SDK. Every method has an empty default, so a listener implements
 * only what it needs, and new measurements can be added without breaking implementations. Called
 * on SDK threads: implementations must be thread-safe and fast (no I/O).
 */
public interface MetricsListener {

  /**
   * One HTTP exchange finished (each attempt counts).
   *
   * @param endpoint the operation template, e.g. {@code GET /services/{id}} (never a raw id)
   * @param status the HTTP status, or 0 when no response arrived
   * @param latency time from sending to the last byte of the response
   * @param attempt 1 for the first try, 2 for the first retry, ...
   */
  default void onExchange(String endpoint, int status, Duration latency, int attempt) {}

  /** A retry is scheduled after {@code delay} because of {@code reason} (e.g. {@code 429}). */
  default void onRetry(String endpoint, int attempt, Duration delay, String reason) {}

  /** A request waited {@code waited} for a rate limit permit of {@code bucket}. */
  default void onRateLimitWait(String bucket, Duration waited) {}

  /** The event sender's queue changed: how many wait, and the age of the oldest. */
  default void onQueue(long depth, Duration oldestAge) {}

  /** An event was delivered, retried or dead-lettered ({@code outcome}). */
  default void onDelivery(String outcome) {}

  /** A listener that ignores everything. */
  static MetricsListener noop() {
    return NoopMetricsListener.INSTANCE;
  }
}

enum NoopMetricsListener implements MetricsListener {
  INSTANCE
}
