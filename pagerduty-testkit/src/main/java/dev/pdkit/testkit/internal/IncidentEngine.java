package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Incident and alert lifecycle: trigger, dedup, acknowledge, resolve, re-open, escalation on the
 * virtual clock (per rule delay, {@code num_loops}), acknowledgement timeout, auto-resolve, snooze,
 * reassign, merge, notes. Who is assigned comes from the server's {@link OnCallResolver}.
 *
 * <p>Low-urgency incidents do not escalate automatically, as in PagerDuty. All methods run under the
 * fake's lock.
 */
final class IncidentEngine {
  private final FakeServer f;

  IncidentEngine(FakeServer f) {
    this.f = f;
  }

  private Store s() {
    return f.store;
  }

  // ------------------------------------------------------------------ events

  /** A trigger event: adds to the open alert with this dedup key on the service or opens a new one. */
  void trigger(ObjectNode integration, String dedupKey, ObjectNode event) {
    ObjectNode service = s().get("services", J.text(integration, "_service_id"));
    if (service == null || "disabled".equals(J.text(service, "status")) || inMaintenance(service)) {
      return; // PagerDuty drops events for disabled services and services in maintenance
    }
    ObjectNode payload = (ObjectNode) event.get("payload");
    ObjectNode open = openAlert(J.text(service, "id"), dedupKey);
    if (open != null) {
      ObjectNode incident = s().get("incidents", J.text(open, "_incident_id"));
      if (incident != null) {
        ObjectNode le = log(incident, "trigger_log_entry", "Triggered through the API (deduplicated into an open alert)",
            agentRef(integration), channel("api", payload));
        le.put("_alert_id", J.text(open, "id"));
        touch(incident);
      }
      return;
    }
    String severity = J.text(payload, "severity");
    String urgency = urgencyFor(service, severity);
    ObjectNode incident = newIncident(service, J.text(payload, "summary"), urgency, dedupKey);
    incident.put("_origin", "event");
    ObjectNode alert = f.newEntity("alerts", "alert");
    alert.put("summary", J.text(payload, "summary"));
    alert.put("_incident_id", J.text(incident, "id"));
    alert.put("_routing_key", J.text(integration, "integration_key"));
    alert.put("_service_id", J.text(service, "id"));
    s().openAlertIndex.put(J.text(service, "id") + "|" + dedupKey, J.text(alert, "id"));
    s().alertsByIncident.computeIfAbsent(J.text(incident, "id"), k -> new ArrayList<>()).add(J.text(alert, "id"));
    f.store.stamp(alert);
    alert.put("created_at", f.nowTs());
    alert.put("status", "triggered");
    alert.put("alert_key", dedupKey);
    alert.set("service", s().ref(service));
    ObjectNode body = alert.putObject("body");
    body.put("type", "alert_body");
    body.set("contexts", contexts(event));
    body.set("details", payload.hasNonNull("custom_details") ? payload.get("custom_details") : J.obj());
    ObjectNode cef = body.putObject("cef_details");
    cef.put("client", J.text(event, "client"));
    cef.put("client_url", J.text(event, "client_url"));
    cef.put("description", J.text(payload, "summary"));
    cef.put("event_class", J.text(payload, "class"));
    cef.put("message", J.text(payload, "summary"));
    cef.put("service_group", J.text(payload, "group"));
    cef.put("severity", severity);
    cef.put("source_component", J.text(payload, "component"));
    cef.put("source_origin", J.text(payload, "source"));
    cef.put("reporter_component", J.text(payload, "component"));
    cef.put("dedup_key", dedupKey);
    cef.put("creation_time", payload.hasNonNull("timestamp")
        ? J.ts(SimpleOnCall.time(payload.get("timestamp").asText())) : f.nowTs());
    alert.set("incident", s().ref(incident));
    alert.put("suppressed", false);
    alert.put("severity", severity);
    alert.set("integration", s().ref(integration));
    ObjectNode le = log(incident, "trigger_log_entry", "Triggered through the API", agentRef(integration),
        channel("api", payload));
    le.put("_alert_id", J.text(alert, "id"));
    alert.set("first_trigger_log_entry", s().ref(le));
    incident.set("first_trigger_log_entry", s().ref(le));
    incident.put("last_status_change_at", f.nowTs());
    incident.set("last_status_change_by", s().ref(service));
    assignFromPolicy(incident, 1, s().ref(service), null);
    startTimeouts(incident, service);
    recount(incident);
  }

