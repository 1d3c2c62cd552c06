package dev.pdkit.errors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * HTTP 429: too many requests (PagerDuty error code 2020). Thrown only after the retry policy gave
 * up; {@link #retryAfter()} says how long the server asked to wait, when it said so (from
 * {@code Retry-After} or {@code ratelimit-reset}).
 */
public class RateLimitedException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  public RateLimitedException(
      String endpoint,
      @Nullable Integer errorCode,
      @Nullable String errorMessage,
      List<String> errorMessages,
      @Nullable String requestId,
      @Nullable Duration retryAfter) {
    super(429, endpoint, errorCode, errorMessage, errorMessages, requestId);
    this.retryAfter = retryAfter;
  }

  /** How long the server asked to wait before the next request, if it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public String getMessage() {
    String m = super.getMessage();
    return retryAfter == null ? m : m + " (server asked to wait " + retryAfter.toMillis() + " ms)";
  }
}
