package dev.pdkit.internal;

import dev.pdkit.internal.http.HttpTransport;
import dev.pdkit.internal.http.TransportSettings;
import dev.pdkit.spi.CacheProvider;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.RateLimiter;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What resource implementations in {@code dev.pdkit.internal.*} need from the client that made
 * them. {@code PagerDuty} creates one per client (derived clients get their own, sharing the same
 * HTTP client, executor, caches, limiter and metrics) and passes it to each resource constructor.
 *
 * @param transport sends requests (auth, From, retries, rate limits, error mapping)
 * @param settings the client's settings (URLs, From default, timeouts, retry policy, limits)
 * @param cache the cache provider (e.g. {@code cache().cache("users-by-email", User.class, ttl, n)})
 * @param rateLimiter the rate limiter (the transport already uses it for every request)
 * @param metrics the metrics listener (the transport already reports exchanges and retries)
 * @param clock the client's clock (use it instead of {@code Instant.now()})
 * @param executor the client's executor, for async work that is not an HTTP exchange
 */
public record ClientContext(
    HttpTransport transport,
    TransportSettings settings,
    CacheProvider cache,
    RateLimiter rateLimiter,
    MetricsListener metrics,
    Clock clock,
    Executor executor) {

  public ClientContext {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(rateLimiter, "rateLimiter");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(executor, "executor");
  }
}
