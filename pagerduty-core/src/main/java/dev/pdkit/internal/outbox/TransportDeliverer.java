package dev.pdkit.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.errors.ApiException;
import dev.pdkit.errors.RateLimitedException;
import dev.pdkit.errors.TransportException;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.internal.http.ApiResponse;
import dev.pdkit.internal.http.HttpTransport;
import dev.pdkit.internal.json.Json;
import dev.pdkit.spi.OutboxStore;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Delivers outbox entries through the client's {@link HttpTransport} (the same stack {@code
 * pd.events()} uses: base URL, user agent, the client's {@code RateLimiter} with one bucket per
 * routing key, metrics, error mapping). The payload goes out byte for byte as it was stored. The
 * sender gives this a transport whose retry policy is {@code none()}: the sender owns retries.
 */
public final class TransportDeliverer implements Deliverer {
  static final String ENQUEUE = "/v2/enqueue";
  static final String CHANGE_ENQUEUE = "/v2/change/enqueue";

  private final HttpTransport transport;

  public TransportDeliverer(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  @Override
  public CompletableFuture<Outcome> deliver(OutboxStore.Entry entry) {
    byte[] payload = entry.payload();
    JsonNode body;
    try {
      body = Json.tree(payload);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          new Reject("the stored payload is not JSON (" + e.getMessage() + ")"));
    }
    String path = SenderEntries.isChange(body) ? CHANGE_ENQUEUE : ENQUEUE;
    ApiRequest request =
        ApiRequest.builder("POST", path)
            .api(ApiRequest.Api.EVENTS)
            .endpoint("POST " + path)
            .body(payload)
            // Alert events carry their dedup key and change events only inform: a re-send has no
            // second effect.
            .idempotent(true)
            .rateLimitBucket(SenderEntries.bucket(entry))
            .build();
    CompletableFuture<ApiResponse> sent;
    try {
      sent = transport.send(request);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(outcomeOf(e));
    }
    return sent.handle(
        (response, error) -> error != null ? outcomeOf(error) : delivered(response));
  }

  private static Outcome delivered(ApiResponse response) {
    JsonNode json = response.json();
    JsonNode key = json.path("dedup_key");
    return new Delivered(
        key.isTextual() ? key.asText() : null, json.path("message").asText("accepted"));
  }

  /** Maps a failure the way the Events API means it: 400 and other 4xx are final. */
  static Outcome outcomeOf(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof RateLimitedException r) {
      return new Retry("429 rate limited by PagerDuty", r.retryAfter().orElse(null), false);
    }
    if (e instanceof ApiException api) {
      String what = api.status() + " " + api.errorMessage().orElse("");
      if (!api.errorMessages().isEmpty()) {
        what = what + ": " + String.join("; ", api.errorMessages());
      }
      if (api.status() >= 500 || api.status() == 408) {
        return new Retry(what.trim(), null, true);
      }
      return new Reject(what.trim());
    }
    if (e instanceof TransportException) {
      return new Retry(String.valueOf(e.getMessage()), null, true);
    }
    if (e instanceof dev.pdkit.errors.ValidationException) {
      return new Reject(String.valueOf(e.getMessage()));
    }
    return new Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), null, true);
  }
}
