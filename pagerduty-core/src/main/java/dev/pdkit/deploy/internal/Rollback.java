package dev.pdkit.deploy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.PagerDuty;
import dev.pdkit.deploy.Change;
import dev.pdkit.deploy.FieldChange;
import dev.pdkit.deploy.ResourceKind;
import dev.pdkit.deploy.RollbackReport;
import dev.pdkit.deploy.RollbackReport.Method;
import dev.pdkit.deploy.RollbackReport.Outcome;
import dev.pdkit.deploy.RollbackReport.Undo;
import dev.pdkit.errors.ApiException;
import dev.pdkit.errors.NotFoundException;
import dev.pdkit.internal.json.Json;
import dev.pdkit.model.Integration;
import dev.pdkit.model.Service;
import dev.pdkit.model.TeamMember;
import dev.pdkit.model.TeamRole;
import dev.pdkit.spi.AuditSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Undoes the steps of a failed apply, newest first: a created resource is deleted, an updated one is
 * written back to the snapshot taken before the first write, a deleted one is created again from its
 * snapshot and every later undo that refers to it is remapped to the new id. Stops at the first
 * failing undo and reports what is left. Snapshots are raw JSON (not the SDK models) so that fields
 * the models do not know survive the round trip, and restore bodies send explicit nulls so that a
 * field the deploy set is cleared again.
 */
final class Rollback {

  /** The live resources a plan updates or deletes, as raw JSON, read before the first write. */
  static final class Snapshot {
    private final Map<Integer, ObjectNode> json = new ConcurrentHashMap<>();
    private final Map<Integer, List<TeamMember>> members = new ConcurrentHashMap<>();

    /** Reads the snapshot of one step (called for every update and delete, possibly in parallel). */
    void take(PagerDuty pd, Step s, LiveState live, Engine.Resolver r) {
      Change c = s.change;
      if (c.action() == Change.Action.CREATE) {
        return;
      }
      String id = Objects.requireNonNull(c.id(), "id");
      ObjectNode node = switch (c.kind()) {
        case USER -> get(pd, "/users/" + id, "user", Map.of());
        case TEAM -> get(pd, "/teams/" + id, "team", Map.of());
        case SCHEDULE -> get(pd, "/schedules/" + id, "schedule", Map.of());
        case ESCALATION_POLICY -> get(pd, "/escalation_policies/" + id, "escalation_policy", Map.of());
        case SERVICE -> get(pd, "/services/" + id, "service", Map.of("include[]", List.of("integrations")));
        case INTEGRATION -> get(pd, "/services/" + r.serviceId(serviceKey(c)) + "/integrations/" + id,
            "integration", Map.of());
      };
      json.put(s.number, node);
      if (c.kind() == ResourceKind.TEAM) {
        members.put(s.number, List.copyOf(live.members(c.key())));
      }
    }

    private static ObjectNode get(PagerDuty pd, String path, String entity, Map<String, ?> query) {
      JsonNode n = pd.raw().request("GET", path, query, null).path(entity);
      if (!n.isObject()) {
        throw new IllegalStateException("GET " + path + " returned no " + entity);
      }
      return (ObjectNode) n;
    }
  }

  private final PagerDuty pd;
  private final AuditSink audit;
  private final String actor;
  private final Clock clock;
  private final String environment;
  private final Snapshot snapshot;
  private final Engine.Resolver resolver;
  /** Old id of a deleted-then-recreated resource to its new id. */
  private final Map<String, String> remap = new HashMap<>();
  private final List<String> notes = new ArrayList<>();

  Rollback(PagerDuty pd, AuditSink audit, String actor, Clock clock, String environment, Snapshot snapshot,
      Engine.Resolver resolver) {
    this.pd = pd;
    this.audit = audit;
    this.actor = actor;
    this.clock = clock;
    this.environment = environment;
    this.snapshot = snapshot;
    this.resolver = resolver;
  }

