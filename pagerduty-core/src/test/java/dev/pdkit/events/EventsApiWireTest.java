package dev.pdkit.events;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.errors.BadRequestException;
import dev.pdkit.errors.ServerErrorException;
import dev.pdkit.errors.ValidationException;
import dev.pdkit.support.ManualClock;
import dev.pdkit.support.RecordingScheduler;
import dev.pdkit.support.WireMockSupport;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events API v2 through the real java.net.http transport against WireMock on loopback. */
class EventsApiWireTest {
  static final String KEY_TEXT = "0123456789abcdef0123456789abcdef";
  static final Secret KEY = Secret.of(KEY_TEXT);
  static final String ACCEPTED =
      "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"srv-1\"}";

  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  ManualClock clock;
  RecordingScheduler scheduler;
  PagerDuty pd;

  @BeforeEach
  void client() {
    clock = new ManualClock();
    scheduler = new RecordingScheduler(clock);
    pd = WireMockSupport.builder(wm, clock, scheduler).build();
  }

  @AfterEach
  void close() {
    pd.close();
  }

  static AlertEvent.Builder trigger() {
    return AlertEvent.trigger(KEY).summary("Disk full").source("db-1")
        .severity(Severity.CRITICAL);
  }

  void accept(String path) {
    wm.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody(ACCEPTED)));
  }

  @Test
  void trigger_202_decodesResultAndSendsDocumentedBodyWithoutAuthorization() {
    accept("/v2/enqueue");
    EventResult r = pd.events().trigger(trigger().dedupKey("disk-db-1").component("disk")
        .customDetail("free_bytes", 0).link("https://e.com/rb", "runbook").build());
    assertThat(r).isEqualTo(new EventResult("success", "Event processed", "srv-1"));
    wm.verify(postRequestedFor(urlEqualTo("/v2/enqueue"))
        .withHeader("Authorization", absent())
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"routing_key":"%s","event_action":"trigger","dedup_key":"disk-db-1",
             "payload":{"summary":"Disk full","source":"db-1","severity":"critical",
               "component":"disk","custom_details":{"free_bytes":0}},
             "links":[{"href":"https://e.com/rb","text":"runbook"}]}
            """.formatted(KEY_TEXT))));
  }

  @Test
  void acknowledgeAndResolve_sendActionAndDedupKey() {
    accept("/v2/enqueue");
    pd.events().acknowledge(KEY, "k1");
    pd.events().resolveAsync(KEY, "k1").join();
    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).getBodyAsString()).isEqualTo("{\"routing_key\":\"" + KEY_TEXT
        + "\",\"event_action\":\"acknowledge\",\"dedup_key\":\"k1\"}");
    assertThat(sent.get(1).getBodyAsString()).contains("\"event_action\":\"resolve\"");
  }

  @Test
  void change_postsToChangeEnqueue() {
    wm.stubFor(post(urlEqualTo("/v2/change/enqueue")).willReturn(aResponse().withStatus(202)
        .withBody("{\"status\":\"success\",\"message\":\"Change event processed\"}")));
    EventResult r = pd.events().changeAsync(ChangeEvent.builder(KEY).summary("deployed v2")
        .source("ci").customDetail("build", "220").build()).join();
    assertThat(r.dedupKey()).isNull();
    assertThat(r.message()).isEqualTo("Change event processed");
    wm.verify(postRequestedFor(urlEqualTo("/v2/change/enqueue")).withRequestBody(equalToJson(
        "{\"routing_key\":\"" + KEY_TEXT + "\",\"payload\":{\"summary\":\"deployed v2\","
            + "\"source\":\"ci\",\"custom_details\":{\"build\":\"220\"}}}")));
  }

  @Test
  void clientWithoutToken_sendsEvents() {
    accept("/v2/enqueue");
    try (PagerDuty eventsOnly = PagerDuty.builder().eventsUrl(wm.baseUrl()).build()) {
      assertThat(eventsOnly.events().trigger(trigger().build()).status()).isEqualTo("success");
    }
  }

  @Test
  void eventsUrlWithV2Suffix_postsToV2EnqueueOnce() {
    accept("/v2/enqueue");
    try (PagerDuty v2 = PagerDuty.builder().eventsUrl(wm.baseUrl() + "/v2").build()) {
      assertThat(v2.events().resolve(KEY, "k").status()).isEqualTo("success");
    }
    wm.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue")));
  }

  @Test
  void badRequest_mapsToExceptionListingErrors_notRetried() {
    wm.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(400)
        .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\","
            + "\"'severity' is invalid\"]}")));
    BadRequestException e = catchThrowableOfType(BadRequestException.class,
        () -> pd.events().trigger(trigger().build()));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.errorMessages()).containsExactly(
        "Length of 'routing_key' is incorrect (should be 32 characters)", "'severity' is invalid");
    assertThat(e.getMessage()).contains("Event object is invalid", "'severity' is invalid")
        .doesNotContain(KEY_TEXT);
    assertThat(wm.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")))).hasSize(1);
  }

  @Test
  void trigger429Then5xxThen202_retriedWithSameGeneratedDedupKey() {
    String s = "retry";
    wm.stubFor(post(urlEqualTo("/v2/enqueue")).inScenario(s).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
            .withBody("{\"status\":\"throttled\",\"message\":\"Too many requests\"}"))
        .willSetStateTo("second"));
    wm.stubFor(post(urlEqualTo("/v2/enqueue")).inScenario(s).whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(503).withBody("unavailable"))
        .willSetStateTo("third"));
    wm.stubFor(post(urlEqualTo("/v2/enqueue")).inScenario(s).whenScenarioStateIs("third")
        .willReturn(aResponse().withStatus(202)
            .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
    EventResult r = pd.events().trigger(trigger().build());
    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
    assertThat(sent).hasSize(3);
    assertThat(sent).extracting(LoggedRequest::getBodyAsString).containsOnly(
        sent.get(0).getBodyAsString());
    String dedup = sent.get(0).getBodyAsString().replaceAll(".*\"dedup_key\":\"([^\"]+)\".*", "$1");
    assertThat(dedup).matches("[0-9a-f-]{36}");
    assertThat(r.dedupKey()).isEqualTo(dedup);
    assertThat(scheduler.delays()).first().hasToString("PT7S");
  }

  @Test
  void persistent5xx_failsAfterRetries() {
    wm.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(500)
        .withBody("{\"status\":\"error\",\"message\":\"internal\"}")));
    assertThatThrownBy(() -> pd.events().resolve(KEY, "k"))
        .isInstanceOf(ServerErrorException.class).hasMessageNotContaining(KEY_TEXT);
    assertThat(wm.findAll(postRequestedFor(urlEqualTo("/v2/enqueue"))).size())
        .isEqualTo(pd.retryPolicy().maxAttempts());
  }

  @Test
  void invalidEvent_throwsValidationExceptionWithEveryProblem_sendsNothing() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> pd.events().trigger(AlertEvent.trigger(Secret.of("short")).summary("s".repeat(1025))
            .dedupKey("d".repeat(256)).image(Image.of("http://e.com/i.png")).build()));
    assertThat(e.problems()).extracting(ValidationException.Problem::field).containsExactly(
        "routing_key", "dedup_key", "payload.summary", "payload.source", "payload.severity",
        "images[0].src");
    assertThat(e.getMessage()).doesNotContain("short\"").contains("payload.summary");
    CompletionException async = catchThrowableOfType(CompletionException.class,
        () -> pd.events().changeAsync(ChangeEvent.builder(Secret.of("R" + "x".repeat(31)))
            .build()).join());
    assertThat(async.getCause()).isInstanceOf(ValidationException.class);
    assertThat(((ValidationException) async.getCause()).problems())
        .extracting(ValidationException.Problem::field)
        .containsExactly("routing_key", "payload.summary");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void truncatePolicy_sendsCutSummary() {
    accept("/v2/enqueue");
    pd.events().withLimitPolicy(LimitPolicy.TRUNCATE).trigger(trigger().summary("x".repeat(5000))
        .build());
    String body = wm.findAll(postRequestedFor(urlEqualTo("/v2/enqueue"))).get(0)
        .getBodyAsString();
    assertThat(body).contains("\"summary\":\"" + "x".repeat(1023) + "\u2026\"");
  }
}