  /** A log entry's agent for an integration: the document's AgentReference type is {@code integration_reference}. */
  private ObjectNode agentRef(ObjectNode integration) {
    ObjectNode r = s().ref(integration);
    r.put("type", "integration_reference");
    return r;
  }

  /** An acknowledge or resolve event: applies to the open alert for the key and routing key, else dropped. */
  void followUp(ObjectNode integration, String dedupKey, String action, ObjectNode event) {
    ObjectNode alert = openAlert(J.text(integration, "_service_id"), dedupKey);
    if (alert == null || !J.text(integration, "integration_key").equals(J.text(alert, "_routing_key"))) {
      return; // no open alert, or sent with another routing key: dropped
    }
    ObjectNode incident = s().get("incidents", J.text(alert, "_incident_id"));
    if (incident == null) {
      return;
    }
    // PagerDuty's document allows only a user or a service as acknowledger / last_status_change_by;
    // an event acts on behalf of the integration's service
    ObjectNode svc = s().get("services", J.text(integration, "_service_id"));
    ObjectNode agent = s().ref(svc != null ? svc : integration);
    if (action.equals("acknowledge")) {
      if ("triggered".equals(J.text(incident, "status"))) {
        acknowledge(incident, agent, channel("api", event.get("payload")));
      }
    } else {
      resolveAlert(alert);
      boolean anyOpen = alertsOf(incident).stream().anyMatch(a -> "triggered".equals(J.text(a, "status")));
      if (!anyOpen && !"resolved".equals(J.text(incident, "status"))) {
        resolve(incident, agent, channel("api", event.get("payload")), null);
      } else {
        recount(incident);
      }
    }
  }

  // ------------------------------------------------------------------ creation

  ObjectNode newIncident(ObjectNode service, String title, String urgency, @Nullable String incidentKey) {
    ObjectNode inc = f.newEntity("incidents", "incident");
    int number = s().nextIncidentNumber++;
    inc.put("summary", "[#" + number + "] " + title);
    f.store.stamp(inc);
    inc.put("incident_number", number);
    inc.put("title", title);
    inc.put("description", title);
    inc.put("created_at", f.nowTs());
    inc.put("updated_at", f.nowTs());
    inc.put("status", "triggered");
    inc.put("incident_key", incidentKey);
    inc.set("service", s().ref(service));
    inc.putArray("assignments");
    inc.put("assigned_via", "escalation_policy");
    inc.put("last_status_change_at", f.nowTs());
    inc.set("last_status_change_by", s().ref(service));
    inc.putNull("first_trigger_log_entry");
    ObjectNode counts = inc.putObject("alert_counts");
    counts.put("all", 0);
    counts.put("triggered", 0);
    counts.put("resolved", 0);
    inc.put("is_mergeable", true);
    ObjectNode ep = s().get("escalation_policies", J.refId(service, "escalation_policy"));
    if (ep != null) {
      inc.set("escalation_policy", s().ref(ep));
      inc.set("teams", ep.path("teams").deepCopy());
    } else {
      inc.putNull("escalation_policy");
      inc.putArray("teams");
    }
    inc.putArray("pending_actions");
    inc.putArray("acknowledgements");
    inc.putArray("incidents_responders");
    inc.putArray("responder_requests");
    inc.putNull("alert_grouping");
    inc.put("urgency", urgency);
    inc.putNull("priority");
    inc.putNull("resolved_at");
    inc.putNull("resolve_reason");
    inc.putNull("conference_bridge");
    ObjectNode type = inc.putObject("incident_type");
    type.put("name", "incident_default");
    inc.put("_service_id", J.text(service, "id"));
    inc.put("_escalation_level", 1);
    inc.put("_loops", 0);
    ObjectNode svcNode = s().get("services", J.text(service, "id"));
    if (svcNode != null) {
      svcNode.put("last_incident_timestamp", f.nowTs());
    }
    return inc;
  }

