package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service: what incidents are opened on, routed by its escalation policy. Build new ones with
 * {@link #builder()}; edit fetched ones with {@link #toBuilder()}.
 *
 * <p>Timeouts are in seconds; {@code 0} disables the feature (the SDK's mapper leaves nulls out of
 * requests, so send {@code 0}, not {@code null}, to turn a timeout off).
 *
 * @param id server id (null before creation)
 * @param type always {@code service}
 * @param summary read-only label
 * @param self read-only API URL
 * @param htmlUrl read-only web URL
 * @param name the service name
 * @param description free text
 * @param autoResolveTimeout seconds after which open incidents resolve (server default 14400)
 * @param acknowledgementTimeout seconds after which an acknowledged incident re-triggers (1800)
 * @param createdAt read-only creation time
 * @param status the service state; only {@code ACTIVE} may be set on create
 * @param lastIncidentTimestamp read-only time of the latest incident
 * @param escalationPolicy the escalation policy (required)
 * @param teams read-only; teams of the service
 * @param integrations read-only; references, or full integrations with {@code
 *     include[]=integrations}
 * @param incidentUrgencyRule how new incidents get their urgency
 * @param supportHours support hours, used by urgency rules
 * @param scheduledActions actions at the start or end of support hours
 * @param alertCreation deprecated by PagerDuty; kept for round trips
 * @param alertGroupingParameters how alerts are grouped into incidents
 * @param autoPauseNotificationsParameters transient-alert pausing
 */
public record Service(
    @Nullable String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    String name,
    @Nullable String description,
    @Nullable Integer autoResolveTimeout,
    @Nullable Integer acknowledgementTimeout,
    @Nullable OffsetDateTime createdAt,
    @Nullable ServiceStatus status,
    @Nullable OffsetDateTime lastIncidentTimestamp,
    @Nullable Reference escalationPolicy,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> teams,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integration> integrations,
    @Nullable IncidentUrgencyRule incidentUrgencyRule,
    @Nullable SupportHours supportHours,
    List<ScheduledAction> scheduledActions,
    @Nullable String alertCreation,
    @Nullable AlertGroupingParameters alertGroupingParameters,
    @Nullable AutoPauseNotificationsParameters autoPauseNotificationsParameters) {

  public Service {
    type = type == null ? "service" : type;
    Objects.requireNonNull(name, "name");
    teams = Lists.copy("teams", teams);
    integrations = Lists.copy("integrations", integrations);
    scheduledActions = Lists.copy("scheduledActions", scheduledActions);
  }

  /** This service as a reference. */
  public Reference reference() {
    return Reference.service(Lists.require(id, "id"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this service's writable fields (id included). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.description = description;
    b.autoResolveTimeout = autoResolveTimeout;
    b.acknowledgementTimeout = acknowledgementTimeout;
    b.status = status;
    b.escalationPolicy = escalationPolicy;
    b.incidentUrgencyRule = incidentUrgencyRule;
    b.supportHours = supportHours;
    b.scheduledActions.addAll(scheduledActions);
    b.alertCreation = alertCreation;
    b.alertGroupingParameters = alertGroupingParameters;
    b.autoPause = autoPauseNotificationsParameters;
    return b;
  }

  /** Builds a {@link Service}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable String description;
    private @Nullable Integer autoResolveTimeout;
    private @Nullable Integer acknowledgementTimeout;
    private @Nullable ServiceStatus status;
    private @Nullable Reference escalationPolicy;
    private @Nullable IncidentUrgencyRule incidentUrgencyRule;
    private @Nullable SupportHours supportHours;
    private final List<ScheduledAction> scheduledActions = new ArrayList<>();
    private @Nullable String alertCreation;
    private @Nullable AlertGroupingParameters alertGroupingParameters;
    private @Nullable AutoPauseNotificationsParameters autoPause;

    private Builder() {}

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Required. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /** Seconds; 0 disables auto-resolution. */
    public Builder autoResolveTimeout(@Nullable Integer seconds) {
      this.autoResolveTimeout = seconds;
      return this;
    }

    /** Seconds; 0 disables re-triggering of acknowledged incidents. */
    public Builder acknowledgementTimeout(@Nullable Integer seconds) {
      this.acknowledgementTimeout = seconds;
      return this;
    }

    public Builder status(@Nullable ServiceStatus status) {
      this.status = status;
      return this;
    }

    /** Required: the id of the escalation policy. */
    public Builder escalationPolicy(String escalationPolicyId) {
      this.escalationPolicy = Reference.escalationPolicy(
          Objects.requireNonNull(escalationPolicyId, "escalationPolicyId"));
      return this;
    }

    public Builder incidentUrgencyRule(@Nullable IncidentUrgencyRule rule) {
      this.incidentUrgencyRule = rule;
      return this;
    }

    public Builder supportHours(@Nullable SupportHours supportHours) {
      this.supportHours = supportHours;
      return this;
    }

    public Builder addScheduledAction(ScheduledAction action) {
      scheduledActions.add(Objects.requireNonNull(action, "action"));
      return this;
    }

    public Builder scheduledActions(List<ScheduledAction> actions) {
      scheduledActions.clear();
      scheduledActions.addAll(actions);
      return this;
    }

    public Builder alertGroupingParameters(@Nullable AlertGroupingParameters parameters) {
      this.alertGroupingParameters = parameters;
      return this;
    }

    public Builder autoPauseNotificationsParameters(
        @Nullable AutoPauseNotificationsParameters parameters) {
      this.autoPause = parameters;
      return this;
    }

    /** @throws IllegalStateException naming every missing or invalid field */
    public Service build() {
      List<String> problems = new ArrayList<>();
      if (name == null || name.isBlank()) {
        problems.add("name is required");
      }
      if (escalationPolicy == null) {
        problems.add("escalationPolicy is required");
      }
      if (autoResolveTimeout != null && autoResolveTimeout < 0) {
        problems.add("autoResolveTimeout must be >= 0 (0 disables), was " + autoResolveTimeout);
      }
      if (acknowledgementTimeout != null && acknowledgementTimeout < 0) {
        problems.add(
            "acknowledgementTimeout must be >= 0 (0 disables), was " + acknowledgementTimeout);
      }
      if (status == ServiceStatus.UNKNOWN) {
        problems.add("status UNKNOWN cannot be sent to PagerDuty");
      }
      if (incidentUrgencyRule != null
          && incidentUrgencyRule.type() == IncidentUrgencyRule.Type.USE_SUPPORT_HOURS
          && supportHours == null) {
        problems.add("an incidentUrgencyRule using support hours needs supportHours");
      }
      Builders.check("Service", problems);
      return new Service(id, "service", null, null, null, name, description, autoResolveTimeout,
          acknowledgementTimeout, null, status, null, escalationPolicy, List.of(), List.of(),
          incidentUrgencyRule, supportHours, scheduledActions, alertCreation,
          alertGroupingParameters, autoPause);
    }
  }
}
