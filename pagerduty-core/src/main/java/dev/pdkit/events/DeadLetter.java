package dev.pdkit.events;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event the {@link EventSender} gave up on, with why. The payload (which holds the routing key)
 * is not exposed; {@link EventSender#replay(String)} sends the event again.
 *
 * @param id the outbox id
 * @param dedupKey the dedup key, null for change events
 * @param reason what went wrong, e.g. PagerDuty's 400 error messages
 * @param at when it was dead-lettered
 * @param enqueuedAt when it was submitted
 */
public record DeadLetter(
    String id,
    @Nullable String dedupKey,
    String reason,
    Instant at,
    Instant enqueuedAt) {
  public DeadLetter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
  }
}