  /** Starts auto-resolve per the service. */
  void startTimeouts(ObjectNode incident, ObjectNode service) {
    long autoResolve = service.path("auto_resolve_timeout").asLong(0);
    String id = J.text(incident, "id");
    if (autoResolve > 0) {
      f.timers.schedule("autoresolve:" + id, f.now().plusSeconds(autoResolve), due -> {
        ObjectNode inc = s().get("incidents", id);
        if (inc != null && !"resolved".equals(J.text(inc, "status"))) {
          resolve(inc, s().ref(service), channelOf("timeout"), null);
        }
      });
    }
    pending(incident);
  }

  // ------------------------------------------------------------------ assignment and escalation

  /** Assigns the incident to the policy's level and (re)starts the escalation timer. */
  void assignFromPolicy(ObjectNode incident, int level, @Nullable ObjectNode agent, @Nullable String escalatedBy) {
    String incId = J.text(incident, "id");
    ObjectNode ep = s().get("escalation_policies", J.refId(incident, "escalation_policy"));
    incident.put("_escalation_level", level);
    incident.put("assigned_via", "escalation_policy");
    List<String> users = ep == null ? List.of() : f.onCall().onCall(s(), ep, level, f.now());
    setAssignees(incident, users);
    if (!users.isEmpty()) {
      ObjectNode le = log(incident, escalatedBy != null ? "escalate_log_entry" : "assign_log_entry",
          (escalatedBy != null ? "Escalated to level " + level + " " + escalatedBy + ", assigned to " : "Assigned to ")
              + names(users) + ".",
          agent, channelOf(escalatedBy != null && escalatedBy.contains("timeout") ? "timeout" : "auto"));
      ArrayNode assignees = le.putArray("assignees");
      users.forEach(u -> assignees.add(s().ref(s().get("users", u))));
      le.put("escalation_level", level);
    }
    f.timers.cancel("escalate:" + incId);
    if (ep != null && "triggered".equals(J.text(incident, "status")) && "high".equals(J.text(incident, "urgency"))) {
      JsonNode rules = ep.path("escalation_rules");
      if (level >= 1 && level <= rules.size()) {
        long delay = Math.max(0, rules.get(level - 1).path("escalation_delay_in_minutes").asLong(30));
        boolean last = level == rules.size();
        int loops = incident.path("_loops").asInt(0);
        if (!last || loops < ep.path("num_loops").asInt(0)) {
          f.timers.schedule("escalate:" + incId, f.now().plus(Duration.ofMinutes(delay)), due -> escalateByTimeout(incId));
        }
      }
    }
    pending(incident);
  }

  private void escalateByTimeout(String incId) {
    ObjectNode inc = s().get("incidents", incId);
    if (inc == null || !"triggered".equals(J.text(inc, "status"))) {
      return;
    }
    ObjectNode ep = s().get("escalation_policies", J.refId(inc, "escalation_policy"));
    if (ep == null) {
      return;
    }
    int level = inc.path("_escalation_level").asInt(1);
    int rules = ep.path("escalation_rules").size();
    int next = level + 1;
    if (next > rules) {
      int loops = inc.path("_loops").asInt(0);
      if (loops >= ep.path("num_loops").asInt(0)) {
        return;
      }
      inc.put("_loops", loops + 1);
      next = 1;
      log(inc, "repeat_escalation_path_log_entry", "Repeated the escalation path (loop " + (loops + 1) + " of "
          + ep.path("num_loops").asInt(0) + ").", null, channelOf("timeout"));
    }
    assignFromPolicy(inc, next, null, "by timeout");
    touch(inc);
  }

