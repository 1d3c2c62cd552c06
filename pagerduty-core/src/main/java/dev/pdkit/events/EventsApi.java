package dev.pdkit.events;

import dev.pdkit.Secret;
import java.util.concurrent.CompletableFuture;

/**
 * Events API v2 ({@code pd.events()}): sends alert and change events. Thread-safe; shares the
 * client's transport, retries and rate limiter (one bucket per routing key, about 120 events per
 * minute).
 *
 * <p>Before sending, each event is checked against {@link EventLimits} after the {@link
 * LimitPolicy} is applied ({@link LimitPolicy#REJECT} unless {@link #withLimitPolicy} says
 * otherwise); when anything is wrong, nothing is sent and a {@code
 * dev.pdkit.errors.ValidationException} lists every problem by field. A trigger without a dedup
 * key gets a generated one (a random UUID) before the first attempt, so that retries after a
 * timeout or 5xx cannot open a second alert; acknowledge and resolve are idempotent by nature.
 * The result carries the dedup key to acknowledge or resolve with later.
 *
 * <p>Blocking methods throw the same unchecked exceptions the async twins complete with: {@code
 * ValidationException} before sending, the {@code dev.pdkit.errors} API exceptions for a 400 (with
 * PagerDuty's {@code errors[]}), 429 or 5xx after the retries are used up, transport exceptions
 * when PagerDuty cannot be reached. The routing key never appears in a message or log line.
 */
public interface EventsApi {

  /** Sends a trigger (the event's action must be {@link EventAction#TRIGGER}). */
  default EventResult trigger(AlertEvent event) {
    requireAction(event, EventAction.TRIGGER);
    return send(event);
  }

  /** Async twin of {@link #trigger(AlertEvent)}. */
  default CompletableFuture<EventResult> triggerAsync(AlertEvent event) {
    requireAction(event, EventAction.TRIGGER);
    return sendAsync(event);
  }

  /** Acknowledges the open alert with {@code dedupKey}; dropped by PagerDuty when none is open. */
  default EventResult acknowledge(Secret routingKey, String dedupKey) {
    return send(AlertEvent.acknowledge(routingKey, dedupKey).build());
  }

  /** Async twin of {@link #acknowledge(Secret, String)}. */
  default CompletableFuture<EventResult> acknowledgeAsync(Secret routingKey, String dedupKey) {
    return sendAsync(AlertEvent.acknowledge(routingKey, dedupKey).build());
  }

  /** Resolves the open alert with {@code dedupKey}; dropped by PagerDuty when none is open. */
  default EventResult resolve(Secret routingKey, String dedupKey) {
    return send(AlertEvent.resolve(routingKey, dedupKey).build());
  }

  /** Async twin of {@link #resolve(Secret, String)}. */
  default CompletableFuture<EventResult> resolveAsync(Secret routingKey, String dedupKey) {
    return sendAsync(AlertEvent.resolve(routingKey, dedupKey).build());
  }

  /** Sends an alert event with any action (e.g. an acknowledge carrying links). */
  EventResult send(AlertEvent event);

  /** Async twin of {@link #send(AlertEvent)}. */
  CompletableFuture<EventResult> sendAsync(AlertEvent event);

  /** Sends a change event to {@code /v2/change/enqueue}. */
  EventResult change(ChangeEvent event);

  /** Async twin of {@link #change(ChangeEvent)}. */
  CompletableFuture<EventResult> changeAsync(ChangeEvent event);

  /**
   * Applies the policy and checks the limits, as sending would, without sending. Returns the
   * event that would be sent (truncated under {@link LimitPolicy#TRUNCATE}; a trigger without a
   * dedup key is returned without one, a key is generated only when sending).
   *
   * @throws dev.pdkit.errors.ValidationException listing every problem
   */
  AlertEvent validate(AlertEvent event);

  /** Like {@link #validate(AlertEvent)} for a change event. */
  ChangeEvent validate(ChangeEvent event);

  /** The policy this view applies. */
  LimitPolicy limitPolicy();

  /** A view of this API sharing everything but applying {@code policy}. */
  EventsApi withLimitPolicy(LimitPolicy policy);

  private static void requireAction(AlertEvent event, EventAction action) {
    java.util.Objects.requireNonNull(event, "event");
    if (event.action() != action) {
      throw new IllegalArgumentException("expected a " + action.wireValue() + " event, got "
          + event.action().wireValue() + ": use send(event) for any action");
    }
  }
}
