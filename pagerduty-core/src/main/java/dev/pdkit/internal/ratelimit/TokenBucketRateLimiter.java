package dev.pdkit.internal.ratelimit;

import dev.pdkit.spi.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-process token buckets, one per bucket name. A bucket holds up to {@code permits} tokens and
 * refills continuously at {@code permits / period}, so bursts up to the limit go at once and the
 * long-run rate never exceeds it. Server reports ({@link #onServerLimit}) tighten a bucket: it never
 * holds more tokens than the server says remain, and with none remaining it waits for the reset.
 * Thread-safe; never blocks.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
  private final Clock clock;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenBucketRateLimiter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Duration tryAcquire(String bucket, Limit limit) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(limit, "limit");
    long now = nanos();
    return buckets.computeIfAbsent(bucket, k -> new Bucket(limit, now)).take(limit, now);
  }

  @Override
  public void onServerLimit(String bucket, long limit, long remaining, Duration reset) {
    Bucket b = buckets.get(bucket);
    if (b != null) {
      b.tighten(Math.max(0, remaining), reset, nanos());
    }
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** How many permits a bucket could hand out now (for tests and diagnostics). */
  public double available(String bucket) {
    Bucket b = buckets.get(bucket);
    return b == null ? Double.NaN : b.available(nanos());
  }

  private static final class Bucket {
    private Limit limit;
    private double tokens;
    private long updatedAt;
    private long blockedUntil = Long.MIN_VALUE;

    Bucket(Limit limit, long now) {
      this.limit = limit;
      this.tokens = limit.permits();
      this.updatedAt = now;
    }

    private double ratePerNano() {
      return (double) limit.permits() / limit.period().toNanos();
    }

    private void refill(long now) {
      if (now > updatedAt) {
        tokens = Math.min(limit.permits(), tokens + (now - updatedAt) * ratePerNano());
        updatedAt = now;
      }
    }

    synchronized Duration take(Limit l, long now) {
      if (!l.equals(limit)) {
        limit = l;
        tokens = Math.min(tokens, l.permits());
      }
      if (now < blockedUntil) {
        return Duration.ofNanos(blockedUntil - now);
      }
      refill(now);
      if (tokens >= 1.0) {
        tokens -= 1.0;
        return Duration.ZERO;
      }
      long wait = (long) Math.ceil((1.0 - tokens) / ratePerNano());
      return Duration.ofNanos(Math.max(1, wait));
    }

    synchronized void tighten(long remaining, Duration reset, long now) {
      refill(now);
      tokens = Math.min(tokens, remaining);
      if (remaining == 0 && !reset.isNegative() && !reset.isZero()) {
        blockedUntil = Math.max(blockedUntil, now + reset.toNanos());
      }
    }

    synchronized double available(long now) {
      refill(now);
      return now < blockedUntil ? 0 : tokens;
    }
  }
}