  void setAssignees(ObjectNode incident, List<String> userIds) {
    ArrayNode a = incident.putArray("assignments");
    for (String u : userIds) {
      ObjectNode user = s().get("users", u);
      if (user == null) {
        continue;
      }
      ObjectNode as = a.addObject();
      as.put("at", f.nowTs());
      as.set("assignee", s().ref(user));
    }
  }

  /** Direct assignment to users (no escalation timer). */
  void reassignUsers(ObjectNode incident, List<String> userIds, @Nullable ObjectNode agent) {
    setAssignees(incident, userIds);
    incident.put("assigned_via", "direct_assignment");
    f.timers.cancel("escalate:" + J.text(incident, "id"));
    ObjectNode le = log(incident, "assign_log_entry", "Reassigned to " + names(userIds) + ".", agent, channelOf("api"));
    ArrayNode assignees = le.putArray("assignees");
    userIds.forEach(u -> assignees.add(s().ref(s().get("users", u))));
    touch(incident);
  }

  void reassignPolicy(ObjectNode incident, ObjectNode ep, @Nullable ObjectNode agent) {
    incident.set("escalation_policy", s().ref(ep));
    incident.put("_loops", 0);
    assignFromPolicy(incident, 1, agent, null);
    touch(incident);
  }

  void escalateTo(ObjectNode incident, int level, @Nullable ObjectNode agent) {
    ObjectNode ep = s().get("escalation_policies", J.refId(incident, "escalation_policy"));
    if (ep == null) {
      throw ApiError.of(400, 1006, "Incident Cannot Be Escalated", "The incident has no escalation policy");
    }
    int rules = ep.path("escalation_rules").size();
    if (level < 1 || level > rules) {
      throw ApiError.of(400, 1006, "Incident Cannot Be Escalated",
          "escalation_level must be between 1 and " + rules + " for escalation policy " + J.text(ep, "id"));
    }
    assignFromPolicy(incident, level, agent, "manually");
    touch(incident);
  }

  // ------------------------------------------------------------------ status changes

  void acknowledge(ObjectNode incident, @Nullable ObjectNode agent, ObjectNode channel) {
    String id = J.text(incident, "id");
    incident.put("status", "acknowledged");
    ArrayNode acks = (ArrayNode) incident.get("acknowledgements");
    String agentId = agent == null ? null : J.text(agent, "id");
    boolean already = false;
    for (JsonNode a : acks) {
      if (agentId != null && agentId.equals(J.refId(a, "acknowledger"))) {
        already = true;
      }
    }
    if (!already) {
      ObjectNode ack = acks.addObject();
      ack.put("at", f.nowTs());
      if (agent != null) {
        ack.set("acknowledger", agent);
      } else {
        ack.putNull("acknowledger");
      }
    }
    statusChange(incident, agent);
    f.timers.cancel("escalate:" + id);
    f.timers.cancel("snooze:" + id);
    log(incident, "acknowledge_log_entry", "Acknowledged" + by(agent) + ".", agent, channel);
    ObjectNode service = s().get("services", J.text(incident, "_service_id"));
    long ackTimeout = service == null ? 0 : service.path("acknowledgement_timeout").asLong(0);
    if (ackTimeout > 0) {
      f.timers.schedule("unack:" + id, f.now().plusSeconds(ackTimeout), due -> unacknowledge(id, "Unacknowledged due to timeout."));
    }
    touch(incident);
  }

  private void unacknowledge(String id, String summary) {
    ObjectNode inc = s().get("incidents", id);
    if (inc == null || !"acknowledged".equals(J.text(inc, "status"))) {
      return;
    }
    inc.put("status", "triggered");
    inc.putArray("acknowledgements");
    statusChange(inc, null);
    log(inc, "unacknowledge_log_entry", summary, null, channelOf("timeout"));
    assignFromPolicy(inc, inc.path("_escalation_level").asInt(1), null, null);
    touch(inc);
  }

