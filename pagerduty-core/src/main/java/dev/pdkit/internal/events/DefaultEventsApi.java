package dev.pdkit.internal.events;

import dev.pdkit.Secret;
import dev.pdkit.errors.ValidationException;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.ChangeEvent;
import dev.pdkit.events.EventAction;
import dev.pdkit.events.EventResult;
import dev.pdkit.events.EventsApi;
import dev.pdkit.events.LimitPolicy;
import dev.pdkit.internal.Futures;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.internal.http.ApiResponse;
import dev.pdkit.internal.http.HttpTransport;
import dev.pdkit.internal.json.Json;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link EventsApi} over the client's {@link HttpTransport}. Thread-safe and immutable. */
public final class DefaultEventsApi implements EventsApi {
  private static final String ENQUEUE = "/enqueue";
  private static final String CHANGE_ENQUEUE = "/change/enqueue";
  private static final Logger LOG = LoggerFactory.getLogger(DefaultEventsApi.class);

  private final HttpTransport transport;
  private final String prefix;
  private final LimitPolicy policy;
  private final Supplier<String> dedupKeys;

  /**
   * An API rejecting over-limit events and generating random UUID dedup keys, for a transport
   * whose events base URL is {@code eventsUrl}. Both spellings of the base URL work: the host
   * ({@code https://events.pagerduty.com}, requests go to {@code /v2/enqueue}) and the OpenAPI
   * server URL ending in {@code /v2} ({@code https://events.pagerduty.com/v2}, as the testkit's
   * {@code eventsUrl()} returns), so that {@code /v2} is never doubled.
   */
  public DefaultEventsApi(HttpTransport transport, URI eventsUrl) {
    this(transport, prefixFor(eventsUrl), LimitPolicy.REJECT, () -> UUID.randomUUID().toString());
  }

  /** For tests: base URL without {@code /v2}, a policy and a dedup key generator. */
  public DefaultEventsApi(HttpTransport transport, LimitPolicy policy, Supplier<String> dedupKeys) {
    this(transport, "/v2", policy, dedupKeys);
  }

  private DefaultEventsApi(HttpTransport transport, String prefix, LimitPolicy policy,
      Supplier<String> dedupKeys) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.prefix = prefix;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.dedupKeys = Objects.requireNonNull(dedupKeys, "dedupKeys");
  }

  /** {@code ""} when the base URL already ends in {@code /v2}, else {@code "/v2"}. */
  static String prefixFor(URI eventsUrl) {
    String path = eventsUrl.getPath() == null ? "" : eventsUrl.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.endsWith("/v2") ? "" : "/v2";
  }

  @Override
  public EventResult send(AlertEvent event) {
    return Futures.sync(() -> sendAsync(event));
  }

  @Override
  public CompletableFuture<EventResult> sendAsync(AlertEvent event) {
    Objects.requireNonNull(event, "event");
    AlertEvent prepared;
    byte[] body;
    try {
      prepared = EventValidation.apply(event, policy);
      failOn(EventValidation.checkFields(prepared));
      if (prepared.action() == EventAction.TRIGGER && prepared.dedupKey() == null) {
        // Fixed before the first attempt: every retry carries the same key, so PagerDuty folds
        // a retried trigger into the alert the first attempt may already have opened.
        prepared = prepared.withDedupKey(dedupKeys.get());
      }
      // Built and serialised once: the size check reads the bytes that are sent.
      body = Json.write(EventBodies.alert(prepared));
      failOn(EventValidation.checkSize(body.length));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    String dedupKey = prepared.dedupKey();
    if (LOG.isDebugEnabled()) {
      LOG.debug("sending {} event for routing key {} (dedup key {})",
          prepared.action().wireValue(), prepared.routingKey().fingerprint(), dedupKey);
    }
    ApiRequest request = request(ENQUEUE, prepared.routingKey(), body);
    return transport.send(request).thenApply(r -> result(r, dedupKey));
  }

  @Override
  public EventResult change(ChangeEvent event) {
    return Futures.sync(() -> changeAsync(event));
  }

  @Override
  public CompletableFuture<EventResult> changeAsync(ChangeEvent event) {
    Objects.requireNonNull(event, "event");
    ChangeEvent prepared;
    byte[] body;
    try {
      prepared = EventValidation.apply(event, policy);
      failOn(EventValidation.checkFields(prepared));
      body = Json.write(EventBodies.change(prepared));
      failOn(EventValidation.checkSize(body.length));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("sending change event for routing key {}", prepared.routingKey().fingerprint());
    }
    ApiRequest request = request(CHANGE_ENQUEUE, prepared.routingKey(), body);
    return transport.send(request).thenApply(r -> result(r, null));
  }

  @Override
  public AlertEvent validate(AlertEvent event) {
    Objects.requireNonNull(event, "event");
    AlertEvent applied = EventValidation.apply(event, policy);
    failOn(EventValidation.check(applied));
    return applied;
  }

  @Override
  public ChangeEvent validate(ChangeEvent event) {
    Objects.requireNonNull(event, "event");
    ChangeEvent applied = EventValidation.apply(event, policy);
    failOn(EventValidation.check(applied));
    return applied;
  }

  @Override
  public LimitPolicy limitPolicy() {
    return policy;
  }

  @Override
  public EventsApi withLimitPolicy(LimitPolicy newPolicy) {
    return new DefaultEventsApi(transport, prefix, newPolicy, dedupKeys);
  }

  /** {@code body} is the serialised JSON: the transport sends a {@code byte[]} body as is. */
  private ApiRequest request(String endpoint, Secret routingKey, byte[] body) {
    return ApiRequest.builder("POST", prefix + endpoint)
        .api(ApiRequest.Api.EVENTS)
        // the same metrics/log name whichever spelling of the base URL is configured
        .endpoint("POST /v2" + endpoint)
        .body(body)
        // Every alert event sent here has a dedup key and change events are informational, so a
        // re-send has no second effect.
        .idempotent(true)
        .rateLimitBucket("events:" + routingKey.fingerprint())
        .build();
  }

  private static EventResult result(ApiResponse response, @Nullable String fallbackDedupKey) {
    EventResult r = response.as(EventResult.class);
    if (r.dedupKey() == null && fallbackDedupKey != null) {
      return new EventResult(r.status(), r.message(), fallbackDedupKey);
    }
    return r;
  }

  private static void failOn(List<ValidationException.Problem> problems) {
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }
}
