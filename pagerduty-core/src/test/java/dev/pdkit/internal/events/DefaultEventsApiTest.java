package dev.pdkit.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.Secret;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.ChangeEvent;
import dev.pdkit.events.EventResult;
import dev.pdkit.events.EventsApi;
import dev.pdkit.events.LimitPolicy;
import dev.pdkit.events.Severity;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.internal.http.ApiResponse;
import dev.pdkit.internal.http.HttpTransport;
import dev.pdkit.internal.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Unit tests of the request each call produces; wire behaviour is in EventsApiWireTest. */
class DefaultEventsApiTest {
  static final Secret KEY = Secret.of("0123456789abcdef0123456789abcdef");

  /** Records requests and answers each with the configured body (or failure). */
  static final class RecordingTransport implements HttpTransport {
    final List<ApiRequest> requests = new ArrayList<>();
    String answer = "{\"status\":\"success\",\"message\":\"Event processed\"}";
    RuntimeException failure;

    @Override
    public CompletableFuture<ApiResponse> send(ApiRequest request) {
      requests.add(request);
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      return CompletableFuture.completedFuture(
          new ApiResponse(202, Map.of(), answer.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {}

    JsonNode body(int i) {
      Object body = requests.get(i).body();
      return body instanceof byte[] bytes ? Json.tree(bytes) : (JsonNode) body;
    }
  }

  final RecordingTransport transport = new RecordingTransport();
  final AtomicInteger generated = new AtomicInteger();
  final EventsApi api = new DefaultEventsApi(transport, LimitPolicy.REJECT,
      () -> "generated-" + generated.incrementAndGet());

  static AlertEvent.Builder trigger() {
    return AlertEvent.trigger(KEY).summary("s").source("h").severity(Severity.INFO);
  }

  @Test
  void trigger_withoutDedupKey_generatesOneBeforeSendingAndMarksIdempotent() {
    EventResult r = api.trigger(trigger().build());
    ApiRequest req = transport.requests.get(0);
    assertThat(req.api()).isEqualTo(ApiRequest.Api.EVENTS);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.path()).isEqualTo("/v2/enqueue");
    assertThat(req.idempotent()).isTrue();
    assertThat(req.rateLimitBucket()).isEqualTo("events:" + KEY.fingerprint());
    assertThat(req.endpoint()).isEqualTo("POST /v2/enqueue").doesNotContain(KEY.reveal());
    assertThat(transport.body(0).get("dedup_key").asText()).isEqualTo("generated-1");
    assertThat(r.dedupKey()).isEqualTo("generated-1");
    assertThat(r.status()).isEqualTo("success");
  }

  @Test
  void trigger_withDedupKey_keepsIt_andServerKeyWins() {
    transport.answer = "{\"status\":\"success\",\"message\":\"ok\",\"dedup_key\":\"srv\"}";
    EventResult r = api.trigger(trigger().dedupKey("mine").build());
    assertThat(transport.body(0).get("dedup_key").asText()).isEqualTo("mine");
    assertThat(r.dedupKey()).isEqualTo("srv");
    assertThat(generated).hasValue(0);
  }

  @Test
  void defaultConstructor_generatesUuidKeys() {
    EventsApi plain =
        new DefaultEventsApi(transport, URI.create("https://events.pagerduty.com"));
    plain.trigger(trigger().build());
    assertThat(transport.body(0).get("dedup_key").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(plain.limitPolicy()).isEqualTo(LimitPolicy.REJECT);
  }

  @Test
  void acknowledgeAndResolve_sendActionAndKey_idempotent() {
    api.acknowledge(KEY, "k1");
    api.resolveAsync(KEY, "k1").join();
    api.acknowledgeAsync(KEY, "k2").join();
    api.resolve(KEY, "k2");
    assertThat(transport.requests).allSatisfy(r -> assertThat(r.idempotent()).isTrue());
    assertThat(transport.body(0).get("event_action").asText()).isEqualTo("acknowledge");
    assertThat(transport.body(1).get("event_action").asText()).isEqualTo("resolve");
    assertThat(transport.body(1).get("dedup_key").asText()).isEqualTo("k1");
    assertThat(generated).hasValue(0);
  }

  @Test
  void change_postsToChangeEnqueue_withoutDedupKey() {
    transport.answer = "{\"status\":\"success\",\"message\":\"Change event processed\"}";
    EventResult r = api.change(ChangeEvent.builder(KEY).summary("deployed").build());
    ApiRequest req = transport.requests.get(0);
    assertThat(req.path()).isEqualTo("/v2/change/enqueue");
    assertThat(req.idempotent()).isTrue();
    assertThat(req.rateLimitBucket()).isEqualTo("events:" + KEY.fingerprint());
    assertThat(r.dedupKey()).isNull();
    assertThat(r.message()).isEqualTo("Change event processed");
    assertThat(api.changeAsync(ChangeEvent.builder(KEY).summary("x").build()).join().status())
        .isEqualTo("success");
  }

  @Test
  void invalidEvent_sendsNothing_andListsEveryField() {
    AlertEvent bad = AlertEvent.trigger(KEY).summary("s".repeat(2000)).build();
    assertThatThrownBy(() -> api.trigger(bad))
        .isInstanceOf(dev.pdkit.errors.ValidationException.class)
        .hasMessageContaining("payload.summary")
        .hasMessageContaining("payload.source")
        .hasMessageContaining("payload.severity")
        .hasMessageNotContaining(KEY.reveal());
    CompletableFuture<EventResult> async = api.triggerAsync(bad);
    assertThat(async).isCompletedExceptionally();
    assertThatThrownBy(() -> api.change(ChangeEvent.builder(KEY).build()))
        .hasMessageContaining("payload.summary");
    assertThat(api.changeAsync(ChangeEvent.builder(KEY).build())).isCompletedExceptionally();
    assertThat(transport.requests).isEmpty();
  }

  @Test
  void truncatePolicy_sendsTruncatedSummary() {
    EventsApi truncating = api.withLimitPolicy(LimitPolicy.TRUNCATE);
    assertThat(truncating.limitPolicy()).isEqualTo(LimitPolicy.TRUNCATE);
    truncating.trigger(trigger().summary("s".repeat(2000)).build());
    truncating.change(ChangeEvent.builder(KEY).summary("c".repeat(1025)).build());
    assertThat(transport.body(0).at("/payload/summary").asText()).hasSize(1024).endsWith("\u2026");
    assertThat(transport.body(1).at("/payload/summary").asText()).hasSize(1024).endsWith("\u2026");
  }

  @Test
  void validate_returnsWhatWouldBeSent() {
    AlertEvent e = trigger().summary("s".repeat(1500)).build();
    assertThat(api.withLimitPolicy(LimitPolicy.TRUNCATE).validate(e).payload().summary())
        .hasSize(1024);
    assertThatThrownBy(() -> api.validate(e)).hasMessageContaining("payload.summary");
    ChangeEvent c = ChangeEvent.builder(KEY).summary("ok").build();
    assertThat(api.validate(c)).isEqualTo(c);
    assertThat(transport.requests).isEmpty();
  }

  @Test
  void trigger_withOtherAction_isRefused() {
    assertThatThrownBy(() -> api.trigger(AlertEvent.acknowledge(KEY, "k").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("send(event)");
    assertThatThrownBy(() -> api.triggerAsync(AlertEvent.resolve(KEY, "k").build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(api.send(AlertEvent.resolve(KEY, "k").summary("fixed").build()).status())
        .isEqualTo("success");
  }

  @Test
  void transportFailure_syncThrowsTheCause_asyncCompletesWithIt() {
    transport.failure = new PagerDutyException("boom");
    assertThatThrownBy(() -> api.trigger(trigger().build()))
        .isSameAs(transport.failure);
    assertThatThrownBy(() -> api.sendAsync(trigger().build()).get())
        .isInstanceOf(ExecutionException.class).hasCauseReference(transport.failure);
  }

  @Test
  void interrupted_syncCall_restoresFlag() {
    HttpTransport never = new HttpTransport() {
      @Override
      public CompletableFuture<ApiResponse> send(ApiRequest request) {
        return new CompletableFuture<>();
      }

      @Override
      public void close() {}
    };
    EventsApi hanging = new DefaultEventsApi(never, URI.create("https://events.pagerduty.com"));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> hanging.resolve(KEY, "k"))
          .isInstanceOf(PagerDutyException.class).hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void body_isTheDocumentedJson() throws Exception {
    api.trigger(trigger().dedupKey("d").build());
    assertThat(transport.body(0)).isEqualTo(Json.mapper().readTree(
        "{\"routing_key\":\"" + KEY.reveal() + "\",\"event_action\":\"trigger\",\"dedup_key\":\"d\","
            + "\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}"));
  }

  @Test
  void baseUrlEndingInV2_isNotDoubled_endpointNameUnchanged() {
    for (String base : new String[] {"http://127.0.0.1:1/v2", "http://127.0.0.1:1/v2/",
        "https://events.pagerduty.com/v2"}) {
      transport.requests.clear();
      EventsApi v2 = new DefaultEventsApi(transport, URI.create(base));
      v2.resolve(KEY, "k");
      v2.withLimitPolicy(LimitPolicy.TRUNCATE).change(ChangeEvent.builder(KEY).summary("c")
          .build());
      assertThat(transport.requests).extracting(ApiRequest::path)
          .as(base).containsExactly("/enqueue", "/change/enqueue");
      assertThat(transport.requests).extracting(ApiRequest::endpoint)
          .containsExactly("POST /v2/enqueue", "POST /v2/change/enqueue");
    }
    assertThat(DefaultEventsApi.prefixFor(URI.create("https://events.pagerduty.com")))
        .isEqualTo("/v2");
    assertThat(DefaultEventsApi.prefixFor(URI.create("https://events.pagerduty.com/")))
        .isEqualTo("/v2");
    assertThat(DefaultEventsApi.prefixFor(URI.create("http://proxy.local/pd"))).isEqualTo("/v2");
  }
}
