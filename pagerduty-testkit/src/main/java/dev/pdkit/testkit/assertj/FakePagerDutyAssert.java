package dev.pdkit.testkit.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link FakePagerDuty}. Obtain with {@link PagerDutyAssertions#assertThat(FakePagerDuty)}.
 * Each call reads the fake's state at that moment.
 */
public final class FakePagerDutyAssert extends AbstractAssert<FakePagerDutyAssert, FakePagerDuty> {

  FakePagerDutyAssert(FakePagerDuty actual) {
    super(actual, FakePagerDutyAssert.class);
  }

  // ------------------------------------------------------------------ events

  /**
   * Asserts that the Events API accepted (202) at least one alert event ({@code /v2/enqueue}) and
   * returns assertions that narrow the accepted events down by their fields.
   */
  public ReceivedEventsAssert receivedEvent() {
    isNotNull();
    List<ReceivedEvent> events = acceptedEvents();
    if (events.isEmpty()) {
      failWithMessage("%s", "Expecting the fake to have accepted an Events API alert event, but it accepted none"
          + describeEventRequests());
    }
    return new ReceivedEventsAssert(events);
  }

  /** Asserts that exactly {@code count} alert events were accepted (202). */
  public FakePagerDutyAssert receivedEvents(int count) {
    isNotNull();
    List<ReceivedEvent> events = acceptedEvents();
    if (events.size() != count) {
      failWithMessage("%s", "Expecting " + count + " accepted alert events but there were " + events.size()
          + ReceivedEventsAssert.describe(events));
    }
    return this;
  }

  /** Asserts that no alert event was accepted. */
  public FakePagerDutyAssert receivedNoEvents() {
    return receivedEvents(0);
  }

  private List<ReceivedEvent> acceptedEvents() {
    List<ReceivedEvent> out = new ArrayList<>();
    for (RecordedRequest r : actual.requests()) {
      if ("POST".equals(r.method()) && "/v2/enqueue".equals(r.path()) && r.status() == 202) {
        ReceivedEvent e = ReceivedEvent.parse(r);
        if (e != null) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private String describeEventRequests() {
    List<String> lines = actual.requests().stream()
        .filter(r -> r.path().startsWith("/v2/"))
        .map(r -> "  " + r.method() + " " + r.path() + " -> " + r.status())
        .collect(Collectors.toList());
    return lines.isEmpty() ? "; no Events API requests at all." : "; Events API requests:\n" + String.join("\n", lines);
  }

  // ------------------------------------------------------------------ incidents

  /**
   * Asserts that an incident whose title (or id) is {@code titleOrId} exists, in any status, and
   * returns assertions on it (the newest when several match).
   */
  public IncidentAssert hasIncident(String titleOrId) {
    Objects.requireNonNull(titleOrId, "titleOrId");
    isNotNull();
    List<JsonNode> incidents = actual.incidents();
    JsonNode found = null;
    for (JsonNode i : incidents) {
      if (titleOrId.equals(i.path("title").asText()) || titleOrId.equals(i.path("id").asText())) {
        found = i;
      }
    }
    if (found == null) {
      failWithMessage("%s", "Expecting an incident titled \"" + titleOrId + "\" but "
          + IncidentAssert.describe(incidents));
    }
    return new IncidentAssert(found);
  }

  /**
   * Asserts that an open (triggered or acknowledged) incident whose title (or id) is
   * {@code titleOrId} exists and returns assertions on it.
   */
  public IncidentAssert hasOpenIncident(String titleOrId) {
    Objects.requireNonNull(titleOrId, "titleOrId");
    isNotNull();
    List<JsonNode> incidents = actual.incidents();
    JsonNode found = null;
    for (JsonNode i : incidents) {
      boolean open = !"resolved".equals(i.path("status").asText());
      if (open && (titleOrId.equals(i.path("title").asText()) || titleOrId.equals(i.path("id").asText()))) {
        found = i;
      }
    }
    if (found == null) {
      failWithMessage("%s", "Expecting an open incident titled \"" + titleOrId + "\" but "
          + IncidentAssert.describe(incidents));
    }
    return new IncidentAssert(found);
  }

  /** Asserts that no incident is triggered or acknowledged. */
  public FakePagerDutyAssert hasNoOpenIncidents() {
    isNotNull();
    List<JsonNode> incidents = actual.incidents();
    if (incidents.stream().anyMatch(i -> !"resolved".equals(i.path("status").asText()))) {
      failWithMessage("%s", "Expecting no open incidents but " + IncidentAssert.describe(incidents));
    }
    return this;
  }

  /** Asserts the number of incidents (any status). */
  public FakePagerDutyAssert hasIncidentCount(int count) {
    isNotNull();
    List<JsonNode> incidents = actual.incidents();
    if (incidents.size() != count) {
      failWithMessage("%s", "Expecting " + count + " incidents but " + IncidentAssert.describe(incidents));
    }
    return this;
  }

  // ------------------------------------------------------------------ journal

  /**
   * Asserts that the journal holds at least one request with this method and path (a glob where
   * {@code *} matches within one segment, e.g. {@code /incidents/*}) and returns assertions that
   * narrow the matching requests down.
   */
  public RecordedRequestsAssert receivedRequest(String method, String pathGlob) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathGlob, "pathGlob");
    isNotNull();
    List<RecordedRequest> all = actual.requests();
    List<RecordedRequest> matching = all.stream()
        .filter(r -> RecordedRequestsAssert.matches(r, method, pathGlob)).collect(Collectors.toList());
    if (matching.isEmpty()) {
      failWithMessage("%s", "Expecting a request " + method + " " + pathGlob + " but "
          + RecordedRequestsAssert.describe(all));
    }
    return new RecordedRequestsAssert(method + " " + pathGlob, matching);
  }

  /** Asserts that the journal holds no request with this method and path glob. */
  public FakePagerDutyAssert receivedNoRequest(String method, String pathGlob) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathGlob, "pathGlob");
    isNotNull();
    List<RecordedRequest> matching = actual.requests().stream()
        .filter(r -> RecordedRequestsAssert.matches(r, method, pathGlob)).collect(Collectors.toList());
    if (!matching.isEmpty()) {
      failWithMessage("%s", "Expecting no request " + method + " " + pathGlob + " but "
          + RecordedRequestsAssert.describe(matching));
    }
    return this;
  }
}
