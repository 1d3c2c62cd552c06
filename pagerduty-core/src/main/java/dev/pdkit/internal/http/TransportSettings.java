package dev.pdkit.internal.http;

import dev.pdkit.RetryPolicy;
import dev.pdkit.Secret;
import dev.pdkit.spi.RateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The per-client settings a transport applies to every request. Immutable.
 *
 * @param apiUrl REST base URL, without trailing slash
 * @param eventsUrl Events base URL, without trailing slash
 * @param token the REST credential, or null when only the Events API is used
 * @param bearer whether {@code token} is an OAuth token ({@code Bearer}) rather than an API key
 * @param from default {@code From} header, or null
 * @param requestTimeout timeout of one HTTP exchange
 * @param userAgent the {@code User-Agent} header
 * @param retryPolicy when to retry
 * @param restLimit limit of the REST bucket {@code rest:<token fingerprint>}
 * @param eventsLimit limit of each Events bucket
 */
public record TransportSettings(
    URI apiUrl,
    URI eventsUrl,
    @Nullable Secret token,
    boolean bearer,
    @Nullable String from,
    Duration requestTimeout,
    String userAgent,
    RetryPolicy retryPolicy,
    RateLimiter.Limit restLimit,
    RateLimiter.Limit eventsLimit) {

  public TransportSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(eventsUrl, "eventsUrl");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(restLimit, "restLimit");
    Objects.requireNonNull(eventsLimit, "eventsLimit");
  }

  /** The REST rate limit bucket: {@code rest:<token fingerprint>} ({@code rest:anonymous} without one). */
  public String restBucket() {
    return "rest:" + (token == null ? "anonymous" : token.fingerprint());
  }
}
