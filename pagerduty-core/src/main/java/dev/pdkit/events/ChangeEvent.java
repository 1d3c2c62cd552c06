package dev.pdkit.events;

import dev.pdkit.Secret;
import dev.pdkit.internal.events.FreeJson;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change event for {@code POST /v2/change/enqueue}: a deploy, a config change, anything shown in
 * context beside incidents. Change events never notify anyone and cannot be sent to ruleset keys
 * (those starting with {@code R}). Immutable; {@link #toString()} never shows the routing key.
 *
 * @param routingKey the 32-character integration key
 * @param summary what changed; required, at most {@value EventLimits#MAX_SUMMARY_LENGTH} characters
 * @param source where it changed
 * @param timestamp when it changed; PagerDuty uses the receive time when null
 * @param customDetails free-form JSON object; deep-copied and unmodifiable, empty when none
 * @param links links shown with the change; never null
 */
public record ChangeEvent(
    Secret routingKey,
    @Nullable String summary,
    @Nullable String source,
    @Nullable OffsetDateTime timestamp,
    Map<String, @Nullable Object> customDetails,
    List<Link> links) {

  public ChangeEvent {
    Objects.requireNonNull(routingKey, "routingKey");
    customDetails = FreeJson.copy(customDetails);
    links = links == null ? List.of() : List.copyOf(links);
  }

  /** Starts a change event. */
  public static Builder builder(Secret routingKey) {
    return new Builder(routingKey);
  }

  /** This event with another summary (used by truncation). */
  public ChangeEvent withSummary(@Nullable String newSummary) {
    return new ChangeEvent(routingKey, newSummary, source, timestamp, customDetails, links);
  }

  /** Builds a {@link ChangeEvent}; content is checked when sending. Not thread-safe. */
  public static final class Builder {
    private final Secret routingKey;
    private @Nullable String summary;
    private @Nullable String source;
    private @Nullable OffsetDateTime timestamp;
    private final Map<String, @Nullable Object> customDetails = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();

    private Builder(Secret routingKey) {
      this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
    }

    /** {@code payload.summary}; required. */
    public Builder summary(@Nullable String summary) {
      this.summary = summary;
      return this;
    }

    /** {@code payload.source}. */
    public Builder source(@Nullable String source) {
      this.source = source;
      return this;
    }

    /** {@code payload.timestamp}. */
    public Builder timestamp(@Nullable OffsetDateTime timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** Replaces {@code payload.custom_details} with a copy of {@code details}. */
    public Builder customDetails(@Nullable Map<String, ?> details) {
      customDetails.clear();
      if (details != null) {
        customDetails.putAll(details);
      }
      return this;
    }

    /** Adds one entry to {@code payload.custom_details}. */
    public Builder customDetail(String name, @Nullable Object value) {
      customDetails.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /** Adds a link. */
    public Builder link(Link link) {
      links.add(Objects.requireNonNull(link, "link"));
      return this;
    }

    /** Adds a link with optional text. */
    public Builder link(String href, @Nullable String text) {
      return link(new Link(href, text));
    }

    /**
     * Builds the event.
     *
     * @throws IllegalArgumentException if a custom detail cannot be represented as JSON
     */
    public ChangeEvent build() {
      return new ChangeEvent(routingKey, summary, source, timestamp, customDetails, links);
    }
  }
}