  /** Undoes {@code steps} (those that started, in plan order) newest first. */
  RollbackReport run(List<Step> steps) {
    List<Undo> undos = new ArrayList<>();
    List<String> manual = new ArrayList<>();
    boolean failed = false;
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      Method method = switch (s.change.action()) {
        case CREATE -> Method.DELETE_CREATED;
        case UPDATE -> Method.RESTORE_UPDATED;
        case DELETE -> Method.RECREATE_DELETED;
      };
      if (failed) {
        Undo u = new Undo(s.number, s.change, method, Outcome.NOT_ATTEMPTED, s.id, null, "");
        undos.add(u);
        manual.add(manualStep(u));
        continue;
      }
      try {
        undos.add(undo(s, method));
      } catch (RuntimeException e) {
        failed = true;
        Undo u = new Undo(s.number, s.change, method, Outcome.FAILED, s.id, null, message(e));
        undos.add(u);
        manual.add(manualStep(u));
      }
    }
    return new RollbackReport(undos, !failed, manual, notes);
  }

  private Undo undo(Step s, Method method) {
    Change c = s.change;
    // the failing step itself: a write PagerDuty refused (4xx) did not happen; after a 5xx or a lost
    // connection the outcome is unknown, and the undo below checks
    boolean refused = !s.done && s.writes.get() == 0 && s.error instanceof ApiException api && api.status() < 500;
    if (refused) {
      return new Undo(s.number, c, method, Outcome.NOTHING_TO_UNDO, s.id, null, "the write was refused");
    }
    return switch (method) {
      case DELETE_CREATED -> deleteCreated(s);
      case RESTORE_UPDATED -> restore(s);
      case RECREATE_DELETED -> recreate(s);
    };
  }

  // ---------------------------------------------------------------- delete created

  private Undo deleteCreated(Step s) {
    Change c = s.change;
    String id = s.id;
    if (id == null) {
      // the create failed without an answer (connection lost): it may or may not exist
      id = findCreated(c);
      if (id == null) {
        return new Undo(s.number, c, Method.DELETE_CREATED, Outcome.NOTHING_TO_UNDO, null, null,
            "the create did not take effect (not found)");
      }
    }
    String detail = "deleted";
    try {
      pd.raw().request("DELETE", path(c, id), Map.of(), null);
    } catch (NotFoundException e) {
      detail = "already gone";
    }
    record("rollback-delete", c, id, values(c, false), Map.of());
    return new Undo(s.number, c, Method.DELETE_CREATED, Outcome.UNDONE, id, null, detail);
  }

  private @Nullable String findCreated(Change c) {
    LiveState now = LiveState.read(pd, environment);
    if (c.kind() == ResourceKind.INTEGRATION) {
      Service svc = now.services.get(serviceKey(c));
      // a create's key ends in the config key; the live integration carries the configured name
      String name = c.fields().stream().filter(f -> f.field().equals("name")).map(FieldChange::after)
          .filter(Objects::nonNull).findFirst().orElse(c.key().substring(c.key().indexOf('/') + 1));
      if (svc == null) {
        return null;
      }
      for (Integration i : svc.integrations()) {
        if (name.equals(i.name())) {
          return i.id();
        }
      }
      return null;
    }
    return now.id(c.kind(), c.kind() == ResourceKind.USER ? c.key().toLowerCase(Locale.ROOT) : c.key());
  }

  // ---------------------------------------------------------------- restore updated

  private Undo restore(Step s) {
    Change c = s.change;
    String id = Objects.requireNonNull(c.id());
    ObjectNode snap = snapshotOf(s);
    String entity = entity(c.kind());
    ObjectNode wrapper = Json.object();
    wrapper.set(entity, body(c.kind(), snap, true));
    pd.raw().request("PUT", path(c, id), Map.of(), wrapper);
    if (c.kind() == ResourceKind.TEAM) {
      syncMembers(id, Objects.requireNonNull(snapshot.members.get(s.number)));
    }
    record("rollback-update", c, id, values(c, false), values(c, true));
    return new Undo(s.number, c, Method.RESTORE_UPDATED, Outcome.UNDONE, id, null, "restored");
  }

  private void syncMembers(String teamId, List<TeamMember> want) {
    Map<String, TeamRole> have = new HashMap<>();
    for (TeamMember m : pd.teams().members(teamId).toList()) {
      have.put(m.user().id(), m.role() == null ? TeamRole.UNKNOWN : m.role());
    }
    Map<String, TeamRole> target = new LinkedHashMap<>();
    for (TeamMember m : want) {
      String uid = remap.getOrDefault(m.user().id(), m.user().id());
      target.put(uid, m.role() == null || m.role() == TeamRole.UNKNOWN ? TeamRole.RESPONDER : m.role());
    }
    for (Map.Entry<String, TeamRole> e : target.entrySet()) {
      if (have.get(e.getKey()) != e.getValue()) {
        pd.teams().addUser(teamId, e.getKey(), e.getValue());
      }
    }
    for (String uid : have.keySet()) {
      if (!target.containsKey(uid)) {
        pd.teams().removeUser(teamId, uid);
      }
    }
  }

  // ---------------------------------------------------------------- recreate deleted

  private Undo recreate(Step s) {
    Change c = s.change;
    String oldId = Objects.requireNonNull(c.id());
    if (!s.done && !gone(c, oldId)) {
      // the failed delete's answer was lost, but the resource is still there
      return new Undo(s.number, c, Method.RECREATE_DELETED, Outcome.NOTHING_TO_UNDO, oldId, null,
          "still exists: the delete did not take effect");
    }
    ObjectNode snap = snapshotOf(s);
    ObjectNode body = body(c.kind(), snap, false);
    String status = null;
    if (c.kind() == ResourceKind.SERVICE && body.has("status")) {
      status = body.get("status").asText(); // a service can only be created active
      body.remove("status");
    }
    String entity = entity(c.kind());
    ObjectNode wrapper = Json.object();
    wrapper.set(entity, body);
    String collection = c.kind() == ResourceKind.INTEGRATION
        ? "/services/" + currentServiceId(c) + "/integrations" : "/" + collection(c.kind());
    JsonNode created = pd.raw().request("POST", collection, Map.of(), wrapper).path(entity);
    String newId = Objects.requireNonNull(created.path("id").textValue(), "created id");
    remap.put(oldId, newId);
    record("rollback-create", c, newId, Map.of(), values(c, false));
    if (c.kind() == ResourceKind.TEAM) {
      syncMembers(newId, Objects.requireNonNull(snapshot.members.get(s.number)));
    }
    if (status != null && !"active".equals(status)) {
      ObjectNode st = Json.object();
      st.putObject("service").put("type", "service").put("status", status);
      pd.raw().request("PUT", "/services/" + newId, Map.of(), st);
    }
    if (c.kind() == ResourceKind.SERVICE) {
      for (JsonNode i : snap.path("integrations")) {
        if (!i.isObject()) {
          continue;
        }
        ObjectNode iw = Json.object();
        iw.set("integration", body(ResourceKind.INTEGRATION, (ObjectNode) i, false));
        JsonNode ni = pd.raw().request("POST", "/services/" + newId + "/integrations", Map.of(), iw)
            .path("integration");
        if (ni.hasNonNull("id") && i.hasNonNull("id")) {
          remap.put(i.get("id").asText(), ni.get("id").asText());
        }
        if (ni.hasNonNull("integration_key")) {
          notes.add("integration '" + i.path("name").asText() + "' of service " + c.key()
              + " was recreated with a new integration key: update whatever sends events with the old one");
        }
      }
    }
    if (c.kind() == ResourceKind.INTEGRATION && created.hasNonNull("integration_key")) {
      notes.add("integration " + c.key() + " was recreated with a new integration key: update whatever sends"
          + " events with the old one");
    }
    if (c.kind() == ResourceKind.SCHEDULE) {
      notes.add("schedule " + c.key() + " was recreated: overrides it had are not restored");
    }
    notes.add(c.kind().wire() + " " + c.key() + " was recreated with a new id " + newId + " (was " + oldId + ")");
    return new Undo(s.number, c, Method.RECREATE_DELETED, Outcome.UNDONE, oldId, newId, "recreated");
  }

  private boolean gone(Change c, String id) {
    try {
      pd.raw().request("GET", path(c, id), Map.of(), null);
      return false;
    } catch (NotFoundException e) {
      return true;
    }
  }

  // ---------------------------------------------------------------- bodies

  /**
   * The writable fields of a snapshot, references remapped. {@code update} keeps the ids of layers
   * and rules (so PagerDuty updates them in place); a create drops them.
   */
  private ObjectNode body(ResourceKind kind, ObjectNode snap, boolean update) {
    ObjectNode b = Json.object();
    switch (kind) {
      case USER -> {
        b.put("type", "user");
        copy(snap, b, "name", "email", "time_zone", "color", "role");
        unsetIfAbsent(snap, b, update, "description", "job_title");
      }
      case TEAM -> {
        b.put("type", "team");
        copy(snap, b, "name", "default_role");
        unsetIfAbsent(snap, b, update, "description");
        if (snap.has("parent")) {
          b.set("parent", ref(snap.get("parent")));
        } else if (update) {
          b.putNull("parent");
        }
      }
      case SCHEDULE -> {
        b.put("type", "schedule");
        copy(snap, b, "name", "time_zone");
        unsetIfAbsent(snap, b, update, "description");
        b.set("teams", refs(snap.path("teams")));
        ArrayNode layers = b.putArray("schedule_layers");
        for (JsonNode l : snap.path("schedule_layers")) {
          ObjectNode o = layers.addObject();
          if (update) {
            copy(l, o, "id");
          }
          copy(l, o, "name", "start", "end", "rotation_virtual_start", "rotation_turn_length_seconds", "restrictions");
          ArrayNode users = o.putArray("users");
          for (JsonNode u : l.path("users")) {
            users.addObject().set("user", ref(u.path("user")));
          }
        }
      }
      case ESCALATION_POLICY -> {
        b.put("type", "escalation_policy");
        copy(snap, b, "name", "num_loops", "on_call_handoff_notifications");
        unsetIfAbsent(snap, b, update, "description");
        b.set("teams", refs(snap.path("teams")));
        ArrayNode rules = b.putArray("escalation_rules");
        for (JsonNode rule : snap.path("escalation_rules")) {
          ObjectNode o = rules.addObject();
          if (update) {
            copy(rule, o, "id");
          }
          copy(rule, o, "escalation_delay_in_minutes");
          if (rule.hasNonNull("escalation_rule_assignment_strategy")) {
            copy(rule, o, "escalation_rule_assignment_strategy");
          }
          o.set("targets", refs(rule.path("targets")));
        }
      }
      case SERVICE -> {
        b.put("type", "service");
        copy(snap, b, "name", "status", "incident_urgency_rule", "scheduled_actions", "alert_creation",
            "alert_grouping_parameters", "auto_pause_notifications_parameters");
        unsetIfAbsent(snap, b, update, "description", "auto_resolve_timeout", "acknowledgement_timeout",
            "support_hours");
        if (snap.hasNonNull("escalation_policy")) {
          b.set("escalation_policy", ref(snap.get("escalation_policy")));
        }
      }
      case INTEGRATION -> {
        b.put("type", snap.path("type").asText().replaceFirst("_reference$", ""));
        copy(snap, b, "name");
        if (snap.hasNonNull("vendor")) {
          b.set("vendor", ref(snap.get("vendor")));
        }
        if (snap.hasNonNull("integration_email")) {
          copy(snap, b, "integration_email");
        }
      }
    }
    return b;
  }

  /**
   * Copies nullable fields; PagerDuty leaves an unset one out of its answer, so on an update an
   * absent field is sent as an explicit null, clearing what the deploy set.
   */
  private static void unsetIfAbsent(JsonNode from, ObjectNode to, boolean update, String... fields) {
    for (String f : fields) {
      if (from.has(f)) {
        to.set(f, from.get(f).deepCopy());
      } else if (update) {
        to.putNull(f);
      }
    }
  }

  private static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String f : fields) {
      if (from.has(f)) {
        to.set(f, from.get(f).deepCopy());
      }
    }
  }

  private JsonNode ref(JsonNode r) {
    if (r == null || !r.isObject() || !r.hasNonNull("id")) {
      return Json.mapper().nullNode();
    }
    ObjectNode o = Json.object();
    String id = r.get("id").asText();
    o.put("id", remap.getOrDefault(id, id));
    String type = r.path("type").asText("");
    o.put("type", type.isEmpty() || type.endsWith("_reference") ? type : type + "_reference");
    return o;
  }

  private ArrayNode refs(JsonNode arr) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (JsonNode r : arr) {
      out.add(ref(r));
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private ObjectNode snapshotOf(Step s) {
    ObjectNode n = snapshot.json.get(s.number);
    if (n == null) {
      throw new IllegalStateException("no snapshot of step " + s.number + " (" + s.describe() + ")");
    }
    return n;
  }

  private String currentServiceId(Change c) {
    String sid = resolver.serviceId(serviceKey(c));
    return remap.getOrDefault(sid, sid);
  }

  private String path(Change c, String id) {
    if (c.kind() == ResourceKind.INTEGRATION) {
      return "/services/" + currentServiceId(c) + "/integrations/" + id;
    }
    return "/" + collection(c.kind()) + "/" + id;
  }

  static String serviceKey(Change c) {
    return c.key().substring(0, c.key().indexOf('/'));
  }

  private static String collection(ResourceKind kind) {
    return switch (kind) {
      case USER -> "users";
      case TEAM -> "teams";
      case SCHEDULE -> "schedules";
      case ESCALATION_POLICY -> "escalation_policies";
      case SERVICE -> "services";
      case INTEGRATION -> "integrations";
    };
  }

  private static String entity(ResourceKind kind) {
    return kind == ResourceKind.INTEGRATION ? "integration" : kind.wire();
  }

  /** The normalised field values of a change: before ({@code before=true}) or after. */
  private static Map<String, @Nullable String> values(Change c, boolean before) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    Function<FieldChange, @Nullable String> f = before ? FieldChange::before : FieldChange::after;
    for (FieldChange fc : c.fields()) {
      m.put(fc.field(), f.apply(fc));
    }
    return m;
  }

  private void record(String action, Change c, @Nullable String id, Map<String, @Nullable String> before,
      Map<String, @Nullable String> after) {
    try {
      audit.record(new AuditSink.Entry(clock.instant(), actor, environment, action, c.kind().wire(), c.key(), id,
          before, after));
    } catch (RuntimeException e) {
      // the undo happened; losing its audit line must not stop the rollback half-way
      notes.add("the audit sink refused the entry for " + action + " of " + c.kind().wire() + " " + c.key() + ": "
          + message(e));
    }
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private String manualStep(Undo u) {
    Change c = u.change();
    String what = c.kind().wire() + " " + c.key();
    return switch (u.method()) {
      case DELETE_CREATED -> u.id() != null
          ? "delete " + what + " (id " + u.id() + "), created by the failed deploy"
          : "look for " + what + (c.kind() == ResourceKind.USER ? "" : " (description ends with "
              + Markers.marker(environment, c.key()) + ")") + " and delete it if it exists";
      case RESTORE_UPDATED -> "set " + what + " (id " + u.id() + ") back to: " + fields(c, true);
      case RECREATE_DELETED -> "recreate " + what + " (was id " + u.id() + ") with " + fields(c, true)
          + ", then point the resources that referred to it at the new id";
    };
  }

  private static String fields(Change c, boolean before) {
    List<String> parts = new ArrayList<>();
    for (FieldChange f : c.fields()) {
      String v = before ? f.before() : f.after();
      parts.add(f.field() + "=" + (v == null ? "(none)" : '"' + v + '"'));
    }
    return parts.isEmpty() ? "(no field changes recorded)" : String.join(", ", parts);
  }
}
