package dev.pdkit.events;

import org.jspecify.annotations.Nullable;

/**
 * PagerDuty's answer to an accepted event (HTTP 202), e.g.
 * {@code {"status":"success","message":"Event processed","dedup_key":"..."}}.
 *
 * @param status the status word, {@code success} for an accepted event
 * @param message a human-readable message
 * @param dedupKey the alert's dedup key: the caller's, or the one pdkit generated for a trigger
 *     sent without one; may be null for change events
 */
public record EventResult(String status, String message, @Nullable String dedupKey) {
  public EventResult {
    status = status == null ? "" : status;
    message = message == null ? "" : message;
  }
}
