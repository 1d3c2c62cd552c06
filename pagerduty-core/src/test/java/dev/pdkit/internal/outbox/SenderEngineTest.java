package dev.pdkit.internal.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.pdkit.internal.outbox.SenderHarness.accepted;
import static dev.pdkit.internal.outbox.SenderHarness.acceptAll;
import static dev.pdkit.internal.outbox.SenderHarness.alert;
import static dev.pdkit.internal.outbox.SenderHarness.journal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.pdkit.events.DeliveryResult;
import dev.pdkit.events.FileOutbox;
import dev.pdkit.events.OverflowPolicy;
import dev.pdkit.events.QueueFullException;
import dev.pdkit.events.SenderClosedException;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SenderEngineTest {
  static WireMockServer server;
  final Clock clock = Clock.systemUTC();
  final List<SenderHarness.Cfg> cfgs = new ArrayList<>();
  final List<SenderEngine> engines = new ArrayList<>();
  @TempDir Path dir;

  @BeforeAll
  static void startServer() {
    server = new WireMockServer(options().dynamicPort().asynchronousResponseEnabled(true));
    server.start();
    client =
        dev.pdkit.PagerDuty.builder()
            .eventsUrl(server.baseUrl())
            .retryPolicy(dev.pdkit.RetryPolicy.none())
            .eventsRateLimit(RateLimiter.Limit.perMinute(100_000))
            .build();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
  }

  @AfterEach
  void stopEngines() {
    for (SenderEngine e : engines) {
      e.shutdown(Duration.ZERO);
    }
    cfgs.forEach(SenderHarness.Cfg::shutdownExecutor);
  }

  static dev.pdkit.PagerDuty client;

  /** Deliveries go over the client's real transport (retries off: the sender owns them). */
  Deliverer http() {
    return new TransportDeliverer(dev.pdkit.internal.ClientHooks.context(client).transport());
  }

  SenderHarness.Cfg cfg(OutboxStore store) {
    SenderHarness.Cfg c = new SenderHarness.Cfg(store, http());
    cfgs.add(c);
    return c;
  }

  SenderEngine engine(SenderHarness.Cfg c) {
    SenderEngine e = new SenderEngine(c.build());
    engines.add(e);
    e.start();
    return e;
  }

  static DeliveryResult get(CompletableFuture<DeliveryResult> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  @Test
  void submit_sameDedupKey_deliveredInSubmitOrderWhileKeysRunInParallel() throws Exception {
    server.stubFor(
        post(urlPathMatching("/v2/.*"))
            .willReturn(accepted().withUniformRandomDelay(0, 15)));
    // The first trigger of k3 fails twice: its acknowledge and resolve must still wait for it.
    server.stubFor(
        post(urlPathEqualTo("/v2/enqueue"))
            .withRequestBody(matchingJsonPath("$.dedup_key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("k3")))
            .withRequestBody(matchingJsonPath("$.event_action", com.github.tomakehurst.wiremock.client.WireMock.equalTo("trigger")))
            .inScenario("k3")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("failed-once"));
    server.stubFor(
        post(urlPathEqualTo("/v2/enqueue"))
            .withRequestBody(matchingJsonPath("$.dedup_key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("k3")))
            .withRequestBody(matchingJsonPath("$.event_action", com.github.tomakehurst.wiremock.client.WireMock.equalTo("trigger")))
            .inScenario("k3")
            .whenScenarioStateIs("failed-once")
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))
            .willSetStateTo("ok"));
    SenderHarness.Cfg c = cfg(OutboxStore.inMemory());
    c.maxConcurrency = 4;
    SenderEngine engine = engine(c);
    List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
    for (String action : List.of("trigger", "acknowledge", "resolve")) {
      for (int k = 0; k < 8; k++) {
        futures.add(engine.submit(alert("k" + k, action, clock)));
      }
    }
    for (CompletableFuture<DeliveryResult> f : futures) {
      assertThat(get(f).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    }
    Map<String, List<String>> perKey = new LinkedHashMap<>();
    for (JsonNode req : journal(server)) {
      perKey.computeIfAbsent(req.path("dedup_key").asText(), k -> new ArrayList<>())
          .add(req.path("event_action").asText());
    }
    assertThat(perKey).hasSize(8);
    perKey.forEach(
        (key, actions) -> {
          List<String> distinct = actions.stream().distinct().toList();
          assertThat(distinct).as(key).containsExactly("trigger", "acknowledge", "resolve");
          int lastTrigger = actions.lastIndexOf("trigger");
          assertThat(actions.indexOf("acknowledge")).as(key).isGreaterThan(lastTrigger);
        });
    assertThat(perKey.get("k3")).containsExactly("trigger", "trigger", "trigger", "acknowledge", "resolve");
    assertThat(get(futures.get(3)).attempts()).isEqualTo(3);
    assertThat(get(futures.get(3)).dedupKey()).isEqualTo("k3");
  }

  @Test
  void deliveries_neverExceedMaxConcurrency() throws Exception {
    server.stubFor(post(urlPathMatching("/v2/.*")).willReturn(accepted().withFixedDelay(40)));
    AtomicInteger now = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    Deliverer real = http();
    SenderHarness.Cfg c = cfg(OutboxStore.inMemory());
    c.maxConcurrency = 3;
    c.deliverer =
        entry -> {
          max.accumulateAndGet(now.incrementAndGet(), Math::max);
          return real.deliver(entry).whenComplete((o, e) -> now.decrementAndGet());
        };
    SenderEngine engine = engine(c);
    List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      futures.add(engine.submit(alert("c" + i, "trigger", clock)));
    }
    for (CompletableFuture<DeliveryResult> f : futures) {
      assertThat(get(f).delivered()).isTrue();
    }
    assertThat(max.get()).isEqualTo(3);
    assertThat(server.getAllServeEvents()).hasSize(15);
  }

  /** A deliverer that holds every delivery until the test opens the gate. */
  static final class Gate implements Deliverer {
    final CountDownLatch open = new CountDownLatch(1);
    final AtomicInteger started = new AtomicInteger();
    final Deliverer real;

    Gate(Deliverer real) {
      this.real = real;
    }

    @Override
    public CompletableFuture<Outcome> deliver(OutboxStore.Entry entry) {
      started.incrementAndGet();
      return CompletableFuture.runAsync(
              () -> {
                try {
                  open.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              })
          .thenCompose(x -> real.deliver(entry));
    }
  }

  @Test
  void overflowReject_full_throwsClearlyAndKeepsNothing() throws Exception {
    acceptAll(server);
    OutboxStore store = OutboxStore.inMemory();
    SenderHarness.Cfg c = cfg(store);
    Gate gate = new Gate(http());
    c.deliverer = gate;
    c.queueCapacity = 2;
    SenderEngine engine = engine(c);
    CompletableFuture<DeliveryResult> a = engine.submit(alert("a", "trigger", clock));
    CompletableFuture<DeliveryResult> b = engine.submit(alert("b", "trigger", clock));
    assertThatThrownBy(() -> engine.submit(alert("c", "trigger", clock)))
        .isInstanceOf(QueueFullException.class)
        .hasMessageContaining("queue is full (2 undelivered events held, overflow policy REJECT)")
        .hasMessageContaining("was not accepted")
        .hasMessageContaining("raise queueCapacity");
    assertThat(store.size()).isEqualTo(2);
    gate.open.countDown();
    assertThat(get(a).delivered()).isTrue();
    assertThat(get(b).delivered()).isTrue();
    assertThat(get(engine.submit(alert("c", "trigger", clock))).delivered()).isTrue();
  }

  @Test
  void overflowBlock_waitsForRoom_thenAcceptsOrTimesOut() throws Exception {
    acceptAll(server);
    SenderHarness.Cfg c = cfg(OutboxStore.inMemory());
    Gate gate = new Gate(http());
    c.deliverer = gate;
    c.queueCapacity = 1;
    c.overflow = OverflowPolicy.BLOCK;
    c.blockTimeout = Duration.ofMillis(100);
    SenderEngine engine = engine(c);
    CompletableFuture<DeliveryResult> a = engine.submit(alert("a", "trigger", clock));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> engine.submit(alert("b", "trigger", clock)))
        .isInstanceOf(QueueFullException.class)
        .hasMessageContaining("after waiting 100 ms");
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(90));
    c.blockTimeout = Duration.ofSeconds(10);
    SenderEngine patient = engine(rebuild(c));
    CompletableFuture<DeliveryResult> first = patient.submit(alert("x", "trigger", clock));
    CompletableFuture<CompletableFuture<DeliveryResult>> second =
        CompletableFuture.supplyAsync(() -> patient.submit(alert("y", "trigger", clock)));
    Thread.sleep(50);
    assertThat(second).isNotDone();
    gate.open.countDown();
    assertThat(get(first).delivered()).isTrue();
    assertThat(get(second.get(30, TimeUnit.SECONDS)).delivered()).isTrue();
    assertThat(get(a).delivered()).isTrue();
  }

  private SenderHarness.Cfg rebuild(SenderHarness.Cfg c) {
    SenderHarness.Cfg n = new SenderHarness.Cfg(OutboxStore.inMemory(), c.deliverer);
    n.queueCapacity = c.queueCapacity;
    n.overflow = c.overflow;
    n.blockTimeout = c.blockTimeout;
    cfgs.add(n);
    return n;
  }

  @Test
  void overflowDropOldest_deadLettersOldestQueued_andReplayDeliversIt() throws Exception {
    acceptAll(server);
    OutboxStore store = OutboxStore.inMemory();
    SenderHarness.Cfg c = cfg(store);
    Gate gate = new Gate(http());
    c.deliverer = gate;
    c.queueCapacity = 2;
    c.maxConcurrency = 1;
    c.overflow = OverflowPolicy.DROP_OLDEST;
    SenderEngine engine = engine(c);
    CompletableFuture<DeliveryResult> inFlight = engine.submit(alert("a", "trigger", clock));
    await().atMost(Duration.ofSeconds(30)).until(() -> gate.started.get() == 1);
    CompletableFuture<DeliveryResult> oldest = engine.submit(alert("b", "trigger", clock));
    CompletableFuture<DeliveryResult> newest = engine.submit(alert("c", "trigger", clock));
    DeliveryResult dropped = get(oldest);
    assertThat(dropped.status()).isEqualTo(DeliveryResult.Status.DEAD_LETTERED);
    assertThat(dropped.message()).isEqualTo("dropped: queue full (DROP_OLDEST)");
    assertThat(dropped.dedupKey()).isEqualTo("b");
    assertThat(store.deadLetters(10)).singleElement().satisfies(d -> assertThat(d.entry().id()).isEqualTo(dropped.id()));
    gate.open.countDown();
    assertThat(get(inFlight).delivered()).isTrue();
    assertThat(get(newest).delivered()).isTrue();
    assertThat(store.replay(dropped.id())).isTrue();
    engine.pollNow();
    await().atMost(Duration.ofSeconds(30)).until(() -> store.size() == 0);
    assertThat(journal(server)).extracting(j -> j.path("dedup_key").asText()).containsExactly("a", "c", "b");
  }

  @Test
  void overflowDropOldest_everythingInFlight_rejects() throws Exception {
    acceptAll(server);
    SenderHarness.Cfg c = cfg(OutboxStore.inMemory());
    Gate gate = new Gate(http());
    c.deliverer = gate;
    c.queueCapacity = 1;
    c.overflow = OverflowPolicy.DROP_OLDEST;
    SenderEngine engine = engine(c);
    CompletableFuture<DeliveryResult> a = engine.submit(alert("a", "trigger", clock));
    await().atMost(Duration.ofSeconds(30)).until(() -> gate.started.get() == 1);
    assertThatThrownBy(() -> engine.submit(alert("b", "trigger", clock)))
        .isInstanceOf(QueueFullException.class)
        .hasMessageContaining("every held event is being sent");
    gate.open.countDown();
    assertThat(get(a).delivered()).isTrue();
  }

  @Test
  void retry_5xxThen429ThenAccepted_resendsSameDedupKeyAndHonoursRetryAfter() throws Exception {
    server.stubFor(
        post(urlPathEqualTo("/v2/enqueue"))
            .inScenario("r")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("busy"));
    server.stubFor(
        post(urlPathEqualTo("/v2/enqueue"))
            .inScenario("r")
            .whenScenarioStateIs("busy")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("ok"));
    server.stubFor(
        post(urlPathEqualTo("/v2/enqueue"))
            .inScenario("r")
            .whenScenarioStateIs("ok")
            .willReturn(accepted()));
    RecordingMetrics metrics = new RecordingMetrics();
    MutableClock manual = MutableClock.atEpochPlusOneDay();
    ManualScheduler scheduler = new ManualScheduler(manual);
    SenderHarness.Cfg c = cfg(OutboxStore.inMemory());
    c.metrics = metrics;
    c.clock = manual;
    c.scheduler = scheduler;
    SenderEngine engine = engine(c);
    CompletableFuture<DeliveryResult> f = engine.submit(alert("same-key", "trigger", manual));
    await().atMost(Duration.ofSeconds(30)).until(() -> metrics.count("retried") == 1);
    scheduler.advance(Duration.ofMillis(5));
    await().atMost(Duration.ofSeconds(30)).until(() -> metrics.count("retried") == 2);
    // Retry-After: 1 s is longer than the backoff; nothing goes before it.
    scheduler.advance(Duration.ofMillis(900));
    assertThat(server.getAllServeEvents()).hasSize(2);
    scheduler.advance(Duration.ofMillis(100));
    DeliveryResult r = get(f);
    assertThat(r.delivered()).isTrue();
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(r.message()).isEqualTo("Event processed");
    assertThat(journal(server)).hasSize(3).allSatisfy(j -> assertThat(j.path("dedup_key").asText()).isEqualTo("same-key"));
    assertThat(metrics.count("delivered")).isEqualTo(1);
  }

  @Test
  void badRequest_isDeadLetteredWithApiErrors_notRetried_andReplayable() throws Exception {
    server.stubFor(
        post(urlPathEqualTo("/v2/enqueue"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                            + "\"errors\":[\"Length of 'routing_key' is incorrect\"]}")));
    RecordingMetrics metrics = new RecordingMetrics();
    OutboxStore store = OutboxStore.inMemory();
    SenderHarness.Cfg c = cfg(store);
    c.metrics = metrics;
    SenderEngine engine = engine(c);
    DeliveryResult r = get(engine.submit(alert("bad", "trigger", clock)));
    assertThat(r.status()).isEqualTo(DeliveryResult.Status.DEAD_LETTERED);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.message())
        .isEqualTo("400 invalid event: Event object is invalid: Length of 'routing_key' is incorrect");
    assertThat(server.getAllServeEvents()).hasSize(1);
    assertThat(store.deadLetters(10)).singleElement().satisfies(d -> assertThat(d.reason()).isEqualTo(r.message()));
    assertThat(metrics.count("dead_lettered")).isEqualTo(1);

    acceptAll(server);
    server.resetRequests();
    assertThat(store.replay(r.id())).isTrue();
    engine.pollNow();
    await().atMost(Duration.ofSeconds(30)).until(() -> store.size() == 0 && metrics.count("delivered") == 1);
    assertThat(journal(server)).singleElement().satisfies(j -> assertThat(j.path("dedup_key").asText()).isEqualTo("bad"));
    assertThat(store.deadLetters(10)).isEmpty();
  }

  @Test
  void retriesExhausted_deadLettersWithLastFailure() throws Exception {
    server.stubFor(post(urlPathEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(502)));
    OutboxStore store = OutboxStore.inMemory();
    SenderHarness.Cfg c = cfg(store);
    c.maxAttempts = 3;
    SenderEngine engine = engine(c);
    DeliveryResult r = get(engine.submit(alert("x", "trigger", clock)));
    assertThat(r.status()).isEqualTo(DeliveryResult.Status.DEAD_LETTERED);
    assertThat(r.message()).startsWith("gave up after 3 attempts; last failure: 502");
    assertThat(server.getAllServeEvents()).hasSize(3);
  }

  @Test
  void circuitBreaker_opensAfterConsecutiveFaults_probesWhenHalfOpen_closesOnSuccess() throws Exception {
    server.stubFor(post(urlPathEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(503)));
    MutableClock manual = MutableClock.atEpochPlusOneDay();
    ManualScheduler scheduler = new ManualScheduler(manual);
    OutboxStore store = new InMemoryOutboxStore(manual);
    SenderHarness.Cfg c = cfg(store);
    c.clock = manual;
    c.scheduler = scheduler;
    c.breakerThreshold = 2;
    c.breakerOpenFor = Duration.ofSeconds(30);
    c.maxConcurrency = 1;
    c.pollInterval = Duration.ofHours(1);
    SenderEngine engine = engine(c);
    CompletableFuture<DeliveryResult> a = engine.submit(alert("a", "trigger", manual));
    CompletableFuture<DeliveryResult> b = engine.submit(alert("b", "trigger", manual));
    // a fails, b fails: two consecutive faults open the breaker.
    await().atMost(Duration.ofSeconds(30)).until(() -> server.getAllServeEvents().size() == 2 && engine.inFlight() == 0);
    assertThat(engine.breakerState()).isEqualTo("OPEN");
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(server.getAllServeEvents()).hasSize(2);
    assertThat(store.size()).as("nothing is lost while open").isEqualTo(2);
    // After the cool-down one probe goes; it fails, so the breaker opens again.
    scheduler.advance(Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(30)).until(() -> server.getAllServeEvents().size() == 3 && engine.inFlight() == 0);
    assertThat(engine.breakerState()).isEqualTo("OPEN");
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(server.getAllServeEvents()).hasSize(3);
    acceptAll(server);
    scheduler.advance(Duration.ofSeconds(25));
    await().atMost(Duration.ofSeconds(30)).until(() -> server.getAllServeEvents().size() >= 4);
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.breakerState().equals("CLOSED"));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(get(a).delivered()).isTrue();
    assertThat(get(b).delivered()).isTrue();
    assertThat(store.size()).isZero();
  }

  @Test
  void rateLimiter_waitIsReportedAndRespected_perRoutingKeyBucket() throws Exception {
    acceptAll(server);
    RecordingMetrics metrics = new RecordingMetrics();
    MutableClock manual = MutableClock.atEpochPlusOneDay();
    ManualScheduler scheduler = new ManualScheduler(manual);
    List<String> buckets = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    SenderHarness.Cfg c = cfg(OutboxStore.inMemory());
    c.clock = manual;
    c.scheduler = scheduler;
    c.metrics = metrics;
    c.rateLimiter =
        (bucket, limit) -> {
          synchronized (buckets) {
            buckets.add(bucket + "@" + limit.permits());
          }
          return calls.incrementAndGet() == 1 ? Duration.ofSeconds(2) : Duration.ZERO;
        };
    SenderEngine engine = engine(c);
    CompletableFuture<DeliveryResult> f = engine.submit(alert("rl", "trigger", manual));
    assertThat(metrics.rateLimitBuckets).containsExactly("events:" + SenderHarness.FP);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(server.getAllServeEvents()).isEmpty();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(get(f).delivered()).isTrue();
    assertThat(buckets).containsExactly("events:fp0123456789@120", "events:fp0123456789@120");
  }

  @Test
  void rateLimiterFailure_failsOpen() throws Exception {
    acceptAll(server);
    SenderHarness.Cfg c = cfg(OutboxStore.inMemory());
    c.rateLimiter = (bucket, limit) -> {
      throw new IllegalStateException("redis down");
    };
    SenderEngine engine = engine(c);
    assertThat(get(engine.submit(alert("x", "trigger", clock))).delivered()).isTrue();
  }

  @Test
  void shutdown_drainsWithinTimeout() throws Exception {
    server.stubFor(post(urlPathMatching("/v2/.*")).willReturn(accepted().withFixedDelay(20)));
    OutboxStore store = OutboxStore.inMemory();
    SenderEngine engine = engine(cfg(store));
    List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      futures.add(engine.submit(alert("d" + i, "trigger", clock)));
    }
    assertThat(engine.shutdown(Duration.ofSeconds(10))).isTrue();
    for (CompletableFuture<DeliveryResult> f : futures) {
      assertThat(f).isDone();
      assertThat(get(f).delivered()).isTrue();
    }
    assertThat(store.size()).isZero();
    assertThatThrownBy(() -> engine.submit(alert("late", "trigger", clock)))
        .isInstanceOf(SenderClosedException.class)
        .hasMessageContaining("build a new EventSender");
  }

  @Test
  void shutdown_undeliverable_persists_andNewSenderOverSameStoreRedelivers() throws Exception {
    server.stubFor(post(urlPathEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(500)));
    OutboxStore store = FileOutbox.open(dir);
    SenderHarness.Cfg c = cfg(store);
    c.initialBackoff = Duration.ofMillis(20);
    c.maxBackoff = Duration.ofMillis(20);
    c.maxAttempts = 100_000;
    SenderEngine engine = engine(c);
    List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      futures.add(engine.submit(alert("p" + i, "trigger", clock)));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> server.getAllServeEvents().size() >= 3);
    assertThat(engine.shutdown(Duration.ofMillis(100))).isFalse();
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.inFlight() == 0);
    for (CompletableFuture<DeliveryResult> f : futures) {
      DeliveryResult r = get(f);
      assertThat(r.status()).isEqualTo(DeliveryResult.Status.PENDING);
      assertThat(r.message()).contains("kept in the outbox");
    }
    store.close();

    acceptAll(server);
    server.resetRequests();
    OutboxStore reopened = FileOutbox.open(dir);
    try {
      assertThat(reopened.size()).isEqualTo(3);
      RecordingMetrics metrics = new RecordingMetrics();
      SenderHarness.Cfg c2 = cfg(reopened);
      c2.metrics = metrics;
      engine(c2);
      await().atMost(Duration.ofSeconds(30)).until(() -> reopened.size() == 0);
      assertThat(journal(server)).extracting(j -> j.path("dedup_key").asText()).containsExactlyInAnyOrder("p0", "p1", "p2");
      await().atMost(Duration.ofSeconds(30)).until(() -> metrics.depths.contains(0L));
    } finally {
      reopened.close();
    }
  }

  @Test
  void metrics_reportQueueDepthAndOldestAge() throws Exception {
    server.stubFor(post(urlPathEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(500)));
    MutableClock manual = MutableClock.atEpochPlusOneDay();
    ManualScheduler scheduler = new ManualScheduler(manual);
    RecordingMetrics metrics = new RecordingMetrics();
    OutboxStore store = new InMemoryOutboxStore(manual);
    SenderHarness.Cfg c = cfg(store);
    c.clock = manual;
    c.scheduler = scheduler;
    c.metrics = metrics;
    c.initialBackoff = Duration.ofMinutes(10);
    c.maxBackoff = Duration.ofMinutes(10);
    c.pollInterval = Duration.ofSeconds(1);
    SenderEngine engine = engine(c);
    engine.submit(alert("m", "trigger", manual));
    await().atMost(Duration.ofSeconds(30)).until(() -> metrics.count("retried") == 1);
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(metrics.depths).last().isEqualTo(1L);
    assertThat(metrics.ages).last().isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void changeEvent_goesToChangeEndpoint_withoutDedupKey() throws Exception {
    acceptAll(server);
    SenderEngine engine = engine(cfg(OutboxStore.inMemory()));
    DeliveryResult r = get(engine.submit(SenderHarness.change(clock)));
    assertThat(r.delivered()).isTrue();
    assertThat(r.dedupKey()).isNullOrEmpty();
    server.verify(1, postRequestedFor(urlPathEqualTo("/v2/change/enqueue")));
  }

  @Test
  void storeFailureOnAppend_propagates_andFreesTheSlot() {
    acceptAll(server);
    OutboxStore broken = FileOutbox.open(dir);
    broken.close();
    SenderHarness.Cfg c = cfg(broken);
    c.queueCapacity = 1;
    SenderEngine engine = engine(c);
    assertThatThrownBy(() -> engine.submit(alert("x", "trigger", clock)))
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> engine.submit(alert("y", "trigger", clock)))
        .isNotInstanceOf(QueueFullException.class);
    assertThat(engine.held()).isZero();
  }

  @Test
  void settings_rejectNonPositiveNumbers() {
    SenderHarness.Cfg c = cfg(OutboxStore.inMemory());
    c.maxConcurrency = 0;
    assertThatThrownBy(c::build).hasMessage("maxConcurrency must be positive, was 0");
  }

  @Test
  void backoff_growsExponentiallyWithJitterAndIsCapped() {
    SenderHarness.Cfg c = cfg(OutboxStore.inMemory());
    c.initialBackoff = Duration.ofMillis(100);
    c.maxBackoff = Duration.ofSeconds(1);
    SenderSettings s = c.build();
    Map<Integer, Duration> seen = new HashMap<>();
    for (int n = 1; n <= 100; n += 1) {
      seen.put(n, s.backoff(n));
    }
    assertThat(seen.get(1)).isEqualTo(Duration.ofMillis(75));
    assertThat(seen.get(2)).isEqualTo(Duration.ofMillis(150));
    assertThat(seen.get(4)).isEqualTo(Duration.ofMillis(600));
    assertThat(seen.get(5)).isEqualTo(Duration.ofMillis(750));
    assertThat(seen.get(100)).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void claimOnlyStore_twoSendersShareIt_everyEventDeliveredOnce_futuresSettleByShutdown()
      throws Exception {
    acceptAll(server);
    OutboxStore shared = new SharedStore(clock);
    SenderHarness.Cfg ca = cfg(shared);
    SenderHarness.Cfg cb = cfg(shared);
    ca.pollInterval = Duration.ofMillis(20);
    cb.pollInterval = Duration.ofMillis(20);
    SenderEngine a = engine(ca);
    SenderEngine b = engine(cb);
    List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      SenderEngine e = i % 2 == 0 ? a : b;
      futures.add(e.submit(alert("s" + (i % 10), i < 20 ? "trigger" : "resolve", clock)));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> shared.size() == 0);
    assertThat(a.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThat(b.shutdown(Duration.ofSeconds(10))).isTrue();
    int delivered = 0;
    for (CompletableFuture<DeliveryResult> f : futures) {
      DeliveryResult r = get(f);
      assertThat(r.status()).isIn(DeliveryResult.Status.DELIVERED, DeliveryResult.Status.PENDING);
      if (r.delivered()) {
        delivered++;
      }
    }
    assertThat(delivered).isGreaterThan(0);
    assertThat(journal(server)).hasSize(40);
    assertThatThrownBy(() -> a.submit(alert("late", "trigger", clock)))
        .isInstanceOf(SenderClosedException.class);
  }

  @Test
  void claimOnlyStore_fullQueue_rejects() {
    acceptAll(server);
    SenderHarness.Cfg c = cfg(new SharedStore(clock));
    c.queueCapacity = 1;
    c.overflow = OverflowPolicy.DROP_OLDEST;
    c.scheduler = new ManualScheduler(MutableClock.atEpochPlusOneDay());
    SenderEngine engine = engine(c);
    engine.submit(alert("a", "trigger", clock));
    assertThatThrownBy(() -> engine.submit(alert("b", "trigger", clock)))
        .isInstanceOf(QueueFullException.class);
  }
}