  void snooze(ObjectNode incident, long seconds, @Nullable ObjectNode agent) {
    String id = J.text(incident, "id");
    f.timers.cancel("unack:" + id);
    Instant wake = f.now().plusSeconds(seconds);
    incident.put("_snoozed_until", J.ts(wake));
    f.timers.schedule("snooze:" + id, wake, due -> {
      ObjectNode inc = s().get("incidents", id);
      if (inc != null) {
        inc.remove("_snoozed_until");
      }
      unacknowledge(id, "Snooze ended; the incident is triggered again.");
    });
    ObjectNode le = log(incident, "snooze_log_entry", "Snoozed for " + seconds + " seconds" + by(agent) + ".", agent, channelOf("api"));
    // as the document's SnoozeLogEntry: the pending actions the snooze changed (here: the wake-up)
    ObjectNode wakeUp = le.putArray("changed_actions").addObject();
    wakeUp.put("type", "unacknowledge");
    wakeUp.put("at", J.ts(wake));
    touch(incident);
  }

  void resolve(ObjectNode incident, @Nullable ObjectNode agent, ObjectNode channel, @Nullable String resolution) {
    String id = J.text(incident, "id");
    incident.put("status", "resolved");
    incident.put("resolved_at", f.nowTs());
    incident.putArray("assignments");
    statusChange(incident, agent);
    f.timers.cancelPrefix("escalate:" + id);
    f.timers.cancel("unack:" + id);
    f.timers.cancel("snooze:" + id);
    f.timers.cancel("autoresolve:" + id);
    incident.remove("_snoozed_until");
    for (ObjectNode a : alertsOf(incident)) {
      if ("triggered".equals(J.text(a, "status"))) {
        resolveAlert(a);
      }
    }
    ObjectNode le = log(incident, "resolve_log_entry", "Resolved" + by(agent) + ".", agent, channel);
    if (resolution != null && !resolution.isBlank()) {
      le.put("note", resolution);
      ObjectNode user = agent != null && "user_reference".equals(J.text(agent, "type"))
          ? s().get("users", J.text(agent, "id")) : null;
      addNote(incident, user, resolution);
    }
    touch(incident);
  }

  /** Re-opens a resolved incident (status triggered or acknowledged requested on it). */
  void reopen(ObjectNode incident, @Nullable ObjectNode agent) {
    incident.put("status", "triggered");
    incident.putNull("resolved_at");
    incident.putArray("acknowledgements");
    incident.put("_loops", 0);
    statusChange(incident, agent);
    log(incident, "trigger_log_entry", "Re-opened" + by(agent) + ".", agent, channelOf("api"));
    assignFromPolicy(incident, 1, agent, null);
    ObjectNode service = s().get("services", J.text(incident, "_service_id"));
    if (service != null) {
      startTimeouts(incident, service);
    }
    touch(incident);
  }

  void merge(ObjectNode target, List<ObjectNode> sources, @Nullable ObjectNode agent) {
    for (ObjectNode src : sources) {
      for (ObjectNode a : alertsOf(src)) {
        moveAlert(a, target);
      }
      src.put("_merged_into", J.text(target, "id"));
      resolve(src, agent, channelOf("merge"), null);
    }
    recount(target);
    touch(target);
  }

  ObjectNode addNote(ObjectNode incident, @Nullable ObjectNode user, String content) {
    ObjectNode note = f.newEntity("notes", "note");
    note.remove("summary");
    note.remove("type");
    note.remove("_seq");
    if (user != null) {
      note.set("user", s().ref(user));
    } else {
      note.putNull("user");
    }
    ObjectNode ch = note.putObject("channel");
    ch.put("summary", "The PagerDuty website or APIs");
    note.put("content", content);
    note.put("created_at", f.nowTs());
    note.put("_incident_id", J.text(incident, "id"));
    ObjectNode le = log(incident, "annotate_log_entry", "Note added" + by(user == null ? null : s().ref(user)) + ".",
        user == null ? null : s().ref(user), channelOf("note"));
    le.put("note", content);
    touch(incident);
    return note;
  }

