package dev.pdkit.rest;

import dev.pdkit.internal.Futures;
import dev.pdkit.model.Alert;
import dev.pdkit.model.Incident;
import dev.pdkit.model.IncidentCreate;
import dev.pdkit.model.IncidentNote;
import dev.pdkit.model.LogEntry;
import dev.pdkit.model.Reference;
import dev.pdkit.model.ResponderRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Incidents, their notes, log entries and alerts, {@code pd.incidents()}.
 *
 * <p>Every change (create, acknowledge, resolve, reassign, escalate, merge, snooze, notes) needs a
 * {@code From} header naming a user of the account: the client's {@code from}, or {@code
 * pd.withOptions(o -> o.from("alice@example.com")).incidents()} to act as someone else. The call
 * fails before sending without one. Thread-safe.
 *
 * <pre>{@code
 * Incident i = pd.incidents().create(IncidentCreate.builder()
 *     .title("Checkout is down").service("PSVC1").incidentKey("checkout-down").build());
 * pd.incidents().acknowledge(i.id());
 * pd.incidents().resolve(i.id(), "Rolled back the deploy");
 * }</pre>
 */
public interface Incidents {

  /** {@code GET /incidents}: the last month, read past the 10,000 cap. */
  default WindowedList<Incident> list() {
    return list(IncidentQuery.none());
  }

  /** {@code GET /incidents} with filters, read past the 10,000 cap by splitting the window. */
  WindowedList<Incident> list(IncidentQuery query);

  /** {@code GET /incidents/{id}} (id or incident number). */
  CompletableFuture<Incident> getAsync(String id);

  default Incident get(String id) {
    return Futures.sync(() -> getAsync(id));
  }

  /** {@code POST /incidents}. */
  CompletableFuture<Incident> createAsync(IncidentCreate incident);

  default Incident create(IncidentCreate incident) {
    return Futures.sync(() -> createAsync(incident));
  }

  /** {@code PUT /incidents/{id}} with {@code status=acknowledged}. */
  CompletableFuture<Incident> acknowledgeAsync(String id);

  default Incident acknowledge(String id) {
    return Futures.sync(() -> acknowledgeAsync(id));
  }

  /** {@code PUT /incidents/{id}} with {@code status=resolved}. */
  default CompletableFuture<Incident> resolveAsync(String id) {
    return resolveAsync(id, null);
  }

  default Incident resolve(String id) {
    return Futures.sync(() -> resolveAsync(id));
  }

  /** Resolves with a resolution note ({@code resolution}). */
  CompletableFuture<Incident> resolveAsync(String id, @Nullable String resolution);

  default Incident resolve(String id, @Nullable String resolution) {
    return Futures.sync(() -> resolveAsync(id, resolution));
  }

  /** {@code PUT /incidents/{id}} with {@code assignments}: reassigns to these users. */
  CompletableFuture<Incident> reassignAsync(String id, List<String> userIds);

  default Incident reassign(String id, List<String> userIds) {
    return Futures.sync(() -> reassignAsync(id, userIds));
  }

  /** {@code PUT /incidents/{id}} with {@code escalation_policy}: reassigns to a policy. */
  CompletableFuture<Incident> reassignToEscalationPolicyAsync(String id, String escalationPolicyId);

  default Incident reassignToEscalationPolicy(String id, String escalationPolicyId) {
    return Futures.sync(() -> reassignToEscalationPolicyAsync(id, escalationPolicyId));
  }

  /** {@code PUT /incidents/{id}} with {@code escalation_level} (1 = first rule). */
  CompletableFuture<Incident> escalateAsync(String id, int escalationLevel);

  default Incident escalate(String id, int escalationLevel) {
    return Futures.sync(() -> escalateAsync(id, escalationLevel));
  }

  /**
   * {@code POST /incidents/{id}/responder_requests}: asks more people to help. Each target is a user
   * ({@link Reference#user}) or an escalation policy ({@link Reference#escalationPolicy}); PagerDuty
   * notifies them with their high-urgency rules until they accept or decline. The requester is a
   * user id sent in the body ({@code requester_id}), not the {@code From} header, which this
   * operation does not need. The account needs the {@code coordinated_responding} ability (402
   * otherwise).
   *
   * @param id the incident id
   * @param requesterId id of the user asking
   * @param message the message sent to the requested responders (not blank)
   * @param targets 1 or more user or escalation policy references
   * @return the request as recorded, with the responders it produced
   * @throws IllegalArgumentException before sending, for a blank message or id, no targets, or a
   *     target that is neither a user nor an escalation policy reference
   */
  CompletableFuture<ResponderRequest> addRespondersAsync(
      String id, String requesterId, String message, List<Reference> targets);

  default ResponderRequest addResponders(
      String id, String requesterId, String message, List<Reference> targets) {
    return Futures.join(addRespondersAsync(id, requesterId, message, targets));
  }

  /**
   * {@code PUT /incidents/{id}/merge}: merges {@code sourceIds} into incident {@code targetId}
   * (the sources are resolved). Returns the target, as a reference-shaped incident.
   */
  CompletableFuture<Incident> mergeAsync(String targetId, List<String> sourceIds);

  default Incident merge(String targetId, List<String> sourceIds) {
    return Futures.sync(() -> mergeAsync(targetId, sourceIds));
  }

  /** {@code POST /incidents/{id}/snooze} for 1 second to 7 days. */
  CompletableFuture<Incident> snoozeAsync(String id, Duration duration);

  default Incident snooze(String id, Duration duration) {
    return Futures.sync(() -> snoozeAsync(id, duration));
  }

  /** {@code GET /incidents/{id}/notes}. */
  CompletableFuture<List<IncidentNote>> notesAsync(String id);

  default List<IncidentNote> notes(String id) {
    return Futures.sync(() -> notesAsync(id));
  }

  /** {@code POST /incidents/{id}/notes}. */
  CompletableFuture<IncidentNote> addNoteAsync(String id, String content);

  default IncidentNote addNote(String id, String content) {
    return Futures.sync(() -> addNoteAsync(id, content));
  }

  /** {@code GET /incidents/{id}/log_entries}, lazily. */
  Paginated<LogEntry> logEntries(String incidentId, LogEntryQuery query);

  /** {@code GET /log_entries}: the account's log, read past the 10,000 cap. */
  WindowedList<LogEntry> logEntries(LogEntryQuery query);

  /** {@code GET /incidents/{id}/alerts}, lazily. */
  Paginated<Alert> alerts(String incidentId);
}
