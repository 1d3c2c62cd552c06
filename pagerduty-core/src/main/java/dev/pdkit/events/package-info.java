/**
 * Events API v2: send alert events (trigger / acknowledge / resolve) and change events to
 * PagerDuty through {@link dev.pdkit.events.EventsApi} ({@code pd.events()}).
 *
 * <p>Events are immutable records made with builders ({@link dev.pdkit.events.AlertEvent#trigger},
 * {@link dev.pdkit.events.ChangeEvent#builder}). Reliable delivery goes through {@link
 * dev.pdkit.events.EventSender}, which keeps events in an outbox (durable with {@link
 * dev.pdkit.events.FileOutbox}) and retries them. Before anything is sent, every event is checked
 * against PagerDuty's documented limits ({@link dev.pdkit.events.EventLimits}); all problems are
 * reported at once, each naming its field, and a {@link dev.pdkit.events.LimitPolicy} decides
 * whether an over-long summary is rejected (the default) or truncated.
 *
 * <pre>{@code
 * EventResult r = pd.events().trigger(
 *     AlertEvent.trigger(Secret.of(routingKey))
 *         .summary("Disk full on db-1")
 *         .source("db-1.example.com")
 *         .severity(Severity.CRITICAL)
 *         .customDetail("free_bytes", 0)
 *         .build());
 * pd.events().resolve(Secret.of(routingKey), r.dedupKey());
 * }</pre>
 */
@NullMarked
package dev.pdkit.events;

import org.jspecify.annotations.NullMarked;
