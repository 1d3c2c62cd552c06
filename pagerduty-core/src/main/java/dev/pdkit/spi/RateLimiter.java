package dev.pdkit.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Decides whether a request may go now. The SDK uses one bucket per REST token (960 requests per
 * minute by default) and one per Events routing key (about 120 per minute). Bucket names never
 * contain a secret: they are built from {@link dev.pdkit.Secret#fingerprint()}.
 *
 * <p>The default limiter is in process; the Redis module shares buckets across instances so that
 * many instances together respect PagerDuty's account-wide limits. Implementations must be
 * thread-safe and must not block for longer than one round trip to their store.
 */
public interface RateLimiter {

  /**
   * Takes one permit from {@code bucket} if one is available.
   *
   * @return {@link Duration#ZERO} when a permit was taken; otherwise how long to wait before asking
   *     again (no permit was taken)
   */
  Duration tryAcquire(String bucket, Limit limit);

  /**
   * Tells the limiter what the server reported for a bucket ({@code ratelimit-limit},
   * {@code ratelimit-remaining}, {@code ratelimit-reset}), so that it can slow down before a 429.
   * The default ignores it.
   */
  default void onServerLimit(String bucket, long limit, long remaining, Duration reset) {}

  /**
   * The built-in limiter: in-process token buckets (bursts up to the limit, refilling
   * continuously), tightened by the server's {@code ratelimit-*} reports. Each call returns a new,
   * independent limiter; share one instance to share buckets.
   */
  static RateLimiter inMemory() {
    return new dev.pdkit.internal.ratelimit.TokenBucketRateLimiter(java.time.Clock.systemUTC());
  }

  /** A limiter that never makes a request wait (PagerDuty's own 429s still apply). */
  static RateLimiter unlimited() {
    return (bucket, limit) -> Duration.ZERO;
  }

  /** A limit of {@code permits} per {@code period}. */
  record Limit(long permits, Duration period) {
    public Limit {
      Objects.requireNonNull(period, "period");
      if (permits <= 0) {
        throw new IllegalArgumentException("permits must be positive, was " + permits);
      }
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("period must be positive, was " + period);
      }
    }

    /** {@code permits} per minute. */
    public static Limit perMinute(long permits) {
      return new Limit(permits, Duration.ofMinutes(1));
    }
  }
}
