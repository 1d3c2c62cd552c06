package dev.pdkit.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.json.Json;
import dev.pdkit.spi.OutboxStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A deliverer straight over {@code java.net.http}, for engine tests that run before the core
 * transport is wired in: POSTs the payload and maps the status the way the Events API means it.
 */
final class WireDeliverer implements Deliverer {
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI base;

  WireDeliverer(URI base) {
    this.base = base;
  }

  @Override
  public CompletableFuture<Outcome> deliver(OutboxStore.Entry entry) {
    byte[] payload = entry.payload();
    String path = SenderEntries.isChange(Json.tree(payload)) ? "/v2/change/enqueue" : "/v2/enqueue";
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
            .build();
    return client
        .sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            r -> {
              int st = r.statusCode();
              if (st / 100 == 2) {
                JsonNode body = Json.tree(r.body());
                return new Delivered(
                    body.path("dedup_key").isTextual() ? body.path("dedup_key").asText() : null,
                    body.path("message").asText(""));
              }
              if (st == 429) {
                Duration after =
                    r.headers().firstValue("Retry-After").map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
                return new Retry("429 Too Many Requests", after, false);
              }
              if (st >= 500) {
                return new Retry(st + " server error", null, true);
              }
              JsonNode body = Json.tree(r.body());
              return new Reject(st + " " + body.path("message").asText() + ": " + body.path("errors"));
            });
  }
}
