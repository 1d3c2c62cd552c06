package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.member;
import static dev.pdkit.internal.rest.Requests.request;
import static dev.pdkit.internal.rest.Requests.time;
import static dev.pdkit.internal.rest.Requests.wrap;

import dev.pdkit.errors.PaginationCapException;
import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.model.Alert;
import dev.pdkit.model.Assignment;
import dev.pdkit.model.Incident;
import dev.pdkit.model.IncidentCreate;
import dev.pdkit.model.IncidentNote;
import dev.pdkit.model.IncidentStatus;
import dev.pdkit.model.LogEntry;
import dev.pdkit.model.Reference;
import dev.pdkit.model.ResponderRequest;
import dev.pdkit.rest.IncidentQuery;
import dev.pdkit.rest.Incidents;
import dev.pdkit.rest.LogEntryQuery;
import dev.pdkit.rest.Paginated;
import dev.pdkit.rest.WindowedList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link Incidents} over the client's transport. Every change sets {@code requiresFrom}, as
 * PagerDuty requires the {@code From} header on them.
 */
public final class IncidentsImpl implements Incidents {
  static final long MAX_SNOOZE_SECONDS = 604_800;
  private static final String INCIDENT = "/incidents/{id}";

  private final ClientContext ctx;
  private final int offsetCap;

  public IncidentsImpl(ClientContext ctx) {
    this(ctx, PaginationCapException.OFFSET_CAP);
  }

