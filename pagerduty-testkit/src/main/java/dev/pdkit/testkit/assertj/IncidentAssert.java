package dev.pdkit.testkit.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one incident of a fake (its public JSON view at the time of the lookup). */
public final class IncidentAssert extends AbstractAssert<IncidentAssert, JsonNode> {

  IncidentAssert(JsonNode incident) {
    super(incident, IncidentAssert.class);
  }

  /** The incident's id, to continue with the client or the fake. */
  public String id() {
    return actual.path("id").asText();
  }

  /** Asserts the status: {@code triggered}, {@code acknowledged} or {@code resolved}. */
  public IncidentAssert withStatus(String status) {
    return field("status", Objects.requireNonNull(status, "status"), actual.path("status").asText());
  }

  /** Asserts the urgency: {@code high} or {@code low}. */
  public IncidentAssert withUrgency(String urgency) {
    return field("urgency", Objects.requireNonNull(urgency, "urgency"), actual.path("urgency").asText());
  }

  /** Asserts the id of the incident's service. */
  public IncidentAssert onService(String serviceId) {
    return field("service.id", Objects.requireNonNull(serviceId, "serviceId"),
        actual.path("service").path("id").asText());
  }

  /** Asserts the incident key (the dedup key of the alert that opened it). */
  public IncidentAssert withIncidentKey(String incidentKey) {
    return field("incident_key", Objects.requireNonNull(incidentKey, "incidentKey"),
        actual.path("incident_key").asText());
  }

  /** Asserts that the user with this id is among the current assignees. */
  public IncidentAssert assignedTo(String userId) {
    Objects.requireNonNull(userId, "userId");
    List<String> ids = new ArrayList<>();
    for (JsonNode a : actual.path("assignments")) {
      ids.add(a.path("assignee").path("id").asText());
    }
    if (!ids.contains(userId)) {
      failWithMessage("%s", "Expecting incident " + label() + " to be assigned to " + userId
          + " but its assignees were " + ids);
    }
    return this;
  }

  private IncidentAssert field(String name, String expected, String actualValue) {
    if (!expected.equals(actualValue)) {
      failWithMessage("%s", "Expecting incident " + label() + " to have " + name + " \"" + expected
          + "\" but it was \"" + actualValue + "\"; the incident: " + line(actual));
    }
    return this;
  }

  private String label() {
    return actual.path("id").asText() + " (\"" + actual.path("title").asText() + "\")";
  }

  static String line(JsonNode i) {
    return "#" + i.path("incident_number").asText() + " " + i.path("id").asText() + " \""
        + i.path("title").asText() + "\" " + i.path("status").asText() + " urgency=" + i.path("urgency").asText()
        + " service=" + i.path("service").path("id").asText();
  }

  static String describe(List<JsonNode> incidents) {
    if (incidents.isEmpty()) {
      return "the fake holds no incidents.";
    }
    return "the fake holds:\n" + incidents.stream().map(i -> "  " + line(i)).collect(Collectors.joining("\n"));
  }
}
