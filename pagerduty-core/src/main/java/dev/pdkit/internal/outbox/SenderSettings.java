package dev.pdkit.internal.outbox;

import dev.pdkit.events.OverflowPolicy;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link SenderEngine} runs with. Built by {@link dev.pdkit.events.EventSender.Builder}
 * (which documents the defaults) or directly by tests.
 *
 * @param bucketOf the rate limit bucket of an entry (never a secret)
 * @param rateLimiter null to send without the sender's own rate limit
 * @param maxAttempts attempts before an event is dead-lettered (at least 1)
 * @param jitter random numbers in [0, 1) for backoff jitter
 */
public record SenderSettings(
    OutboxStore store,
    Deliverer deliverer,
    String consumer,
    int queueCapacity,
    OverflowPolicy overflow,
    Duration blockTimeout,
    int maxConcurrency,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int breakerThreshold,
    Duration breakerOpenFor,
    @Nullable RateLimiter rateLimiter,
    RateLimiter.Limit rateLimit,
    Function<OutboxStore.Entry, String> bucketOf,
    Duration claimTimeout,
    Duration pollInterval,
    Clock clock,
    SenderScheduler scheduler,
    MetricsListener metrics,
    DoubleSupplier jitter) {

  public SenderSettings {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(deliverer, "deliverer");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(blockTimeout, "blockTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(bucketOf, "bucketOf");
    Objects.requireNonNull(claimTimeout, "claimTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(jitter, "jitter");
    positive("queueCapacity", queueCapacity);
    positive("maxConcurrency", maxConcurrency);
    positive("maxAttempts", maxAttempts);
    positive("breakerThreshold", breakerThreshold);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** Exponential backoff with full jitter in the upper half: base * 2^(n-1), capped. */
  Duration backoff(int attempt) {
    double base = initialBackoff.toNanos();
    double cap = maxBackoff.toNanos();
    double exp = Math.min(cap, base * Math.pow(2, Math.max(0, Math.min(attempt - 1, 60))));
    double j = jitter.getAsDouble();
    return Duration.ofNanos((long) (exp / 2 + exp / 2 * j));
  }
}
