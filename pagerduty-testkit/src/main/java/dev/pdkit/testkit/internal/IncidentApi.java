package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** REST v2 incidents, alerts, notes, snooze, merge, status updates and log entries. */
final class IncidentApi {
  private static final Set<String> STATUSES = Set.of("triggered", "acknowledged", "resolved");
  private static final Set<String> URGENCIES = Set.of("high", "low");
  private static final Map<String, Integer> URGENCY_ORDER = Map.of("low", 0, "high", 1);

  private IncidentApi() {}

  static void register(Router r, FakeServer f) {
    r.add("GET", "/incidents", req -> f.page(req, "incidents", list(f, req)));
    r.add("POST", "/incidents", req -> create(f, req));
    r.add("PUT", "/incidents", req -> bulkUpdate(f, req));
    r.add("GET", "/incidents/{id}", req -> Resp.ok(RestApi.wrap("incident",
        f.store.view(incident(f, req), FakeServer.includes(req)))));
    r.add("PUT", "/incidents/{id}", req -> {
      ObjectNode inc = incident(f, req);
      ObjectNode body = req.entity("incident");
      ObjectNode agent = agentRef(f, req);
      Runnable apply = validateUpdate(f, inc, body, "incident", agent);
      apply.run();
      return Resp.ok(RestApi.wrap("incident", f.store.view(inc)));
    });
    r.add("PUT", "/incidents/{id}/merge", req -> {
      ObjectNode target = incident(f, req);
      JsonNode sources = req.json().get("source_incidents");
      if (sources == null || !sources.isArray() || sources.isEmpty()) {
        throw ApiError.invalid("source_incidents is required: [{\"id\": ..., \"type\": \"incident_reference\"}]");
      }
      if ("resolved".equals(J.text(target, "status"))) {
        throw ApiError.of(400, 1001, "Incident Already Resolved", "The target incident " + J.text(target, "id") + " is resolved");
      }
      List<ObjectNode> srcs = new ArrayList<>();
      int alerts = f.engine.alertsOf(target).size();
      for (int i = 0; i < sources.size(); i++) {
        ObjectNode src = RestApi.requireRef(f, sources.get(i), "source_incidents[" + i + "]", "incidents");
        if (src == target) {
          throw ApiError.invalid("source_incidents[" + i + "] is the target incident itself");
        }
        if (src.has("_merged_into")) {
          throw ApiError.of(400, 1019, "Incident Already Merged", "Incident " + J.text(src, "id") + " was already merged");
        }
        alerts += f.engine.alertsOf(src).size();
        srcs.add(src);
      }
      if (alerts > 1000) {
        throw ApiError.invalid("The merged incident would hold more than 1000 alerts");
      }
      f.engine.merge(target, srcs, agentRef(f, req));
      // the document types the merge answer as an IncidentReference
      ObjectNode view = f.store.view(target);
      view.put("type", "incident_reference");
      return Resp.ok(RestApi.wrap("incident", view));
    });
    r.add("POST", "/incidents/{id}/snooze", req -> {
      ObjectNode inc = incident(f, req);
      JsonNode d = req.json().get("duration");
      if (d == null || !d.canConvertToLong() || d.asLong() < 1 || d.asLong() > 604800) {
        throw ApiError.invalid("duration is required: seconds between 1 and 604800");
      }
      if (!"acknowledged".equals(J.text(inc, "status"))) {
        throw ApiError.invalid("Only acknowledged incidents can be snoozed; incident " + J.text(inc, "id") + " is "
            + J.text(inc, "status"));
      }
      f.engine.snooze(inc, d.asLong(), agentRef(f, req));
      return Resp.created(RestApi.wrap("incident", f.store.view(inc)));
    });
    r.add("POST", "/incidents/{id}/responder_requests", req -> addResponders(f, req));
    r.add("GET", "/incidents/{id}/notes", req -> {
      ObjectNode inc = incident(f, req);
      ArrayNode notes = J.arr();
      String incId = J.text(inc, "id");
      for (ObjectNode n : f.store.c("notes").values()) {
        if (incId.equals(J.text(n, "_incident_id"))) {
          notes.add(f.store.view(n));
        }
      }
      return Resp.ok(RestApi.wrap("notes", notes));
    });
    r.add("POST", "/incidents/{id}/notes", req -> {
      ObjectNode inc = incident(f, req);
      ObjectNode body = req.entity("note");
      String content = RestApi.requireText(body, "content", "note", 65_535);
      String incId = J.text(inc, "id");
      long count = f.store.c("notes").values().stream().filter(n -> incId.equals(J.text(n, "_incident_id"))).count();
      if (count >= 2000) {
        throw ApiError.invalid("An incident may hold at most 2000 notes");
      }
      ObjectNode note = f.engine.addNote(inc, f.fromUser(req), content);
      return Resp.ok(RestApi.wrap("note", f.store.view(note)));
    });
    r.add("PUT", "/incidents/{id}/notes/{note_id}", req -> {
      ObjectNode inc = incident(f, req);
      ObjectNode note = noteOf(f, inc, req.param("note_id"));
      ObjectNode body = req.entity("note");
      note.put("content", RestApi.requireText(body, "content", "note", 65_535));
      return Resp.ok(RestApi.wrap("note", f.store.view(note)));
    });
    r.add("DELETE", "/incidents/{id}/notes/{note_id}", req -> {
      ObjectNode inc = incident(f, req);
      ObjectNode note = noteOf(f, inc, req.param("note_id"));
      f.store.c("notes").remove(J.text(note, "id"));
      return Resp.noContent();
    });
    r.add("POST", "/incidents/{id}/status_updates", req -> {
      ObjectNode inc = incident(f, req);
      ObjectNode user = f.fromUser(req);
      String message = RestApi.requireText((ObjectNode) (req.json().isObject() ? req.json() : J.obj()), "message",
          "status_update", 65_535);
      // status updates are not log entries in PagerDuty; keep them with the incident's bookkeeping
      ObjectNode su = J.obj();
      su.put("id", f.ids.next());
      su.put("message", message);
      su.put("created_at", f.nowTs());
      su.set("sender", f.store.ref(user));
      inc.withArray("_status_updates").add(su.deepCopy());
      f.engine.touch(inc);
      return Resp.ok(RestApi.wrap("status_update", su));
    });
    // alerts
    r.add("GET", "/incidents/{id}/alerts", req -> {
      ObjectNode inc = incident(f, req);
      List<ObjectNode> alerts = f.engine.alertsOf(inc);
      List<String> statuses = req.qs("statuses");
      if (!statuses.isEmpty()) {
        alerts = RestApi.filter(alerts, a -> statuses.contains(J.text(a, "status")));
      }
      String key = req.q("alert_key");
      if (key != null) {
        alerts = RestApi.filter(alerts, a -> key.equals(J.text(a, "alert_key")));
      }
      return f.page(req, "alerts", alerts);
    });
    r.add("GET", "/incidents/{id}/alerts/{alert_id}", req -> Resp.ok(RestApi.wrap("alert",
        f.store.view(alertOf(f, incident(f, req), req.param("alert_id")), FakeServer.includes(req)))));
    r.add("PUT", "/incidents/{id}/alerts/{alert_id}", req -> {
      ObjectNode inc = incident(f, req);
      ObjectNode alert = alertOf(f, inc, req.param("alert_id"));
      Runnable apply = validateAlertUpdate(f, inc, alert, req.entity("alert"), "alert", agentRef(f, req));
      apply.run();
      return Resp.ok(RestApi.wrap("alert", f.store.view(alert)));
    });
    r.add("PUT", "/incidents/{id}/alerts", req -> {
      ObjectNode inc = incident(f, req);
      JsonNode items = req.json().get("alerts");
      if (items == null || !items.isArray()) {
        throw ApiError.invalid("body must be {\"alerts\": [{\"id\", \"type\": \"alert\", \"status\": \"resolved\"}]}");
      }
      if (items.size() > 250) {
        throw ApiError.of(413, 2001, "Request Entity Too Large", "At most 250 alerts can be updated at once");
      }
      List<Runnable> applies = new ArrayList<>();
      List<ObjectNode> alerts = new ArrayList<>();
      ObjectNode agent = agentRef(f, req);
      for (int i = 0; i < items.size(); i++) {
        JsonNode it = items.get(i);
        String id = J.text(it, "id");
        if (id == null) {
          throw ApiError.invalid("alerts[" + i + "].id is required");
        }
        ObjectNode alert = alertOf(f, inc, id);
        applies.add(validateAlertUpdate(f, inc, alert, (ObjectNode) it, "alerts[" + i + "]", agent));
        alerts.add(alert);
      }
      applies.forEach(Runnable::run);
      ArrayNode out = J.arr();
      alerts.forEach(a -> out.add(f.store.view(a)));
      ObjectNode body = J.obj();
      body.set("alerts", out);
      body.put("limit", Math.max(25, out.size()));
      body.put("offset", 0);
      body.put("more", false);
      body.putNull("total");
      return Resp.ok(body);
    });
    // log entries
    r.add("GET", "/incidents/{id}/log_entries", req -> {
      ObjectNode inc = incident(f, req);
      return f.page(req, "log_entries", logEntries(f, req, J.text(inc, "id")));
    });
    r.add("GET", "/log_entries", req -> f.page(req, "log_entries", logEntries(f, req, null)));
    r.add("GET", "/log_entries/{id}", req -> Resp.ok(RestApi.wrap("log_entry",
        f.store.view(f.store.require("log_entries", req.param("id"), "Log entry"), FakeServer.includes(req)))));
    r.add("PUT", "/log_entries/{id}/channel", req -> {
      ObjectNode le = f.store.require("log_entries", req.param("id"), "Log entry");
      JsonNode ch = req.json().get("channel");
      if (ch == null || !ch.isObject() || J.text(ch, "type") == null) {
        throw ApiError.invalid("channel is required: {\"channel\": {\"type\": \"web_trigger\", \"summary\": ...}}");
      }
      ObjectNode merged = le.path("channel").isObject() ? (ObjectNode) le.get("channel") : le.putObject("channel");
      merged.setAll((ObjectNode) ch);
      return new Resp(202, null);
    });
  }