  // ------------------------------------------------------------------ responders

  /**
   * Records a responder request on the incident: every requested user (a user target, or who is on
   * call on level 1 of an escalation policy target now) gets a pending entry in {@code
   * incidents_responders} (one per user; asking again refreshes it), the request goes to {@code
   * responder_requests}, and a log entry names who was asked. Assignments do not change: responders
   * help, they do not own the incident. Returns the request, as the API returns it.
   */
  ObjectNode addResponders(ObjectNode incident, ObjectNode requester, String message, List<ObjectNode> targets) {
    String now = f.nowTs();
    ObjectNode requesterRef = s().ref(requester);
    ObjectNode incRef = s().ref(incident);
    ArrayNode responders = incident.withArray("incidents_responders");
    ObjectNode request = J.obj();
    request.put("id", f.ids.next());
    request.set("incident", incRef);
    request.set("requester", requesterRef);
    request.put("requested_at", now);
    request.put("message", message);
    ArrayNode wireTargets = request.putArray("responder_request_targets");
    List<String> asked = new ArrayList<>();
    for (ObjectNode target : targets) {
      boolean isPolicy = "escalation_policy".equals(J.text(target, "type"));
      List<String> userIds = isPolicy ? f.onCall().onCall(s(), target, 1, f.now()) : List.of(J.text(target, "id"));
      ObjectNode t = wireTargets.addObject().putObject("responder_request_target");
      t.put("type", isPolicy ? "escalation_policy" : "user");
      t.put("id", J.text(target, "id"));
      t.put("summary", J.text(target, "summary"));
      ArrayNode produced = t.putArray("incidents_responders");
      for (String userId : userIds) {
        ObjectNode user = s().get("users", userId);
        if (user == null) {
          continue;
        }
        ObjectNode entry = null;
        for (JsonNode r : responders) {
          if (userId.equals(J.refId(r, "user"))) {
            entry = (ObjectNode) r;
          }
        }
        if (entry == null) {
          entry = responders.addObject();
          entry.put("state", "pending");
          entry.set("user", s().ref(user));
          entry.set("incident", incRef);
          entry.putArray("escalation_policy_requests");
          asked.add(userId);
        } else if (!"joined".equals(J.text(entry, "state"))) {
          entry.put("state", "pending");
          asked.add(userId);
        }
        entry.put("updated_at", now);
        entry.put("message", message);
        entry.set("requester", requesterRef);
        entry.put("requested_at", now);
        if (isPolicy) {
          String name = J.text(target, "name");
          ArrayNode via = entry.withArray("escalation_policy_requests");
          boolean listed = false;
          for (JsonNode v : via) {
            listed |= v.asText().equals(name);
          }
          if (!listed && name != null) {
            via.add(name);
          }
        }
        produced.add(entry.deepCopy());
      }
    }
    incident.withArray("responder_requests").add(request.deepCopy());
    // not among the spec's LogEntry types, which list none for responder requests
    ObjectNode le = log(incident, "responder_request_log_entry",
        "Requested responders" + (asked.isEmpty() ? " (nobody new)" : ": " + names(asked)) + " by "
            + J.text(requester, "name") + ": " + message,
        requesterRef, channelOf("api"));
    ArrayNode leTargets = le.putArray("responder_request_targets");
    wireTargets.forEach(t -> leTargets.add(t.deepCopy()));
    le.put("message", message);
    touch(incident);
    return request;
  }

  // ------------------------------------------------------------------ helpers

