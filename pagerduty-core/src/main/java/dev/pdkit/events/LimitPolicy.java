package dev.pdkit.events;

/**
 * What to do with an event that breaks a documented limit which can be fixed without changing the
 * event's meaning.
 *
 * <p>Only the summary is truncatable: under {@link #TRUNCATE} a {@code payload.summary} longer
 * than {@value EventLimits#MAX_SUMMARY_LENGTH} characters is cut to
 * {@value EventLimits#MAX_SUMMARY_LENGTH} characters, the last being an ellipsis ({@code …}).
 * Everything else is always rejected under both policies because changing it would change which
 * alert the event belongs to or where it goes: the routing key, the dedup key (it identifies the
 * alert), the severity, image URLs, and the 512 KB size limit (pdkit does not silently drop
 * custom details).
 */
public enum LimitPolicy {
  /** Reject an event breaking any limit, naming every problem (the default). */
  REJECT,
  /** Truncate an over-long summary; reject everything else as {@link #REJECT} does. */
  TRUNCATE
}
