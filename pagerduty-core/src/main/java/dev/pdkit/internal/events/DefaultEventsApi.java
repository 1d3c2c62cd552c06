package dev.pdkit.internal.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
  static final String ENQUEUE = "/v2/enqueue";
  static final String CHANGE_ENQUEUE = "/v2/change/enqueue";
  private static final Logger LOG = LoggerFactory.getLogger(DefaultEventsApi.class);

  private final HttpTransport transport;
  private final LimitPolicy policy;
  private final Supplier<String> dedupKeys;

  /** An API rejecting over-limit events and generating random UUID dedup keys. */
  public DefaultEventsApi(HttpTransport transport) {
    this(transport, LimitPolicy.REJECT, () -> UUID.randomUUID().toString());
  }

  /** Full control, for tests: {@code dedupKeys} makes the keys of triggers sent without one. */
  public DefaultEventsApi(HttpTransport transport, LimitPolicy policy, Supplier<String> dedupKeys) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.dedupKeys = Objects.requireNonNull(dedupKeys, "dedupKeys");
  }

  @Override
  public EventResult send(AlertEvent event) {
    return Futures.join(sendAsync(event));
  }

  @Override
  public CompletableFuture<EventResult> sendAsync(AlertEvent event) {
    Objects.requireNonNull(event, "event");
    AlertEvent prepared;
    try {
      prepared = validate(event);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (prepared.action() == EventAction.TRIGGER && prepared.dedupKey() == null) {
      // Fixed before the first attempt: every retry carries the same key, so PagerDuty folds
      // a retried trigger into the alert the first attempt may already have opened.
      prepared = prepared.withDedupKey(dedupKeys.get());
    }
    String dedupKey = prepared.dedupKey();
    LOG.debug("sending {} event for routing key {} (dedup key {})",
        prepared.action().wireValue(), prepared.routingKey().fingerprint(), dedupKey);
    ApiRequest request = request(ENQUEUE, prepared.routingKey(), EventBodies.alert(prepared));
    return transport.send(request).thenApply(r -> result(r, dedupKey));
  }

  @Override
  public EventResult change(ChangeEvent event) {
    return Futures.join(changeAsync(event));
  }

  @Override
  public CompletableFuture<EventResult> changeAsync(ChangeEvent event) {
    Objects.requireNonNull(event, "event");
    ChangeEvent prepared;
    try {
      prepared = validate(event);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    LOG.debug("sending change event for routing key {}", prepared.routingKey().fingerprint());
    ApiRequest request =
        request(CHANGE_ENQUEUE, prepared.routingKey(), EventBodies.change(prepared));
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
    return new DefaultEventsApi(transport, newPolicy, dedupKeys);
  }

  private static ApiRequest request(String path, Secret routingKey, ObjectNode body) {
    return ApiRequest.builder("POST", path)
        .api(ApiRequest.Api.EVENTS)
        .endpoint("POST " + path)
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