  /** Moves an alert to another incident (merge, alert PUT). */
  void moveAlert(ObjectNode alert, ObjectNode target) {
    String from = J.text(alert, "_incident_id");
    String id = J.text(alert, "id");
    List<String> old = s().alertsByIncident.get(from);
    if (old != null) {
      old.remove(id);
    }
    alert.put("_incident_id", J.text(target, "id"));
    alert.set("incident", s().ref(target));
    s().alertsByIncident.computeIfAbsent(J.text(target, "id"), k -> new ArrayList<>()).add(id);
  }

  void resolveAlert(ObjectNode alert) {
    String indexKey = J.text(alert, "_service_id") + "|" + J.text(alert, "alert_key");
    if (J.text(alert, "id").equals(s().openAlertIndex.get(indexKey))) {
      s().openAlertIndex.remove(indexKey);
    }
    alert.put("status", "resolved");
    alert.put("resolved_at", f.nowTs());
    ObjectNode inc = s().get("incidents", J.text(alert, "_incident_id"));
    if (inc != null) {
      recount(inc);
    }
  }

  @Nullable ObjectNode openAlert(@Nullable String serviceId, String dedupKey) {
    if (serviceId == null) {
      return null;
    }
    ObjectNode a = s().get("alerts", s().openAlertIndex.get(serviceId + "|" + dedupKey));
    return a != null && "triggered".equals(J.text(a, "status")) ? a : null;
  }

