package dev.pdkit.config;

import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an Events API v2 trigger rendered from an event template
 * ({@link Templates#renderEvent}). Fields the template does not set are {@code null}.
 *
 * @param summary {@code payload.summary}
 * @param severity {@code payload.severity}: critical, error, warning or info
 * @param source {@code payload.source}
 * @param component {@code payload.component}
 * @param group {@code payload.group}
 * @param eventClass {@code payload.class}
 * @param dedupKey {@code dedup_key}
 * @param customDetails {@code payload.custom_details}, strings rendered, nesting kept
 */
public record RenderedEvent(
    String summary,
    String severity,
    @Nullable String source,
    @Nullable String component,
    @Nullable String group,
    @Nullable String eventClass,
    @Nullable String dedupKey,
    Map<String, Object> customDetails) {

  public RenderedEvent {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(severity, "severity");
    customDetails = Collections.unmodifiableMap(new LinkedHashMap<>(customDetails));
  }

  /**
   * A trigger for the Events API with these fields, to send with {@code pd.events()}. The Events
   * API requires {@code source}: set it on the builder if the template has none.
   *
   * <pre>{@code
   * AlertEvent e = state.templates().renderEvent("db-down", vars).toTrigger(routingKey).build();
   * }</pre>
   */
  public AlertEvent.Builder toTrigger(Secret routingKey) {
    Objects.requireNonNull(routingKey, "routingKey");
    AlertEvent.Builder b =
        AlertEvent.trigger(routingKey)
            .summary(summary)
            .severity(Severity.parse(severity))
            .source(source)
            .component(component)
            .group(group)
            .eventClass(eventClass)
            .customDetails(customDetails);
    if (dedupKey != null) {
      b.dedupKey(dedupKey);
    }
    return b;
  }
}
