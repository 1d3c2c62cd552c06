package dev.pdkit.events;

import dev.pdkit.internal.events.FreeJson;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code payload} of an alert event. Built through {@link AlertEvent.Builder}; the fields
 * PagerDuty requires for a trigger ({@code summary}, {@code source}, {@code severity}) may be null
 * here so that every missing one can be reported together when the event is validated.
 *
 * @param summary brief text used as the alert and incident title; at most
 *     {@value EventLimits#MAX_SUMMARY_LENGTH} characters
 * @param source the affected system, preferably a host name or FQDN
 * @param severity how bad it is
 * @param timestamp when the problem was detected; PagerDuty uses the receive time when null
 * @param component the part of the source that is affected
 * @param group a logical grouping of components
 * @param eventClass the class or type of the event (wire name {@code class})
 * @param customDetails free-form JSON object; deep-copied and unmodifiable, empty when none
 */
public record AlertPayload(
    @Nullable String summary,
    @Nullable String source,
    @Nullable Severity severity,
    @Nullable OffsetDateTime timestamp,
    @Nullable String component,
    @Nullable String group,
    @Nullable String eventClass,
    Map<String, @Nullable Object> customDetails) {

  public AlertPayload {
    customDetails = FreeJson.copy(customDetails);
  }

  /** This payload with another summary (used by truncation). */
  public AlertPayload withSummary(@Nullable String newSummary) {
    return new AlertPayload(newSummary, source, severity, timestamp, component, group, eventClass,
        customDetails);
  }
}
