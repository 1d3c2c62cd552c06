package dev.pdkit.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.errors.BadRequestException;
import dev.pdkit.errors.RateLimitedException;
import dev.pdkit.errors.ServerErrorException;
import dev.pdkit.errors.TransportException;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.internal.Futures;
import dev.pdkit.spi.MetricsRecorder;
import dev.pdkit.support.ManualClock;
import dev.pdkit.support.RecordingScheduler;
import dev.pdkit.support.WireMockSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryTest {
  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  private ManualClock clock;
  private RecordingScheduler scheduler;
  private MetricsRecorder metrics;

  @BeforeEach
  void setUp() {
    clock = new ManualClock();
    scheduler = new RecordingScheduler(clock);
    metrics = MetricsRecorder.create();
  }

  private PagerDuty client(RetryPolicy policy) {
    return WireMockSupport.builder(wm, clock, scheduler).retryPolicy(policy)
        .metricsListener(metrics).build();
  }

  private ApiResponse send(PagerDuty pd, ApiRequest req) {
    return Futures.join(ClientHooks.context(pd).transport().send(req));
  }

  /** Stubs {@code responses} in order for any request to {@code url}; the last one repeats. */
  private void sequence(java.util.function.Supplier<MappingBuilder> base, ResponseDefinitionBuilder... responses) {
    for (int i = 0; i < responses.length; i++) {
      String state = i == 0 ? Scenario.STARTED : "s" + i;
      com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder m =
          base.get().inScenario("seq").whenScenarioStateIs(state);
      m.willReturn(responses[i]);
      if (i < responses.length - 1) {
        m = m.willSetStateTo("s" + (i + 1));
      }
      wm.stubFor(m);
    }
  }

  @Test
  void get_serverErrorThenSuccess_retriesAfterJitteredBackoff() {
    sequence(() -> get("/services"), aResponse().withStatus(503), okJson("{\"services\":[]}"));

    try (PagerDuty pd = client(RetryPolicy.ofDefaults())) {
      ApiResponse r = send(pd, ApiRequest.builder("GET", "/services").endpoint("GET /services")
          .build());
      assertThat(r.status()).isEqualTo(200);
    }
    // jitter 0.5 of the 500 ms initial backoff
    assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(250));
    wm.verify(2, anyRequestedFor(urlEqualTo("/services")));
    var stats = metrics.snapshot().endpoints().get("GET /services");
    assertThat(stats.exchanges()).isEqualTo(2);
    assertThat(stats.statusCount(503)).isEqualTo(1);
    assertThat(stats.statusCount(200)).isEqualTo(1);
    assertThat(stats.retries()).isEqualTo(1);
    assertThat(stats.retryReasons()).containsEntry("503", 1L);
  }

  @Test
  void get_429WithRetryAfterSeconds_waitsExactlyThatLong() {
    sequence(() -> get("/x"),
        aResponse().withStatus(429).withHeader("Retry-After", "7")
            .withBody("{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}"),
        okJson("{}"));
    Instant before = clock.instant();

    try (PagerDuty pd = client(RetryPolicy.ofDefaults())) {
      send(pd, ApiRequest.builder("GET", "/x").build());
    }

    assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(7));
    assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void get_429WithHttpDateRetryAfter_waitsUntilThatDate() {
    String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        clock.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
    sequence(() -> get("/x"), aResponse().withStatus(429).withHeader("Retry-After", at), okJson("{}"));

    try (PagerDuty pd = client(RetryPolicy.ofDefaults())) {
      send(pd, ApiRequest.builder("GET", "/x").build());
    }

    assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void get_429WithRatelimitResetOnly_waitsForTheReset() {
    sequence(() -> get("/x"), aResponse().withStatus(429).withHeader("ratelimit-limit", "960")
        .withHeader("ratelimit-remaining", "0").withHeader("ratelimit-reset", "3"), okJson("{}"));

    try (PagerDuty pd = client(RetryPolicy.ofDefaults())) {
      send(pd, ApiRequest.builder("GET", "/x").build());
    }

    assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void get_serverDelayIgnoredWhenPolicySaysSo_usesBackoff() {
    sequence(() -> get("/x"), aResponse().withStatus(429).withHeader("Retry-After", "60"),
        okJson("{}"));

    try (PagerDuty pd = client(RetryPolicy.custom().honorServerDelay(false).build())) {
      send(pd, ApiRequest.builder("GET", "/x").build());
    }

    assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void get_alwaysFailing_stopsAfterMaxAttemptsWithBackoffDoubling() {
    wm.stubFor(get("/x").willReturn(aResponse().withStatus(500)));

    try (PagerDuty pd = client(RetryPolicy.custom().maxAttempts(4)
        .initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(3)).build())) {
      assertThatThrownBy(() -> send(pd, ApiRequest.builder("GET", "/x").build()))
          .isInstanceOf(ServerErrorException.class);
    }

    wm.verify(4, anyRequestedFor(urlEqualTo("/x")));
    // 0.5 * min(3 s, 1 s * 2^(n-1)): 0.5 s, 1 s, 1.5 s (capped)
    assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(1500));
  }

  @Test
  void get_retryAfterBeyondBudget_givesUpAtOnceWithRetryAfter() {
    wm.stubFor(get("/x").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")));

    try (PagerDuty pd = client(RetryPolicy.ofDefaults())) {
      assertThatThrownBy(() -> send(pd, ApiRequest.builder("GET", "/x").build()))
          .isInstanceOfSatisfying(RateLimitedException.class,
              e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(300)));
    }

    wm.verify(1, anyRequestedFor(urlEqualTo("/x")));
    assertThat(scheduler.delays()).isEmpty();
  }

  @Test
  void get_badRequest_isNotRetried() {
    wm.stubFor(get("/x").willReturn(aResponse().withStatus(400)));

    try (PagerDuty pd = client(RetryPolicy.ofDefaults())) {
      assertThatThrownBy(() -> send(pd, ApiRequest.builder("GET", "/x").build()))
          .isInstanceOf(BadRequestException.class);
    }
    wm.verify(1, anyRequestedFor(urlEqualTo("/x")));
  }

  @Test
  void post_serverError_isNotRetriedBecauseItMayHaveBeenApplied() {
    wm.stubFor(post("/services").willReturn(aResponse().withStatus(503)));

    try (PagerDuty pd = client(RetryPolicy.ofDefaults())) {
      assertThatThrownBy(() -> send(pd, ApiRequest.builder("POST", "/services")
          .body(Map.of("service", Map.of("name", "web"))).build()))
          .isInstanceOf(ServerErrorException.class);
    }
    wm.verify(1, postRequestedFor(urlEqualTo("/services")));
  }

  @Test
  void post_idempotent_isRetriedWithItsFullBodyEachTime() {
    sequence(() -> post("/v2/enqueue"), aResponse().withStatus(500), aResponse().withStatus(429),
        aResponse().withStatus(202).withBody("{\"status\":\"success\"}"));
    String summary = "disk full on db-1 ".repeat(50);
    Map<String, Object> body = Map.of("event_action", "trigger", "dedup_key", "dk-1",
        "payload", Map.of("summary", summary, "source", "db-1", "severity", "critical"));

    try (PagerDuty pd = client(RetryPolicy.ofDefaults())) {
      ApiResponse r = send(pd, ApiRequest.builder("POST", "/v2/enqueue")
          .api(ApiRequest.Api.EVENTS).idempotent(true).body(body).build());
      assertThat(r.status()).isEqualTo(202);
    }

    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
    assertThat(sent).hasSize(3);
    String first = sent.get(0).getBodyAsString();
    assertThat(first).contains(summary.strip()).contains("dk-1");
    assertThat(sent).allSatisfy(r -> {
      assertThat(r.getBodyAsString()).isEqualTo(first);
      assertThat(r.getHeader("Content-Length")).isEqualTo(String.valueOf(first.length()));
    });
  }

  @Test
  void post_connectionRefused_isRetriedWithFullBodyOnceTheServerIsUp() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AtomicReference<WireMockServer> late = new AtomicReference<>();
    scheduler.beforeResume(() -> {
      if (late.get() == null) {
        WireMockServer server = new WireMockServer(wireMockConfig().port(port)
            .bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post("/incidents").willReturn(aResponse().withStatus(201)
            .withBody("{\"incident\":{\"id\":\"PINC\"}}")));
        late.set(server);
      }
    });
    String body = "{\"incident\":{\"type\":\"incident\",\"title\":\"" + "x".repeat(5000) + "\"}}";
    PagerDuty.Builder b = PagerDuty.builder().apiUrl("http://127.0.0.1:" + port)
        .apiToken("tok123").from("ops@example.com").clock(clock);
    ClientHooks.scheduler(b, scheduler);
    try (PagerDuty retrying = b.build()) {
      ApiResponse r = send(retrying, ApiRequest.builder("POST", "/incidents").requiresFrom(true)
          .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());
      assertThat(r.status()).isEqualTo(201);
      List<LoggedRequest> sent = late.get().findAll(postRequestedFor(urlEqualTo("/incidents")));
      assertThat(sent).hasSize(1);
      assertThat(sent.get(0).getBodyAsString()).isEqualTo(body);
      assertThat(scheduler.delays()).hasSize(1);
    } finally {
      if (late.get() != null) {
        late.get().stop();
      }
    }
  }

  @Test
  void get_readTimeout_isRetried_butPostTimeoutIsNot() {
    sequence(() -> any(urlEqualTo("/slow")), okJson("{}").withFixedDelay(3_000), okJson("{\"ok\":1}"));
    PagerDuty.Builder b = WireMockSupport.builder(wm, clock, scheduler)
        .requestTimeout(Duration.ofMillis(800));
    try (PagerDuty pd = b.build()) {
      assertThat(send(pd, ApiRequest.builder("GET", "/slow").build()).json().path("ok").asInt())
          .isEqualTo(1);
      wm.resetScenarios();
      assertThatThrownBy(() -> send(pd, ApiRequest.builder("POST", "/slow").body(Map.of())
          .build()))
          .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isTrue());
    }
    wm.verify(com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(3),
        anyRequestedFor(anyUrl()));
  }
}
