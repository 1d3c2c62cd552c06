package dev.pdkit.testkit;

import org.jspecify.annotations.Nullable;

/**
 * Rate-limit emulation for {@link FakePagerDuty#setRateLimits(RateLimits)} (or
 * {@code POST /_fake/rate-limits}). A {@code null} limit means unlimited. Limits are counted over a
 * sliding 60-second window of the fake's virtual clock: REST calls per API token, Events per routing
 * key. An exceeded limit answers 429 with {@code ratelimit-limit}, {@code ratelimit-remaining} and
 * {@code ratelimit-reset} headers (and {@code Retry-After}); REST bodies carry error code 2020.
 *
 * @param restPerMinute REST requests per token per minute, or null for unlimited
 * @param eventsPerMinutePerKey Events API requests per routing key per minute, or null for unlimited
 */
public record RateLimits(@Nullable Integer restPerMinute, @Nullable Integer eventsPerMinutePerKey) {

  /** No limits at all (the default). */
  public static final RateLimits UNLIMITED = new RateLimits(null, null);

  /** Validates that limits are positive. */
  public RateLimits {
    if (restPerMinute != null && restPerMinute < 1) {
      throw new IllegalArgumentException("rest_per_minute must be >= 1, got " + restPerMinute);
    }
    if (eventsPerMinutePerKey != null && eventsPerMinutePerKey < 1) {
      throw new IllegalArgumentException(
          "events_per_minute_per_key must be >= 1, got " + eventsPerMinutePerKey);
    }
  }

  /** PagerDuty's documented defaults: 960 REST calls/min per token, 120 events/min per key. */
  public static RateLimits pagerDutyDefaults() {
    return new RateLimits(960, 120);
  }
}