  // ------------------------------------------------------------------ responder requests

  /**
   * {@code POST /incidents/{id}/responder_requests}: validates everything before changing anything.
   * The requester comes from {@code requester_id} (PagerDuty's documents: no From header here).
   */
  private static Resp addResponders(FakeServer f, Req req) {
    if (!f.store.abilities.contains("coordinated_responding")) {
      throw ApiError.of(402, 2014, "Account does not have the required ability",
          "Adding responders needs the coordinated_responding ability, which this account does not have");
    }
    ObjectNode inc = incident(f, req);
    if (!req.json().isObject()) {
      throw ApiError.invalid("body must be {\"requester_id\", \"message\", \"responder_request_targets\": [...]}");
    }
    ObjectNode body = (ObjectNode) req.json();
    String requesterId = J.text(body, "requester_id");
    if (requesterId == null || requesterId.isBlank()) {
      throw ApiError.of(400, 2011, "Requester ID Required",
          "requester_id is required: the id of the user asking for responders");
    }
    ObjectNode requester = f.store.get("users", requesterId);
    if (requester == null) {
      throw ApiError.of(400, 2013, "User Not Found", "requester_id " + requesterId + " is not a user on this account");
    }
    String message = RestApi.requireText(body, "message", "responder_request", 65_535);
    JsonNode targets = body.get("responder_request_targets");
    if (targets == null || !targets.isArray() || targets.isEmpty()) {
      throw ApiError.invalid("responder_request_targets is required: a non-empty array of "
          + "{\"responder_request_target\": {\"id\", \"type\": \"user_reference\" or \"escalation_policy_reference\"}}");
    }
    if ("resolved".equals(J.text(inc, "status"))) {
      throw ApiError.of(400, 1001, "Incident Already Resolved",
          "Incident " + J.text(inc, "id") + " is resolved; responders can only be added to open incidents");
    }
    List<ObjectNode> resolved = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < targets.size(); i++) {
      String where = "responder_request_targets[" + i + "]";
      JsonNode t = targets.get(i).has("responder_request_target") ? targets.get(i).get("responder_request_target") : targets.get(i);
      String type = J.text(t, "type");
      String collection;
      if ("user_reference".equals(type) || "user".equals(type)) {
        collection = "users";
      } else if ("escalation_policy_reference".equals(type) || "escalation_policy".equals(type)) {
        collection = "escalation_policies";
      } else {
        throw ApiError.invalid(where + ".type must be user_reference or escalation_policy_reference (got '" + type + "')");
      }
      ObjectNode target = RestApi.requireRef(f, t, where, collection);
      if (seen.add(collection + ":" + J.text(target, "id"))) {
        resolved.add(target);
      }
    }
    ObjectNode request = f.engine.addResponders(inc, requester, message, resolved);
    return Resp.ok(RestApi.wrap("responder_request", request));
  }

  // ------------------------------------------------------------------ helpers

  private static ObjectNode incident(FakeServer f, Req req) {
    String id = req.param("id");
    ObjectNode inc = f.store.get("incidents", id);
    if (inc == null) {
      // PagerDuty also accepts the incident number in place of the id
      for (ObjectNode n : f.store.c("incidents").values()) {
        if (id.equals(n.path("incident_number").asText())) {
          return n;
        }
      }
      throw ApiError.notFound("Incident " + id + " not found");
    }
    return inc;
  }

  private static ObjectNode alertOf(FakeServer f, ObjectNode inc, String alertId) {
    ObjectNode a = f.store.get("alerts", alertId);
    if (a == null || !J.text(inc, "id").equals(J.text(a, "_incident_id"))) {
      throw ApiError.notFound("Alert " + alertId + " not found on incident " + J.text(inc, "id"));
    }
    return a;
  }

  private static ObjectNode noteOf(FakeServer f, ObjectNode inc, String noteId) {
    ObjectNode n = f.store.get("notes", noteId);
    if (n == null || !J.text(inc, "id").equals(J.text(n, "_incident_id"))) {
      throw ApiError.notFound("Note " + noteId + " not found on incident " + J.text(inc, "id"));
    }
    return n;
  }

  /** The agent for log entries: the From user (or token user), as a reference. */
  private static @Nullable ObjectNode agentRef(FakeServer f, Req req) {
    ObjectNode u = f.actingUser(req);
    return u == null ? null : f.store.ref(u);
  }

  private static Runnable validateAlertUpdate(FakeServer f, ObjectNode inc, ObjectNode alert, ObjectNode body,
      String where, @Nullable ObjectNode agent) {
    String status = J.text(body, "status");
    if (status != null && !status.equals("resolved") && !status.equals("triggered")) {
      throw ApiError.invalid(where + ".status must be resolved");
    }
    if ("triggered".equals(status) && "resolved".equals(J.text(alert, "status"))) {
      throw ApiError.invalid(where + ": a resolved alert cannot be re-triggered");
    }
    ObjectNode moveTo = null;
    if (body.has("incident")) {
      moveTo = RestApi.requireRef(f, body.get("incident"), where + ".incident", "incidents");
      if ("resolved".equals(J.text(moveTo, "status"))) {
        throw ApiError.invalid(where + ".incident " + J.text(moveTo, "id") + " is resolved");
      }
    }
    ObjectNode target = moveTo;
    return () -> {
      if (target != null && target != inc) {
        f.engine.moveAlert(alert, target);
        f.engine.recount(inc);
        f.engine.recount(target);
      }
      if ("resolved".equals(status) && "triggered".equals(J.text(alert, "status"))) {
        f.engine.resolveAlert(alert);
        ObjectNode owner = f.store.get("incidents", J.text(alert, "_incident_id"));
        if (owner != null && !"resolved".equals(J.text(owner, "status"))
            && f.engine.alertsOf(owner).stream().noneMatch(a -> "triggered".equals(J.text(a, "status")))) {
          f.engine.resolve(owner, agent, IncidentEngine.channelOf("api"), null);
        }
      }
    };
  }

  /**
   * Validates an incident update fully and returns the change to apply, so that bulk updates can be
   * all-or-nothing.
   */
  private static Runnable validateUpdate(FakeServer f, ObjectNode inc, ObjectNode body, String where,
      @Nullable ObjectNode agent) {
    String type = J.text(body, "type");
    if (type == null) {
      throw ApiError.invalid(where + ".type is required (incident or incident_reference)");
    }
    if (!type.equals("incident") && !type.equals("incident_reference")) {
      throw ApiError.invalid(where + ".type must be incident or incident_reference (got '" + type + "')");
    }
    String status = J.text(body, "status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiError.of(400, 1003, "Invalid Status Provided", where + ".status must be triggered, acknowledged or resolved");
    }
    String current = J.text(inc, "status");
    if ("resolved".equals(status) && "resolved".equals(current)) {
      throw ApiError.of(400, 1001, "Incident Already Resolved", "Incident " + J.text(inc, "id") + " is already resolved");
    }
    if ("triggered".equals(status) && "acknowledged".equals(current)) {
      // un-acknowledging through the API is not supported by PagerDuty
      throw ApiError.of(400, 1003, "Invalid Status Provided",
          "Incident " + J.text(inc, "id") + " is acknowledged; it cannot be set back to triggered");
    }
    if (status != null && !"resolved".equals(status) && inc.has("_merged_into")) {
      throw ApiError.of(400, 1019, "Incident Already Merged", "Incident " + J.text(inc, "id") + " was merged and cannot be re-opened");
    }
    String urgency = J.text(body, "urgency");
    if (body.has("urgency") && (urgency == null || !URGENCIES.contains(urgency))) {
      throw ApiError.invalid(where + ".urgency must be high or low");
    }
    String title = body.has("title") ? RestApi.requireText(body, "title", where, 1024) : null;
    boolean hasAssign = body.hasNonNull("assignments");
    boolean hasEp = body.hasNonNull("escalation_policy");
    if (hasAssign && hasEp) {
      throw ApiError.invalid(where + ": give either assignments or escalation_policy, not both");
    }
    List<String> assignees = new ArrayList<>();
    if (hasAssign) {
      JsonNode as = body.get("assignments");
      if (!as.isArray() || as.isEmpty()) {
        throw ApiError.invalid(where + ".assignments must be a non-empty array of {\"assignee\": user_reference}");
      }
      for (int i = 0; i < as.size(); i++) {
        assignees.add(J.text(RestApi.requireRef(f, as.get(i).get("assignee"), where + ".assignments[" + i + "].assignee", "users"), "id"));
      }
      if ("resolved".equals(current) && status == null) {
        throw ApiError.of(400, 1011, "Incident Cannot Be Reassigned", "Incident " + J.text(inc, "id") + " is resolved");
      }
    }
    ObjectNode ep = hasEp ? RestApi.requireRef(f, body.get("escalation_policy"), where + ".escalation_policy", "escalation_policies") : null;
    if (hasEp && "resolved".equals(current) && status == null) {
      throw ApiError.of(400, 1011, "Incident Cannot Be Reassigned", "Incident " + J.text(inc, "id") + " is resolved");
    }
    Integer level = null;
    if (body.has("escalation_level")) {
      JsonNode l = body.get("escalation_level");
      if (!l.canConvertToInt()) {
        throw ApiError.invalid(where + ".escalation_level must be an integer");
      }
      level = l.asInt();
      if ("resolved".equals(current) || "resolved".equals(status)) {
        throw ApiError.of(400, 1006, "Incident Cannot Be Escalated", "Incident " + J.text(inc, "id") + " is resolved");
      }
      ObjectNode curEp = ep != null ? ep : f.store.get("escalation_policies", J.refId(inc, "escalation_policy"));
      int rules = curEp == null ? 0 : curEp.path("escalation_rules").size();
      if (level < 1 || level > rules) {
        throw ApiError.of(400, 1006, "Incident Cannot Be Escalated", where + ".escalation_level must be between 1 and " + rules);
      }
    }
    ObjectNode service = body.hasNonNull("service") ? RestApi.requireRef(f, body.get("service"), where + ".service", "services") : null;
    JsonNode priority = body.has("priority") ? priorityRef(f, body.get("priority"), where + ".priority") : null;
    String resolution = J.text(body, "resolution");
    Integer lvl = level;
    return () -> {
      if (title != null) {
        inc.put("title", title);
        inc.put("description", title);
        inc.put("summary", "[#" + inc.path("incident_number").asInt() + "] " + title);
      }
      if (urgency != null && body.has("urgency")) {
        inc.put("urgency", urgency);
      }
      if (body.has("priority")) {
        inc.set("priority", priority);
      }
      if (body.has("conference_bridge")) {
        inc.set("conference_bridge", body.get("conference_bridge").deepCopy());
      }
      if (body.has("incident_type")) {
        inc.set("incident_type", body.get("incident_type").deepCopy());
      }
      if (service != null) {
        inc.set("service", f.store.ref(service));
        inc.put("_service_id", J.text(service, "id"));
      }
      if (status != null && !status.equals(current)) {
        if ("resolved".equals(current)) {
          f.engine.reopen(inc, agent);
        }
        if (status.equals("acknowledged") && !"acknowledged".equals(J.text(inc, "status"))) {
          f.engine.acknowledge(inc, agent, IncidentEngine.channelOf("api"));
        } else if (status.equals("resolved")) {
          f.engine.resolve(inc, agent, IncidentEngine.channelOf("api"), resolution);
        }
      } else if ("acknowledged".equals(status) && agent != null) {
        f.engine.acknowledge(inc, agent, IncidentEngine.channelOf("api")); // another acknowledger
      }
      if (!"resolved".equals(J.text(inc, "status"))) {
        if (ep != null) {
          f.engine.reassignPolicy(inc, ep, agent);
        } else if (!assignees.isEmpty()) {
          f.engine.reassignUsers(inc, assignees, agent);
        }
        if (lvl != null) {
          f.engine.escalateTo(inc, lvl, agent);
        }
      }
      f.engine.touch(inc);
    };
  }

  /** A priority reference (null clears it); 400 (code 1020) for an unknown priority. */
  private static JsonNode priorityRef(FakeServer f, JsonNode ref, String where) {
    if (ref == null || ref.isNull()) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    String id = J.text(ref, "id");
    ObjectNode p = f.store.get("priorities", id);
    if (p == null) {
      throw ApiError.of(400, 1020, "Invalid Priority", where + " must reference a priority from GET /priorities (got " + id + ")");
    }
    return f.store.ref(p);
  }

  private static Resp bulkUpdate(FakeServer f, Req req) {
    JsonNode items = req.json().get("incidents");
    if (items == null || !items.isArray()) {
      throw ApiError.invalid("body must be {\"incidents\": [{\"id\", \"type\": \"incident_reference\", ...}]}");
    }
    if (items.size() > 250) {
      throw ApiError.of(413, 2001, "Request Entity Too Large",
          "At most 250 incidents can be updated in one request (got " + items.size() + ")");
    }
    List<Runnable> applies = new ArrayList<>();
    List<ObjectNode> incs = new ArrayList<>();
    ObjectNode agent = agentRef(f, req);
    for (int i = 0; i < items.size(); i++) {
      JsonNode it = items.get(i);
      String where = "incidents[" + i + "]";
      if (!it.isObject()) {
        throw ApiError.invalid(where + " must be an object");
      }
      String id = J.text(it, "id");
      if (id == null) {
        throw ApiError.invalid(where + ".id is required");
      }
      ObjectNode inc = f.store.get("incidents", id);
      if (inc == null) {
        throw ApiError.invalid(where + ".id " + id + " is not an incident on this account");
      }
      applies.add(validateUpdate(f, inc, (ObjectNode) it, where, agent));
      incs.add(inc);
    }
    applies.forEach(Runnable::run);
    ArrayNode out = J.arr();
    incs.forEach(i -> out.add(f.store.view(i)));
    ObjectNode body = J.obj();
    body.set("incidents", out);
    body.put("limit", Math.max(25, out.size()));
    body.put("offset", 0);
    body.put("more", false);
    body.putNull("total");
    return Resp.ok(body);
  }

  private static Resp create(FakeServer f, Req req) {
    ObjectNode body = req.entity("incident");
    ObjectNode from = f.fromUser(req);
    String type = J.text(body, "type");
    if (type == null || !type.equals("incident")) {
      throw ApiError.invalid("incident.type is required and must be incident");
    }
    String title = RestApi.requireText(body, "title", "incident", 1024);
    ObjectNode service = RestApi.requireRef(f, body.get("service"), "incident.service", "services");
    boolean hasAssign = body.hasNonNull("assignments");
    boolean hasEp = body.hasNonNull("escalation_policy");
    if (hasAssign && hasEp) {
      throw ApiError.invalid("incident: give either assignments or escalation_policy, not both");
    }
    String urgency = J.text(body, "urgency");
    if (urgency != null && !URGENCIES.contains(urgency)) {
      throw ApiError.invalid("incident.urgency must be high or low");
    }
    String key = J.text(body, "incident_key");
    if (key != null) {
      for (ObjectNode other : f.store.c("incidents").values()) {
        if (key.equals(J.text(other, "incident_key")) && J.text(service, "id").equals(J.text(other, "_service_id"))
            && !"resolved".equals(J.text(other, "status"))) {
          throw ApiError.of(400, 2001, "Invalid Input Provided",
              "Open incident with key '" + key + "' already exists for this service (" + J.text(other, "id") + ")");
        }
      }
    }
    List<String> assignees = new ArrayList<>();
    if (hasAssign) {
      JsonNode as = body.get("assignments");
      if (!as.isArray() || as.isEmpty()) {
        throw ApiError.invalid("incident.assignments must be a non-empty array of {\"assignee\": user_reference}");
      }
      for (int i = 0; i < as.size(); i++) {
        assignees.add(J.text(RestApi.requireRef(f, as.get(i).get("assignee"), "incident.assignments[" + i + "].assignee", "users"), "id"));
      }
    }
    ObjectNode ep = hasEp ? RestApi.requireRef(f, body.get("escalation_policy"), "incident.escalation_policy", "escalation_policies") : null;
    if (urgency == null) {
      urgency = f.engine.urgencyFor(service, null);
    }
    ObjectNode inc = f.engine.newIncident(service, title, urgency, key);
    inc.put("_origin", "api");
    if (body.has("priority")) {
      inc.set("priority", priorityRef(f, body.get("priority"), "incident.priority"));
    }
    if (body.has("conference_bridge")) {
      inc.set("conference_bridge", body.get("conference_bridge").deepCopy());
    }
    ObjectNode ib = inc.putObject("body");
    ib.put("type", "incident_body");
    ib.put("details", J.text(body.path("body"), "details"));
    if (ep != null) {
      inc.set("escalation_policy", f.store.ref(ep));
      inc.set("teams", ep.path("teams").deepCopy());
    }
    ObjectNode agent = f.store.ref(from);
    ObjectNode le = f.engine.log(inc, "trigger_log_entry", "Triggered through the website by " + J.text(from, "name") + ".",
        agent, IncidentEngine.channelOf("web_trigger"));
    inc.set("first_trigger_log_entry", f.store.ref(le));
    inc.set("last_status_change_by", agent);
    if (!assignees.isEmpty()) {
      f.engine.reassignUsers(inc, assignees, agent);
      if (assignees.size() == 1 && assignees.get(0).equals(J.text(from, "id"))) {
        f.engine.acknowledge(inc, agent, IncidentEngine.channelOf("web_trigger"));
      }
    } else {
      f.engine.assignFromPolicy(inc, 1, agent, null);
    }
    f.engine.startTimeouts(inc, service);
    return Resp.created(RestApi.wrap("incident", f.store.view(inc)));
  }

  private static List<ObjectNode> list(FakeServer f, Req req) {
    List<String> statuses = req.qs("statuses");
    for (String s : statuses) {
      if (!STATUSES.contains(s)) {
        throw ApiError.invalid("statuses[] must be triggered, acknowledged or resolved (got '" + s + "')");
      }
    }
    List<String> urgencies = req.qs("urgencies");
    for (String u : urgencies) {
      if (!URGENCIES.contains(u)) {
        throw ApiError.invalid("urgencies[] must be high or low (got '" + u + "')");
      }
    }
    // The incident key picks one or two incidents out of all of them: filter by it first, in the
    // same pass that collects the incidents, so the other filters run on a handful.
    String key = req.q("incident_key");
    List<ObjectNode> incs;
    if (key != null) {
      incs = new ArrayList<>();
      for (ObjectNode i : f.store.c("incidents").values()) {
        if (key.equals(J.text(i, "incident_key"))) {
          incs.add(i);
        }
      }
    } else {
      incs = RestApi.all(f, "incidents");
    }
    if (!statuses.isEmpty()) {
      incs = RestApi.filter(incs, i -> statuses.contains(J.text(i, "status")));
    }
    Set<String> services = Set.copyOf(req.qs("service_ids"));
    if (!services.isEmpty()) {
      incs = RestApi.filter(incs, i -> services.contains(J.text(i, "_service_id")));
    }
    Set<String> teams = Set.copyOf(req.qs("team_ids"));
    if (!teams.isEmpty()) {
      incs = RestApi.filter(incs, i -> RestApi.refListContains(i.path("teams"), teams));
    }
    Set<String> users = Set.copyOf(req.qs("user_ids"));
    if (!users.isEmpty()) {
      incs = RestApi.filter(incs, i -> {
        for (JsonNode a : i.path("assignments")) {
          if (users.contains(J.refId(a, "assignee"))) {
            return true;
          }
        }
        return false;
      });
    }
    if (!urgencies.isEmpty()) {
      incs = RestApi.filter(incs, i -> urgencies.contains(J.text(i, "urgency")));
    }
    if (!"all".equals(req.q("date_range"))) {
      Instant now = f.now();
      Instant since = RestApi.time(req, "since");
      Instant until = RestApi.time(req, "until");
      Instant s = since != null ? since : now.minus(Duration.ofDays(30));
      Instant u = until != null ? until : now.plusSeconds(1);
      if (!u.isAfter(s)) {
        throw ApiError.of(400, 2004, "Invalid since or until", "until must be after since");
      }
      if (Duration.between(s, u).compareTo(Duration.ofDays(183)) > 0) {
        throw ApiError.of(400, 2004, "Invalid since or until", "The since/until window may span at most 6 months; use date_range=all to list everything");
      }
      incs = RestApi.filter(incs, i -> {
        Instant c = SimpleOnCall.time(J.text(i, "created_at"));
        return c != null && !c.isBefore(s.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) && c.isBefore(u);
      });
    }
    return sort(req, incs);
  }

  private static List<ObjectNode> sort(Req req, List<ObjectNode> incs) {
    String sortBy = req.q("sort_by");
    Comparator<ObjectNode> cmp = Comparator.comparingInt(i -> i.path("incident_number").asInt());
    if (sortBy != null && !sortBy.isBlank()) {
      String[] keys = sortBy.split(",");
      if (keys.length > 2) {
        throw ApiError.invalid("sort_by takes at most 2 fields (got " + keys.length + ")");
      }
      Comparator<ObjectNode> c = null;
      for (String k : keys) {
        String[] p = k.trim().split(":");
        Comparator<ObjectNode> one = switch (p[0]) {
          case "incident_number" -> Comparator.comparingInt(i -> i.path("incident_number").asInt());
          case "created_at" -> Comparator.comparing((ObjectNode i) -> Objects.requireNonNullElse(J.text(i, "created_at"), ""))
              .thenComparingInt(i -> i.path("incident_number").asInt());
          case "resolved_at" -> Comparator.comparing((ObjectNode i) -> Objects.requireNonNullElse(J.text(i, "resolved_at"), ""));
          case "urgency" -> Comparator.comparingInt((ObjectNode i) -> URGENCY_ORDER.getOrDefault(J.text(i, "urgency"), 0));
          default -> throw ApiError.invalid("sort_by field must be incident_number, created_at, resolved_at or urgency (got '" + p[0] + "')");
        };
        if (p.length > 1) {
          if (p[1].equalsIgnoreCase("desc")) {
            one = one.reversed();
          } else if (!p[1].equalsIgnoreCase("asc")) {
            throw ApiError.invalid("sort_by direction must be asc or desc (got '" + p[1] + "')");
          }
        }
        c = c == null ? one : c.thenComparing(one);
      }
      cmp = c;
    }
    List<ObjectNode> out = new ArrayList<>(incs);
    out.sort(cmp);
    return out;
  }

  private static List<ObjectNode> logEntries(FakeServer f, Req req, @Nullable String incidentId) {
    Instant since = RestApi.time(req, "since");
    Instant until = RestApi.time(req, "until");
    boolean overview = req.qBool("is_overview");
    Set<String> teams = Set.copyOf(req.qs("team_ids"));
    List<ObjectNode> out = RestApi.filter(RestApi.all(f, "log_entries"), le -> {
      if (incidentId != null && !incidentId.equals(J.text(le, "_incident_id"))) {
        return false;
      }
      Instant t = SimpleOnCall.time(J.text(le, "created_at"));
      if (t != null && (since != null && t.isBefore(since) || until != null && !t.isBefore(until))) {
        return false;
      }
      if (overview && Set.of("annotate_log_entry", "notify_log_entry").contains(J.text(le, "type"))) {
        return false;
      }
      return teams.isEmpty() || RestApi.refListContains(le.path("teams"), teams);
    });
    java.util.Collections.reverse(out); // newest first
    return out;
  }
}