  /** With another offset cap, so tests can exercise window splitting with few items. */
  IncidentsImpl(ClientContext ctx, int offsetCap) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.offsetCap = offsetCap;
  }

  @Override
  public WindowedList<Incident> list(IncidentQuery q) {
    Objects.requireNonNull(q, "query");
    List<String> statuses = new ArrayList<>();
    q.statuses().forEach(s -> statuses.add(s.wireName()));
    List<String> urgencies = new ArrayList<>();
    q.urgencies().forEach(u -> urgencies.add(u.wireName()));
    ApiRequest base = request("GET", "/incidents")
        .queryAll("statuses[]", statuses)
        .queryAll("service_ids[]", q.serviceIds())
        .queryAll("team_ids[]", q.teamIds())
        .queryAll("user_ids[]", q.userIds())
        .queryAll("urgencies[]", urgencies)
        .query("incident_key", q.incidentKey())
        .query("date_range", q.dateRangeAll() ? "all" : null)
        .query("sort_by", q.sortBy().isEmpty() ? null : String.join(",", q.sortBy()))
        .queryAll("include[]", q.include())
        .query("time_zone", q.timeZone())
        .build();
    return windowed(base, "incidents", Incident.class, Incident::id, q.since(), q.until(),
        !q.dateRangeAll());
  }

  @Override
  public WindowedList<LogEntry> logEntries(LogEntryQuery q) {
    Objects.requireNonNull(q, "query");
    ApiRequest base = logEntryFilters(request("GET", "/log_entries"), q)
        .queryAll("team_ids[]", q.teamIds()).build();
    return windowed(base, "log_entries", LogEntry.class, LogEntry::id, q.since(), q.until(), true);
  }

  @Override
  public Paginated<LogEntry> logEntries(String incidentId, LogEntryQuery q) {
    Objects.requireNonNull(q, "query");
    if (!q.teamIds().isEmpty()) {
      throw new IllegalArgumentException("teamIds only applies to the account-wide log");
    }
    ApiRequest base = logEntryFilters(request("GET", INCIDENT + "/log_entries", incidentId), q)
        .build();
    return Pagers.offset(ctx.transport(), base, "log_entries", Pagers.decoder(LogEntry.class));
  }

  private static ApiRequest.Builder logEntryFilters(ApiRequest.Builder b, LogEntryQuery q) {
    return b.query("since", time(q.since()))
        .query("until", time(q.until()))
        .query("is_overview", q.overview() ? "true" : null)
        .queryAll("include[]", q.include())
        .query("time_zone", q.timeZone());
  }

  private <T> WindowedList<T> windowed(ApiRequest base, String key, Class<T> type,
      Function<T, String> idOf, @Nullable Instant since, @Nullable Instant until,
      boolean splittable) {
    var decoder = Pagers.decoder(type);
    return new WindowSplittingList<>(base.endpoint(), since, until, splittable, ctx.clock(),
        Pagers.DEFAULT_PAGE_SIZE, offsetCap, idOf,
        (s, u, offset, limit, total) -> Pagers.fetchOffset(ctx.transport(), base.toBuilder()
                .replaceQuery("since", time(s))
                .replaceQuery("until", time(u))
                .replaceQuery("total", total ? "true" : null)
                .build(),
            key, decoder, offset, limit));
  }

  @Override
  public CompletableFuture<Incident> getAsync(String id) {
    return ctx.transport().send(request("GET", INCIDENT, id).build())
        .thenApply(member("incident", Incident.class));
  }

  @Override
  public CompletableFuture<Incident> createAsync(IncidentCreate incident) {
    Objects.requireNonNull(incident, "incident");
    return ctx.transport().send(request("POST", "/incidents").body(wrap("incident", incident))
            .requiresFrom(true).build())
        .thenApply(member("incident", Incident.class));
  }

  @Override
  public CompletableFuture<Incident> acknowledgeAsync(String id) {
    return update(id, change("status", IncidentStatus.ACKNOWLEDGED.wireName()));
  }

  @Override
  public CompletableFuture<Incident> resolveAsync(String id, @Nullable String resolution) {
    Map<String, Object> change = change("status", IncidentStatus.RESOLVED.wireName());
    if (resolution != null) {
      change.put("resolution", resolution);
    }
    return update(id, change);
  }

  @Override
  public CompletableFuture<Incident> reassignAsync(String id, List<String> userIds) {
    Objects.requireNonNull(userIds, "userIds");
    if (userIds.isEmpty()) {
      throw new IllegalArgumentException("reassign needs at least one user id");
    }
    List<Assignment> assignments = new ArrayList<>();
    for (String u : userIds) {
      assignments.add(Assignment.toUser(Requests.requireId(u, "userIds[]")));
    }
    return update(id, change("assignments", assignments));
  }

  @Override
  public CompletableFuture<Incident> reassignToEscalationPolicyAsync(
      String id, String escalationPolicyId) {
    return update(id, change("escalation_policy",
        Reference.escalationPolicy(Requests.requireId(escalationPolicyId, "escalationPolicyId"))));
  }

  @Override
  public CompletableFuture<Incident> escalateAsync(String id, int escalationLevel) {
    if (escalationLevel < 1) {
      throw new IllegalArgumentException(
          "escalationLevel starts at 1 (the first rule), was " + escalationLevel);
    }
    return update(id, change("escalation_level", escalationLevel));
  }

  @Override
  public CompletableFuture<ResponderRequest> addRespondersAsync(
      String id, String requesterId, String message, List<Reference> targets) {
    Requests.requireId(id, "id");
    Requests.requireId(requesterId, "requesterId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(targets, "targets");
    if (message.isBlank()) {
      throw new IllegalArgumentException("the responder request message must not be blank");
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("add responders needs at least one user or escalation policy");
    }
    List<Map<String, Object>> wire = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Reference t = Objects.requireNonNull(targets.get(i), "targets[" + i + "]");
      if (!t.type().equals("user_reference") && !t.type().equals("escalation_policy_reference")) {
        throw new IllegalArgumentException("targets[" + i + "] is a " + t.type()
            + "; responders are users (Reference.user) or escalation policies (Reference.escalationPolicy)");
      }
      wire.add(wrap("responder_request_target", t.bare()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requester_id", requesterId);
    body.put("message", message);
    body.put("responder_request_targets", wire);
    ApiRequest req = request("POST", INCIDENT + "/responder_requests", id).body(body).build();
    return ctx.transport().send(req).thenApply(member("responder_request", ResponderRequest.class));
  }

  @Override
  public CompletableFuture<Incident> mergeAsync(String targetId, List<String> sourceIds) {
    Objects.requireNonNull(sourceIds, "sourceIds");
    if (sourceIds.isEmpty()) {
      throw new IllegalArgumentException("merge needs at least one source incident id");
    }
    List<Reference> sources = new ArrayList<>();
    for (String s : sourceIds) {
      sources.add(Reference.incident(Requests.requireId(s, "sourceIds[]")));
    }
    ApiRequest req = request("PUT", INCIDENT + "/merge", targetId)
        .body(wrap("source_incidents", sources)).requiresFrom(true).build();
    return ctx.transport().send(req).thenApply(member("incident", Incident.class));
  }

  @Override
  public CompletableFuture<Incident> snoozeAsync(String id, Duration duration) {
    Objects.requireNonNull(duration, "duration");
    long seconds = duration.getSeconds();
    if (seconds < 1 || seconds > MAX_SNOOZE_SECONDS) {
      throw new IllegalArgumentException(
          "snooze duration must be 1 second to 7 days, was " + duration);
    }
    ApiRequest req = request("POST", INCIDENT + "/snooze", id)
        .body(wrap("duration", seconds)).requiresFrom(true).build();
    return ctx.transport().send(req).thenApply(member("incident", Incident.class));
  }

  @Override
  public CompletableFuture<List<IncidentNote>> notesAsync(String id) {
    return ctx.transport().send(request("GET", INCIDENT + "/notes", id).build())
        .thenApply(Requests.list("notes", IncidentNote.class));
  }

  @Override
  public CompletableFuture<IncidentNote> addNoteAsync(String id, String content) {
    Objects.requireNonNull(content, "content");
    if (content.isBlank()) {
      throw new IllegalArgumentException("note content must not be blank");
    }
    ApiRequest req = request("POST", INCIDENT + "/notes", id)
        .body(wrap("note", Map.of("content", content))).requiresFrom(true).build();
    return ctx.transport().send(req).thenApply(member("note", IncidentNote.class));
  }

  @Override
  public Paginated<Alert> alerts(String incidentId) {
    ApiRequest base = request("GET", INCIDENT + "/alerts", incidentId).build();
    return Pagers.offset(ctx.transport(), base, "alerts", Pagers.decoder(Alert.class));
  }

  private static Map<String, Object> change(String field, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "incident_reference");
    m.put(field, value);
    return m;
  }

  private CompletableFuture<Incident> update(String id, Map<String, Object> change) {
    ApiRequest req = request("PUT", INCIDENT, id).body(wrap("incident", change))
        .requiresFrom(true).build();
    return ctx.transport().send(req).thenApply(member("incident", Incident.class));
  }
}
