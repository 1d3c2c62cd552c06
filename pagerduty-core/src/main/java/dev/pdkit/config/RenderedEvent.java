package dev.pdkit.config;

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
}
