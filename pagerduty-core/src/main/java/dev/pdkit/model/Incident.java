package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An incident as PagerDuty returns it. Create incidents with {@link IncidentCreate}; change them
 * through {@code pd.incidents()} (acknowledge, resolve, reassign, ...).
 *
 * <p>Related objects are references; an {@code include[]} that expands them keeps id, type and
 * summary here.
 *
 * @param id the incident id
 * @param type {@code incident} (or {@code incident_reference})
 * @param summary read-only label, e.g. {@code [#1234] The server is on fire.}
 * @param self read-only API URL
 * @param htmlUrl read-only web URL
 * @param incidentNumber the account-wide incident number
 * @param title what is wrong
 * @param createdAt when it was first triggered
 * @param updatedAt when it last changed
 * @param status triggered, acknowledged or resolved
 * @param incidentKey the de-duplication key
 * @param service the service it is on
 * @param assignments current assignments (empty when resolved)
 * @param assignedVia {@code escalation_policy} or {@code direct_assignment}
 * @param lastStatusChangeAt when the status last changed
 * @param lastStatusChangeBy who changed it (user, service or integration)
 * @param resolvedAt when it was resolved, or null
 * @param firstTriggerLogEntry the log entry that triggered it
 * @param alertCounts how many alerts it groups
 * @param mergeable whether it can be merged ({@code is_mergeable} on the wire)
 * @param incidentType its incident type
 * @param escalationPolicy the escalation policy
 * @param teams teams involved
 * @param pendingActions changes PagerDuty will make later
 * @param acknowledgements current acknowledgements
 * @param priority the priority, if set
 * @param resolveReason why it was resolved (merges)
 * @param conferenceBridge the conference bridge, with {@code include[]=conference_bridge}
 * @param urgency high or low
 * @param body details, with {@code include[]=body}
 * @param incidentsResponders users asked to help through responder requests, with their state
 *     (accounts with the responder requests feature)
 * @param responderRequests the responder requests made on this incident, oldest first
 */
public record Incident(
    String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    long incidentNumber,
    @Nullable String title,
    @Nullable OffsetDateTime createdAt,
    @Nullable OffsetDateTime updatedAt,
    @Nullable IncidentStatus status,
    @Nullable String incidentKey,
    @Nullable Reference service,
    List<Assignment> assignments,
    @Nullable String assignedVia,
    @Nullable OffsetDateTime lastStatusChangeAt,
    @Nullable Reference lastStatusChangeBy,
    @Nullable OffsetDateTime resolvedAt,
    @Nullable Reference firstTriggerLogEntry,
    @Nullable AlertCounts alertCounts,
    @JsonProperty("is_mergeable") boolean mergeable,
    @Nullable IncidentType incidentType,
    @Nullable Reference escalationPolicy,
    List<Reference> teams,
    List<PendingAction> pendingActions,
    List<Acknowledgement> acknowledgements,
    @Nullable Reference priority,
    @Nullable ResolveReason resolveReason,
    @Nullable ConferenceBridge conferenceBridge,
    @Nullable Urgency urgency,
    @Nullable IncidentBody body,
    List<IncidentResponder> incidentsResponders,
    List<ResponderRequest> responderRequests) {

  /**
   * The type of an incident.
   *
   * @param name the incident type name, e.g. {@code incident_default}
   */
  public record IncidentType(@Nullable String name) {}

  public Incident {
    Objects.requireNonNull(id, "id");
    type = type == null ? "incident" : type;
    assignments = Lists.copy("assignments", assignments);
    teams = Lists.copy("teams", teams);
    pendingActions = Lists.copy("pendingActions", pendingActions);
    acknowledgements = Lists.copy("acknowledgements", acknowledgements);
    incidentsResponders = Lists.copy("incidentsResponders", incidentsResponders);
    responderRequests = Lists.copy("responderRequests", responderRequests);
  }

  /** This incident as a reference. */
  public Reference reference() {
    return Reference.incident(id);
  }
}
