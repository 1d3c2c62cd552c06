package dev.pdkit.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.errors.ValidationException;
import dev.pdkit.internal.json.Json;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSenderTest {
  static final Secret KEY = Secret.of("0123456789abcdef0123456789abcdef");
  static WireMockServer server;
  static PagerDuty client;
  final List<EventSender> senders = new ArrayList<>();
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    client =
        PagerDuty.builder()
            .eventsUrl(server.baseUrl())
            .eventsRateLimit(RateLimiter.Limit.perMinute(100_000))
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    server.stubFor(
        post(urlPathEqualTo("/v2/enqueue"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withBody(
                        "{\"status\":\"success\",\"message\":\"Event processed\","
                            + "\"dedup_key\":\"{{jsonPath request.body '$.dedup_key'}}\"}")
                    .withTransformers("response-template")));
    server.stubFor(
        post(urlPathEqualTo("/v2/change/enqueue"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withBody("{\"status\":\"success\",\"message\":\"Change event processed\"}")));
  }

  @AfterEach
  void closeSenders() {
    senders.forEach(s -> s.shutdown(Duration.ZERO));
  }

  EventSender sender(EventSender.Builder b) {
    EventSender s = b.build();
    senders.add(s);
    return s;
  }

  static DeliveryResult get(CompletableFuture<DeliveryResult> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  static List<JsonNode> journal() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    List<JsonNode> out = new ArrayList<>();
    for (ServeEvent e : events) {
      out.add(Json.tree(e.getRequest().getBody()));
    }
    return out;
  }

  static AlertEvent trigger() {
    return AlertEvent.trigger(KEY).summary("disk full").source("db1").severity(Severity.ERROR).build();
  }

  @Test
  void submit_triggerWithoutDedupKey_getsOneBeforeItIsStored_andIsDeliveredOverHttp()
      throws Exception {
    OutboxStore outbox = OutboxStore.inMemory();
    AtomicLong delivered = new AtomicLong();
    EventSender sender =
        sender(
            EventSender.builder(client)
                .outbox(outbox)
                .metrics(
                    new MetricsListener() {
                      @Override
                      public void onDelivery(String outcome) {
                        if (outcome.equals("delivered")) {
                          delivered.incrementAndGet();
                        }
                      }
                    }));
    DeliveryResult r = get(sender.submit(trigger()));
    assertThat(r.delivered()).isTrue();
    assertThat(r.dedupKey()).matches("[0-9a-f-]{36}");
    assertThat(r.attempts()).isEqualTo(1);
    JsonNode sent = journal().get(0);
    assertThat(sent.path("dedup_key").asText()).isEqualTo(r.dedupKey());
    assertThat(sent.path("routing_key").asText()).isEqualTo(KEY.reveal());
    assertThat(sent.path("payload").path("summary").asText()).isEqualTo("disk full");
    assertThat(outbox.size()).isZero();
    assertThat(delivered.get()).isEqualTo(1);
    assertThat(sender.toString()).doesNotContain(KEY.reveal());
  }

  @Test
  void submit_invalidEvent_throwsListingProblems_andStoresNothing() {
    OutboxStore outbox = OutboxStore.inMemory();
    EventSender sender = sender(EventSender.builder(client).outbox(outbox));
    AlertEvent bad = AlertEvent.trigger(Secret.of("zzsecretzz")).build();
    assertThatThrownBy(() -> sender.submit(bad))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("summary")
        .hasMessageNotContaining("zzsecretzz");
    assertThat(outbox.size()).isZero();
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void submit_triggerAcknowledgeResolve_sameKey_deliveredInOrder() throws Exception {
    EventSender sender = sender(EventSender.builder(client).maxConcurrency(4));
    List<CompletableFuture<DeliveryResult>> fs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fs.add(sender.submit(trigger().withDedupKey("k" + i)));
    }
    for (int i = 0; i < 5; i++) {
      fs.add(sender.submit(AlertEvent.acknowledge(KEY, "k" + i).build()));
      fs.add(sender.submit(AlertEvent.resolve(KEY, "k" + i).build()));
    }
    for (CompletableFuture<DeliveryResult> f : fs) {
      assertThat(get(f).delivered()).isTrue();
    }
    for (int i = 0; i < 5; i++) {
      String key = "k" + i;
      assertThat(journal().stream().filter(j -> j.path("dedup_key").asText().equals(key)))
          .extracting(j -> j.path("event_action").asText())
          .containsExactly("trigger", "acknowledge", "resolve");
    }
  }

  @Test
  void submit_changeEvent_goesToChangeEndpoint() throws Exception {
    EventSender sender = sender(EventSender.builder(client));
    DeliveryResult r =
        get(sender.submit(ChangeEvent.builder(KEY).summary("deployed v42").source("ci").build()));
    assertThat(r.delivered()).isTrue();
    assertThat(r.dedupKey()).isNull();
    server.verify(1, postRequestedFor(urlPathEqualTo("/v2/change/enqueue")));
  }

  @Test
  void badRequest_deadLetters_listsReason_andReplaySendsItAgain() throws Exception {
    server.stubFor(
        post(urlPathEqualTo("/v2/enqueue"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                            + "\"errors\":[\"'payload.severity' is invalid\"]}")));
    EventSender sender = sender(EventSender.builder(client));
    DeliveryResult r = get(sender.submit(trigger().withDedupKey("dl")));
    assertThat(r.status()).isEqualTo(DeliveryResult.Status.DEAD_LETTERED);
    assertThat(sender.deadLetters(10))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.id()).isEqualTo(r.id());
              assertThat(d.dedupKey()).isEqualTo("dl");
              assertThat(d.reason()).contains("'payload.severity' is invalid");
              assertThat(d.at()).isAfterOrEqualTo(d.enqueuedAt());
            });
    server.resetAll();
    reset();
    assertThat(sender.replay(r.id())).isTrue();
    assertThat(sender.replay("unknown")).isFalse();
    await().atMost(Duration.ofSeconds(30)).until(() -> server.getAllServeEvents().size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> sender.deadLetters(10).isEmpty() && sender.held() == 0);
  }

  @Test
  void close_leavesUndeliveredInFileOutbox_andANewSenderDeliversThem() throws Exception {
    server.stubFor(post(urlPathEqualTo("/v2/enqueue")).atPriority(1).willReturn(aResponse().withStatus(503)));
    List<CompletableFuture<DeliveryResult>> fs = new ArrayList<>();
    try (OutboxStore outbox = FileOutbox.open(dir);
        EventSender sender =
            EventSender.builder(client)
                .outbox(outbox)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(10))
                .maxAttempts(100_000)
                .closeTimeout(Duration.ofMillis(200))
                .build()) {
      for (int i = 0; i < 3; i++) {
        fs.add(sender.submit(trigger().withDedupKey("r" + i)));
      }
    }
    for (CompletableFuture<DeliveryResult> f : fs) {
      assertThat(get(f).status()).isEqualTo(DeliveryResult.Status.PENDING);
    }
    server.resetAll();
    reset();
    try (OutboxStore outbox = FileOutbox.open(dir)) {
      assertThat(outbox.size()).isEqualTo(3);
      EventSender again = sender(EventSender.builder(client).outbox(outbox));
      await().atMost(Duration.ofSeconds(30)).until(() -> outbox.size() == 0);
      assertThat(journal())
          .extracting(j -> j.path("dedup_key").asText())
          .containsExactlyInAnyOrder("r0", "r1", "r2");
      assertThat(again.shutdown(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void submit_afterShutdown_isRefused() {
    EventSender sender = sender(EventSender.builder(client));
    assertThat(sender.shutdown(Duration.ofSeconds(1))).isTrue();
    assertThatThrownBy(() -> sender.submit(trigger())).isInstanceOf(SenderClosedException.class);
  }

  @Test
  void builder_rejectsBadValues() {
    EventSender.Builder b = EventSender.builder(client);
    assertThatThrownBy(() -> b.queueCapacity(0)).hasMessage("queueCapacity must be positive, was 0");
    assertThatThrownBy(() -> b.maxConcurrency(-1)).hasMessageContaining("maxConcurrency");
    assertThatThrownBy(() -> b.initialBackoff(Duration.ofMillis(-1))).hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> b.pollInterval(Duration.ZERO)).hasMessageContaining("pollInterval");
    assertThatThrownBy(() -> b.circuitBreaker(0, Duration.ofSeconds(1))).hasMessageContaining("consecutiveFaults");
    assertThatThrownBy(() -> EventSender.builder(null)).isInstanceOf(NullPointerException.class);
  }
}
