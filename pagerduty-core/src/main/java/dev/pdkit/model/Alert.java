package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An alert grouped into an incident.
 *
 * @param id the alert id
 * @param type always {@code alert}
 * @param summary what is wrong
 * @param self API URL
 * @param htmlUrl web URL
 * @param createdAt when it was first triggered
 * @param status triggered or resolved
 * @param alertKey its de-duplication key
 * @param service the service
 * @param firstTriggerLogEntry the log entry that triggered it
 * @param incident the incident it belongs to
 * @param suppressed whether it is suppressed (no incident)
 * @param severity the severity reported by the monitoring tool
 * @param integration the integration it came through
 * @param body the event data
 */
public record Alert(
    String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    @Nullable OffsetDateTime createdAt,
    @Nullable Status status,
    @Nullable String alertKey,
    @Nullable Reference service,
    @Nullable Reference firstTriggerLogEntry,
    @Nullable Reference incident,
    boolean suppressed,
    @Nullable Severity severity,
    @Nullable Reference integration,
    @Nullable Body body) {

  /** Alert status. */
  public enum Status {
    @JsonProperty("triggered")
    TRIGGERED,
    @JsonProperty("resolved")
    RESOLVED,
    /** A value this SDK does not know. */
    @JsonEnumDefaultValue
    @JsonProperty("unknown")
    UNKNOWN
  }

  /** Severity as reported by the monitoring tool. */
  public enum Severity {
    @JsonProperty("info")
    INFO,
    @JsonProperty("warning")
    WARNING,
    @JsonProperty("error")
    ERROR,
    @JsonProperty("critical")
    CRITICAL,
    /** A value this SDK does not know. */
    @JsonEnumDefaultValue
    @JsonProperty("unknown")
    UNKNOWN
  }

  /**
   * The event data of an alert.
   *
   * @param type {@code alert_body}
   * @param contexts links and images
   * @param details the custom details: an object (unmodifiable maps and lists) or a string
   */
  public record Body(@Nullable String type, List<Context> contexts, @Nullable Object details) {
    public Body {
      contexts = Lists.copy("contexts", contexts);
      details = Lists.freeze(details);
    }
  }

  public Alert {
    Objects.requireNonNull(id, "id");
    type = type == null ? "alert" : type;
  }
}
