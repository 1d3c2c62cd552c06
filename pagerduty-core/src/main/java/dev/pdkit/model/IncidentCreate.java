package dev.pdkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /incidents}: a new incident on a service, either assigned to users or
 * routed to an escalation policy (never both). Build with {@link #builder()}.
 *
 * <p>While an open incident on the same service has the same {@code incidentKey}, PagerDuty
 * rejects the create with 400, which makes retries of a create with a key safe.
 *
 * @param type always {@code incident}
 * @param title what is wrong (required)
 * @param service the service (required)
 * @param urgency high or low; null for the service's rule
 * @param priority a priority reference
 * @param body details
 * @param incidentKey a de-duplication key
 * @param assignments users to assign; empty when routed to an escalation policy
 * @param escalationPolicy the policy to route to; null when assigned to users
 * @param conferenceBridge a conference bridge
 */
public record IncidentCreate(
    String type,
    String title,
    Reference service,
    @Nullable Urgency urgency,
    @Nullable Reference priority,
    @Nullable IncidentBody body,
    @Nullable String incidentKey,
    List<Assignment> assignments,
    @Nullable Reference escalationPolicy,
    @Nullable ConferenceBridge conferenceBridge) {

  public IncidentCreate {
    type = type == null ? "incident" : type;
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(service, "service");
    assignments = Lists.copy("assignments", assignments);
    if (!assignments.isEmpty() && escalationPolicy != null) {
      throw new IllegalArgumentException(
          "an incident is assigned to users or routed to an escalation policy, not both");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link IncidentCreate}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String title;
    private @Nullable Reference service;
    private @Nullable Urgency urgency;
    private @Nullable Reference priority;
    private @Nullable IncidentBody body;
    private @Nullable String incidentKey;
    private final List<Assignment> assignments = new ArrayList<>();
    private @Nullable Reference escalationPolicy;
    private @Nullable ConferenceBridge conferenceBridge;

    private Builder() {}

    /** Required. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** Required: the service id. */
    public Builder service(String serviceId) {
      this.service = Reference.service(Objects.requireNonNull(serviceId, "serviceId"));
      return this;
    }

    public Builder urgency(@Nullable Urgency urgency) {
      this.urgency = urgency;
      return this;
    }

    public Builder priority(@Nullable String priorityId) {
      this.priority = priorityId == null ? null : Reference.priority(priorityId);
      return this;
    }

    /** Details as text or a JSON-like map. */
    public Builder details(@Nullable Object details) {
      this.body = details == null ? null : IncidentBody.of(details);
      return this;
    }

    public Builder incidentKey(@Nullable String incidentKey) {
      this.incidentKey = incidentKey;
      return this;
    }

    /** Assigns the incident to user {@code userId} (may be repeated). */
    public Builder assignTo(String userId) {
      assignments.add(Assignment.toUser(userId));
      return this;
    }

    /** Routes the incident to escalation policy {@code escalationPolicyId}. */
    public Builder escalationPolicy(@Nullable String escalationPolicyId) {
      this.escalationPolicy =
          escalationPolicyId == null ? null : Reference.escalationPolicy(escalationPolicyId);
      return this;
    }

    public Builder conferenceBridge(@Nullable ConferenceBridge conferenceBridge) {
      this.conferenceBridge = conferenceBridge;
      return this;
    }

    /** @throws IllegalStateException naming every missing or conflicting field */
    public IncidentCreate build() {
      List<String> problems = new ArrayList<>();
      if (title == null || title.isBlank()) {
        problems.add("title is required");
      }
      if (service == null) {
        problems.add("service is required");
      }
      if (!assignments.isEmpty() && escalationPolicy != null) {
        problems.add("assignTo and escalationPolicy exclude each other; use one");
      }
      if (urgency == Urgency.SEVERITY_BASED || urgency == Urgency.UNKNOWN) {
        problems.add("urgency of an incident must be HIGH or LOW, was " + urgency);
      }
      Builders.check("IncidentCreate", problems);
      return new IncidentCreate("incident", title, service, urgency, priority, body, incidentKey,
          assignments, escalationPolicy, conferenceBridge);
    }
  }
}
