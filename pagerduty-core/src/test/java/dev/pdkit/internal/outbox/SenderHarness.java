package dev.pdkit.internal.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.pdkit.events.OverflowPolicy;
import dev.pdkit.internal.json.Json;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/** Shared pieces of the sender tests: settings with test defaults, entries, the journal. */
final class SenderHarness {
  static final String ROUTING_KEY = "R0123456789abcdef0123456789abcd0";
  static final String FP = "fp0123456789";

  private SenderHarness() {}

  /** Settings with fast test defaults; change what a test needs. */
  static final class Cfg {
    OutboxStore store;
    Deliverer deliverer;
    String consumer = "test-" + UUID.randomUUID();
    int queueCapacity = 1000;
    OverflowPolicy overflow = OverflowPolicy.REJECT;
    Duration blockTimeout = Duration.ofSeconds(5);
    int maxConcurrency = 8;
    int maxAttempts = 10;
    Duration initialBackoff = Duration.ofMillis(1);
    Duration maxBackoff = Duration.ofMillis(5);
    int breakerThreshold = 1000;
    Duration breakerOpenFor = Duration.ofSeconds(30);
    @Nullable RateLimiter rateLimiter;
    RateLimiter.Limit rateLimit = RateLimiter.Limit.perMinute(120);
    Duration claimTimeout = Duration.ofMinutes(5);
    Duration pollInterval = Duration.ofMillis(50);
    Clock clock = Clock.systemUTC();
    @Nullable SenderScheduler scheduler;
    MetricsListener metrics = MetricsListener.noop();
    ScheduledExecutorService executor;

    Cfg(OutboxStore store, Deliverer deliverer) {
      this.store = store;
      this.deliverer = deliverer;
    }

    SenderSettings build() {
      SenderScheduler sch = scheduler;
      if (sch == null) {
        executor = Executors.newSingleThreadScheduledExecutor();
        sch = SenderScheduler.of(executor);
      }
      return new SenderSettings(
          store,
          deliverer,
          consumer,
          queueCapacity,
          overflow,
          blockTimeout,
          maxConcurrency,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          breakerThreshold,
          breakerOpenFor,
          rateLimiter,
          rateLimit,
          SenderEntries::bucket,
          claimTimeout,
          pollInterval,
          clock,
          sch,
          metrics,
          () -> 0.5);
    }

    void shutdownExecutor() {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
  }

  static OutboxStore.Entry alert(String dedupKey, String action, Clock clock) {
    String json =
        "{\"routing_key\":\""
            + ROUTING_KEY
            + "\",\"event_action\":\""
            + action
            + "\",\"dedup_key\":\""
            + dedupKey
            + "\",\"payload\":{\"summary\":\"disk full\",\"source\":\"db1\",\"severity\":\"error\"}}";
    return new OutboxStore.Entry(
        UUID.randomUUID().toString(),
        SenderEntries.alertKey(FP, dedupKey),
        json.getBytes(StandardCharsets.UTF_8),
        clock.instant(),
        0);
  }

  static OutboxStore.Entry change(Clock clock) {
    String id = UUID.randomUUID().toString();
    String json =
        "{\"routing_key\":\"" + ROUTING_KEY + "\",\"payload\":{\"summary\":\"deployed v2\"}}";
    return new OutboxStore.Entry(
        id, SenderEntries.changeKey(FP, id), json.getBytes(StandardCharsets.UTF_8), clock.instant(), 0);
  }

  static ResponseDefinitionBuilder accepted() {
    return aResponse()
        .withStatus(202)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"status\":\"success\",\"message\":\"Event processed\","
                + "\"dedup_key\":\"{{jsonPath request.body '$.dedup_key'}}\"}")
        .withTransformers("response-template");
  }

  static void acceptAll(WireMockServer server) {
    server.stubFor(post(urlPathMatching("/v2/enqueue")).willReturn(accepted()));
    server.stubFor(
        post(urlPathMatching("/v2/change/enqueue"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withBody("{\"status\":\"success\",\"message\":\"Change event processed\"}")));
  }

  /** The Events requests the server received, oldest first, as JSON bodies. */
  static List<JsonNode> journal(WireMockServer server) {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    List<JsonNode> out = new ArrayList<>();
    for (ServeEvent e : events) {
      out.add(Json.tree(e.getRequest().getBody()));
    }
    return out;
  }
}
