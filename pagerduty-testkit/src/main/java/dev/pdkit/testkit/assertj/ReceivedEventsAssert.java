package dev.pdkit.testkit.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions narrowing down the alert events a fake accepted. Every {@code with...} keeps only the
 * events that match and fails, listing the candidates, when none is left.
 */
public final class ReceivedEventsAssert extends AbstractAssert<ReceivedEventsAssert, List<ReceivedEvent>> {
  private final String criteria;

  ReceivedEventsAssert(List<ReceivedEvent> events) {
    this(events, "accepted alert events");
  }

  private ReceivedEventsAssert(List<ReceivedEvent> events, String criteria) {
    super(List.copyOf(events), ReceivedEventsAssert.class);
    this.criteria = criteria;
  }

  /** Keeps events with this dedup key. */
  public ReceivedEventsAssert withDedupKey(String dedupKey) {
    Objects.requireNonNull(dedupKey, "dedupKey");
    return narrow("dedup_key=" + dedupKey, e -> dedupKey.equals(e.dedupKey()));
  }

  /** Keeps events with this action: {@code trigger}, {@code acknowledge} or {@code resolve}. */
  public ReceivedEventsAssert withAction(String action) {
    Objects.requireNonNull(action, "action");
    return narrow("event_action=" + action, e -> action.equals(e.action()));
  }

  /** Keeps events sent with this routing key (never printed). */
  public ReceivedEventsAssert withRoutingKey(String routingKey) {
    Objects.requireNonNull(routingKey, "routingKey");
    return narrow("routing_key=<redacted>", e -> routingKey.equals(e.routingKey()));
  }

  /** Keeps events whose payload summary equals {@code summary}. */
  public ReceivedEventsAssert withSummary(String summary) {
    Objects.requireNonNull(summary, "summary");
    return narrow("summary=\"" + summary + "\"", e -> summary.equals(e.payloadText("summary")));
  }

  /** Keeps events whose payload severity equals {@code severity} (wire spelling, e.g. {@code critical}). */
  public ReceivedEventsAssert withSeverity(String severity) {
    Objects.requireNonNull(severity, "severity");
    return narrow("severity=" + severity, e -> severity.equals(e.payloadText("severity")));
  }

  /** Keeps events whose payload {@code custom_details.name} has this text value. */
  public ReceivedEventsAssert withCustomDetail(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    return narrow("custom_details." + name + "=" + value, e -> {
      JsonNode v = e.body().path("payload").path("custom_details").path(name);
      return !v.isMissingNode() && value.equals(v.asText());
    });
  }

  /** Asserts how many events are left after the narrowing so far. */
  public ReceivedEventsAssert hasCount(int count) {
    if (actual.size() != count) {
      failWithMessage("%s", "Expecting " + count + " " + criteria + " but found " + actual.size() + describe(actual));
    }
    return this;
  }

  private ReceivedEventsAssert narrow(String what, Predicate<ReceivedEvent> p) {
    List<ReceivedEvent> left = actual.stream().filter(p).collect(Collectors.toList());
    if (left.isEmpty()) {
      failWithMessage("%s", "Expecting " + criteria + " with " + what + " but none matched" + describe(actual));
    }
    return new ReceivedEventsAssert(left, criteria + " with " + what);
  }

  static String describe(List<ReceivedEvent> events) {
    if (events.isEmpty()) {
      return ".";
    }
    return "; candidates were:\n" + events.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
  }
}
