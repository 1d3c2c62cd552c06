package dev.pdkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When and how long to wait before re-sending a failed request. Immutable and thread-safe.
 *
 * <p>Retried: connection errors and timeouts, and the statuses in {@link #retryStatuses()} (by
 * default 408, 429 and every 5xx). The wait before retry {@code n} (1 = first retry) is chosen with
 * <em>full jitter</em>: uniformly in {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]}, so many
 * clients failing at once do not retry in lockstep. When the server says how long to wait
 * ({@code Retry-After} in seconds or as an HTTP date, or {@code ratelimit-reset} on a 429) that wait
 * is used instead. Retrying stops after {@link #maxAttempts()} attempts in all, or when the next
 * wait would end later than {@link #maxElapsed()} after the first attempt started; the last error is
 * then thrown.
 *
 * <p><b>Non-idempotent requests</b> (every POST, unless the operation is known to be safe to repeat,
 * such as an Events API trigger carrying a dedup key) are re-sent only when the request certainly
 * never reached the server (connection refused, connect timeout). PagerDuty has no idempotency keys,
 * so re-sending a POST after a 5xx or a read timeout could create a duplicate service, user or
 * incident. Such failures are thrown to the caller, who knows whether a duplicate is acceptable.
 * Request bodies are re-sent byte for byte.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.custom()
 *     .maxAttempts(6)
 *     .initialBackoff(Duration.ofMillis(200))
 *     .maxBackoff(Duration.ofSeconds(20))
 *     .maxElapsed(Duration.ofMinutes(1))
 *     .build();
 * }</pre>
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = new Builder().build();
  private static final RetryPolicy NONE = new Builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxElapsed;
  private final Set<Integer> retryStatuses;
  private final boolean honorServerDelay;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxElapsed = b.maxElapsed;
    this.retryStatuses = Set.copyOf(b.retryStatuses);
    this.honorServerDelay = b.honorServerDelay;
  }

  /**
   * The defaults: 4 attempts, backoff from 500 ms doubling up to 30 s, at most 2 minutes in all,
   * retrying 408, 429 and 5xx, honouring {@code Retry-After} and {@code ratelimit-reset}.
   */
  public static RetryPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** Never retries: one attempt only. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.maxElapsed = maxElapsed;
    b.retryStatuses = new TreeSet<>(retryStatuses);
    b.honorServerDelay = honorServerDelay;
    return b;
  }

  /** Attempts in all, including the first (1 = no retry). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Upper bound of the first retry's wait. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Upper bound of any computed wait. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Retries stop when the next attempt would start later than this after the first one. */
  public Duration maxElapsed() {
    return maxElapsed;
  }

  /** HTTP statuses that are retried. */
  public Set<Integer> retryStatuses() {
    return retryStatuses;
  }

  /** Whether {@code Retry-After} / {@code ratelimit-reset} replace the computed backoff. */
  public boolean honorServerDelay() {
    return honorServerDelay;
  }

  /** Whether {@code status} is retried by this policy. */
  public boolean retries(int status) {
    return retryStatuses.contains(status);
  }

  /**
   * The computed wait before retry number {@code retry} (1 = first retry), given a uniformly
   * distributed {@code jitter} in {@code [0, 1)}: {@code jitter * min(maxBackoff, initialBackoff *
   * 2^(retry-1))}.
   */
  public Duration backoff(int retry, double jitter) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1, was " + retry);
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }
    long initial = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    int shift = Math.min(retry - 1, 62);
    long ceiling = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
    return Duration.ofNanos((long) (ceiling * jitter));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryPolicy p
        && maxAttempts == p.maxAttempts
        && initialBackoff.equals(p.initialBackoff)
        && maxBackoff.equals(p.maxBackoff)
        && maxElapsed.equals(p.maxElapsed)
        && retryStatuses.equals(p.retryStatuses)
        && honorServerDelay == p.honorServerDelay;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxAttempts, initialBackoff, maxBackoff, maxElapsed, retryStatuses, honorServerDelay);
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", maxElapsed=" + maxElapsed + ", retryStatuses="
        + new TreeSet<>(retryStatuses) + ", honorServerDelay=" + honorServerDelay + "]";
  }

  /** Builds a {@link RetryPolicy}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maxElapsed = Duration.ofMinutes(2);
    private Set<Integer> retryStatuses = defaultStatuses();
    private boolean honorServerDelay = true;

    private Builder() {}

    private static Set<Integer> defaultStatuses() {
      Set<Integer> s = new TreeSet<>();
      s.add(408);
      s.add(429);
      for (int i = 500; i <= 599; i++) {
        s.add(i);
      }
      return s;
    }

    /** Attempts in all, at least 1 (1 disables retries). Default 4. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Upper bound of the first retry's wait, positive. Default 500 ms. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = positive(d, "initialBackoff");
      return this;
    }

    /** Cap on any computed wait, positive. Default 30 s. */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = positive(d, "maxBackoff");
      return this;
    }

    /** Budget for all attempts and waits together, positive. Default 2 minutes. */
    public Builder maxElapsed(Duration d) {
      this.maxElapsed = positive(d, "maxElapsed");
      return this;
    }

    /** Replaces the retried statuses (default 408, 429, 500-599). */
    public Builder retryStatuses(Set<Integer> statuses) {
      Objects.requireNonNull(statuses, "statuses");
      for (Integer s : statuses) {
        if (s == null || s < 400 || s > 599) {
          throw new IllegalArgumentException("retryStatuses must be 4xx/5xx, got " + s);
        }
      }
      this.retryStatuses = new TreeSet<>(statuses);
      return this;
    }

    /** Whether a server-provided wait replaces the computed backoff. Default true. */
    public Builder honorServerDelay(boolean honor) {
      this.honorServerDelay = honor;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalArgumentException if {@code initialBackoff} exceeds {@code maxBackoff}
     */
    public RetryPolicy build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException("initialBackoff (" + initialBackoff
            + ") must not exceed maxBackoff (" + maxBackoff + ")");
      }
      return new RetryPolicy(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