  List<ObjectNode> alertsOf(ObjectNode incident) {
    List<ObjectNode> out = new ArrayList<>();
    for (String id : s().alertsByIncident.getOrDefault(J.text(incident, "id"), List.of())) {
      ObjectNode a = s().get("alerts", id);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  void recount(ObjectNode incident) {
    int all = 0;
    int triggered = 0;
    for (ObjectNode a : alertsOf(incident)) {
      all++;
      if ("triggered".equals(J.text(a, "status"))) {
        triggered++;
      }
    }
    ObjectNode c = (ObjectNode) incident.get("alert_counts");
    c.put("all", all);
    c.put("triggered", triggered);
    c.put("resolved", all - triggered);
  }

  private void statusChange(ObjectNode incident, @Nullable ObjectNode agent) {
    incident.put("last_status_change_at", f.nowTs());
    if (agent != null) {
      incident.set("last_status_change_by", agent);
    }
  }

  void touch(ObjectNode incident) {
    incident.put("updated_at", f.nowTs());
    pending(incident);
  }

  /** Mirrors live timers into {@code pending_actions}. */
  void pending(ObjectNode incident) {
    String id = J.text(incident, "id");
    ArrayNode p = incident.putArray("pending_actions");
    addPending(p, "escalate", f.timers.dueAt("escalate:" + id));
    addPending(p, "unacknowledge", f.timers.dueAt("unack:" + id));
    addPending(p, "unacknowledge", f.timers.dueAt("snooze:" + id));
    addPending(p, "resolve", f.timers.dueAt("autoresolve:" + id));
  }

  private static void addPending(ArrayNode p, String type, @Nullable Instant at) {
    if (at != null) {
      ObjectNode o = p.addObject();
      o.put("type", type);
      o.put("at", J.ts(at));
    }
  }

  ObjectNode log(ObjectNode incident, String type, String summary, @Nullable ObjectNode agent, ObjectNode channel) {
    ObjectNode le = f.newEntity("log_entries", type);
    le.put("summary", summary);
    f.store.stamp(le);
    le.put("created_at", f.nowTs());
    if (agent != null) {
      le.set("agent", agent);
    } else {
      le.putNull("agent");
    }
    le.set("channel", channel);
    ObjectNode svc = s().get("services", J.text(incident, "_service_id"));
    if (svc != null) {
      le.set("service", s().ref(svc));
    }
    le.set("incident", s().ref(incident));
    le.set("teams", incident.path("teams").deepCopy());
    le.putArray("contexts");
    ObjectNode details = le.putObject("event_details");
    details.put("description", J.text(incident, "title"));
    le.put("_incident_id", J.text(incident, "id"));
    return le;
  }

  static ObjectNode channelOf(String type) {
    ObjectNode c = J.obj();
    c.put("type", type);
    return c;
  }

  private static ObjectNode channel(String type, @Nullable JsonNode payload) {
    ObjectNode c = channelOf(type);
    if (payload != null && payload.isObject()) {
      c.put("summary", J.text(payload, "summary"));
      if (payload.has("custom_details")) {
        c.set("details", payload.get("custom_details"));
      }
    }
    return c;
  }

  private static ArrayNode contexts(ObjectNode event) {
    ArrayNode out = J.arr();
    for (JsonNode l : event.path("links")) {
      ObjectNode c = out.addObject();
      c.put("type", "link");
      c.put("href", J.text(l, "href"));
      c.put("text", J.text(l, "text"));
    }
    for (JsonNode i : event.path("images")) {
      ObjectNode c = out.addObject();
      c.put("type", "image");
      c.put("src", J.text(i, "src"));
      c.put("href", J.text(i, "href"));
      c.put("alt", J.text(i, "alt"));
    }
    return out;
  }

  private String names(List<String> userIds) {
    List<String> names = new ArrayList<>();
    for (String u : userIds) {
      ObjectNode user = s().get("users", u);
      names.add(user == null ? u : J.text(user, "name"));
    }
    return String.join(", ", names);
  }

  private static String by(@Nullable ObjectNode agent) {
    String summary = agent == null ? null : J.text(agent, "summary");
    return summary == null ? "" : " by " + summary;
  }

  boolean inMaintenance(ObjectNode service) {
    Instant now = f.now();
    String sid = J.text(service, "id");
    for (ObjectNode mw : s().c("maintenance_windows").values()) {
      Instant start = SimpleOnCall.time(J.text(mw, "start_time"));
      Instant end = SimpleOnCall.time(J.text(mw, "end_time"));
      if (start == null || end == null || now.isBefore(start) || !now.isBefore(end)) {
        continue;
      }
      for (JsonNode sref : mw.path("services")) {
        if (sid.equals(J.text(sref, "id"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Urgency from the service's {@code incident_urgency_rule} (and support hours). */
  String urgencyFor(ObjectNode service, @Nullable String severity) {
    JsonNode rule = service.path("incident_urgency_rule");
    String type = J.text(rule, "type");
    String urgency;
    if ("use_support_hours".equals(type)) {
      boolean during = withinSupportHours(service.path("support_hours"), f.now());
      urgency = J.text(rule.path(during ? "during_support_hours" : "outside_support_hours"), "urgency");
    } else {
      urgency = J.text(rule, "urgency");
    }
    if (urgency == null) {
      urgency = "high";
    }
    if (urgency.equals("severity_based")) {
      return severity == null || severity.equals("critical") || severity.equals("error") ? "high" : "low";
    }
    return urgency;
  }

  static boolean withinSupportHours(JsonNode sh, Instant at) {
    String tz = J.text(sh, "time_zone");
    String start = J.text(sh, "start_time");
    String end = J.text(sh, "end_time");
    if (tz == null || start == null || end == null) {
      return true;
    }
    ZonedDateTime local;
    try {
      local = at.atZone(ZoneId.of(tz));
    } catch (RuntimeException e) {
      return true;
    }
    int dow = local.getDayOfWeek().getValue(); // ISO: Monday=1..Sunday=7
    boolean dayOk = false;
    for (JsonNode d : sh.path("days_of_week")) {
      int v = d.asInt();
      if (v == dow || (v == 0 && local.getDayOfWeek() == DayOfWeek.SUNDAY)) {
        dayOk = true;
      }
    }
    if (!dayOk) {
      return false;
    }
    try {
      LocalTime t = local.toLocalTime();
      return !t.isBefore(LocalTime.parse(start)) && t.isBefore(LocalTime.parse(end));
    } catch (RuntimeException e) {
      return true;
    }
  }
}
