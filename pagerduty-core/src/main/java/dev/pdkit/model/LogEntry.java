package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An entry of an incident's log. PagerDuty's log entries are polymorphic; {@code type} tells which
 * one (e.g. {@code trigger_log_entry}, {@code acknowledge_log_entry}, {@code notify_log_entry}) and
 * this record keeps the fields they share.
 *
 * @param id the entry id
 * @param type the entry type
 * @param summary a description
 * @param self API URL
 * @param htmlUrl web URL
 * @param createdAt when it happened
 * @param channel how it came about
 * @param agent who caused it (user, service or integration)
 * @param note a note attached to the entry
 * @param contexts links and images
 * @param service the incident's service
 * @param incident the incident
 * @param teams teams involved
 * @param eventDetails extra details, e.g. {@code description}
 */
public record LogEntry(
    String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    @Nullable OffsetDateTime createdAt,
    @Nullable Channel channel,
    @Nullable Reference agent,
    @Nullable String note,
    List<Context> contexts,
    @Nullable Reference service,
    @Nullable Reference incident,
    List<Reference> teams,
    Map<String, Object> eventDetails) {
  public LogEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    contexts = Lists.copy("contexts", contexts);
    teams = Lists.copy("teams", teams);
    eventDetails = Lists.freezeMap(eventDetails);
  }
}
