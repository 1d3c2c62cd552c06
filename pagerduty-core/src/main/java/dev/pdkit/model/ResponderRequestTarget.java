package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One target of a responder request, as PagerDuty returns it: a user or an escalation policy, with
 * the responders it produced on the incident.
 *
 * <p>PagerDuty's documents disagree on the shape (the schema has a flat object with {@code
 * incident_responders}, the examples wrap it as {@code {"responder_request_target": {...,
 * "incidents_responders": [...]}}}); both are read.
 *
 * @param type {@code user} or {@code escalation_policy} (PagerDuty omits the {@code _reference}
 *     suffix here; it is stripped if present)
 * @param id the user or escalation policy id
 * @param summary the target's name, if given
 * @param incidentsResponders the users requested through this target
 */
public record ResponderRequestTarget(
    String type, String id, @Nullable String summary, List<IncidentResponder> incidentsResponders) {

  /** {@code type} of a user target. */
  public static final String USER = "user";
  /** {@code type} of an escalation policy target. */
  public static final String ESCALATION_POLICY = "escalation_policy";

  public ResponderRequestTarget {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    type = type.endsWith("_reference") ? type.substring(0, type.length() - "_reference".length()) : type;
    incidentsResponders = Lists.copy("incidentsResponders", incidentsResponders);
  }

  /** Whether this target is a user. */
  public boolean isUser() {
    return USER.equals(type);
  }

  /** Whether this target is an escalation policy. */
  public boolean isEscalationPolicy() {
    return ESCALATION_POLICY.equals(type);
  }

  @JsonCreator
  static ResponderRequestTarget fromJson(
      @JsonProperty("responder_request_target") @Nullable ResponderRequestTarget wrapped,
      @JsonProperty("type") @Nullable String type,
      @JsonProperty("id") @Nullable String id,
      @JsonProperty("summary") @Nullable String summary,
      @JsonProperty("incidents_responders") @JsonAlias("incident_responders")
          @Nullable List<IncidentResponder> responders) {
    if (wrapped != null) {
      return wrapped;
    }
    if (type == null || id == null) {
      throw new IllegalArgumentException(
          "a responder request target needs id and type (or a wrapped responder_request_target)");
    }
    return new ResponderRequestTarget(type, id, summary, responders);
  }
}
