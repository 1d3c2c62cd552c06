package dev.pdkit.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.PagerDuty;
import dev.pdkit.backup.BackupKind;
import dev.pdkit.backup.BackupRecord;
import dev.pdkit.backup.RestoreChange;
import dev.pdkit.backup.RestoreException;
import dev.pdkit.backup.RestoreOptions;
import dev.pdkit.backup.RestorePlan;
import dev.pdkit.backup.RestoreResult;
import dev.pdkit.deploy.FieldChange;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.internal.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Plans and applies a restore of archive records into the account of a client.
 *
 * <p>Planning reads the whole target account (with {@link Capture}), maps every archive record to a
 * target resource (by id when the target is the archive's account, then by natural key: e-mail,
 * name, owner), and compares the writable fields with references mapped. Applying executes the
 * creates and updates in kind order, mapping references to the ids the target has or has just
 * given, and undoes everything in reverse order when a write fails.
 */
public final class RestoreEngine {
  private final PagerDuty pd;
  private final Duration overrideWindow;
  private final int concurrency;
  private final Clock clock;

  public RestoreEngine(PagerDuty pd, Duration overrideWindow, int concurrency, Clock clock) {
    this.pd = pd;
    this.overrideWindow = overrideWindow;
    this.concurrency = concurrency;
    this.clock = clock;
  }

  // ================================================================== loading

  /** Records by kind and id, in archive order (teams parents first). */
  static final class Records {
    final Map<BackupKind, LinkedHashMap<String, JsonNode>> byKind = new EnumMap<>(BackupKind.class);
    @Nullable String account;

    Records() {
      for (BackupKind k : BackupKind.values()) {
        byKind.put(k, new LinkedHashMap<>());
      }
    }

    void add(BackupRecord r) {
      JsonNode n;
      try {
        n = Json.mapper().readTree(r.json());
      } catch (IOException e) {
        throw new RestoreException("archive record " + r.kind().wire() + " " + r.id() + " is not JSON: "
            + oneLine(e.getMessage()) + "; the archive is damaged, verify it with pdkit backup verify");
      }
      if (!n.isObject()) {
        throw new RestoreException("archive record " + r.kind().wire() + " " + r.id() + " is not a JSON object;"
            + " the archive is damaged, verify it with pdkit backup verify");
      }
      if (account == null && r.kind() == BackupKind.USER) {
        account = Capture.accountOf(n);
      }
      byKind.get(r.kind()).put(r.id(), n);
    }

    JsonNode get(BackupKind k, String id) {
      return Objects.requireNonNull(byKind.get(k).get(id));
    }

    /** Reorders teams so that a parent comes before its children (creates need the parent). */
    void sortTeams() {
      LinkedHashMap<String, JsonNode> teams = byKind.get(BackupKind.TEAM);
      LinkedHashMap<String, JsonNode> sorted = new LinkedHashMap<>();
      Set<String> visiting = new HashSet<>();
      for (String id : new ArrayList<>(teams.keySet())) {
        placeTeam(id, teams, sorted, visiting);
      }
      teams.clear();
      teams.putAll(sorted);
    }

    private static void placeTeam(String id, Map<String, JsonNode> teams, LinkedHashMap<String, JsonNode> sorted,
        Set<String> visiting) {
      if (sorted.containsKey(id) || !visiting.add(id)) {
        return;
      }
      String parent = Views.text(teams.get(id).path("parent"), "id");
      if (parent != null && teams.containsKey(parent)) {
        placeTeam(parent, teams, sorted, visiting);
      }
      sorted.put(id, teams.get(id));
    }
  }

  static Records load(Iterable<BackupRecord> records) {
    Records out = new Records();
    for (BackupRecord r : records) {
      out.add(r);
    }
    out.sortTeams();
    return out;
  }

  /** The target account, indexed by id and by natural key. */
  final class Target {
    final Records records = new Records();
    final Map<BackupKind, Map<String, String>> byKey = new EnumMap<>(BackupKind.class);

    Target(Instant now) {
      Capture c = new Capture(pd, overrideWindow, concurrency, now);
      c.run(records::add);
      records.account = c.account();
      for (BackupKind k : BackupKind.values()) {
        Map<String, String> keys = new HashMap<>();
        records.byKind.get(k).forEach((id, n) -> keys.putIfAbsent(Views.naturalKey(k, id, n, (x, y) -> y, now), id));
        byKey.put(k, keys);
      }
    }
  }

  // ================================================================== planning

  /** A plan with the state it was made from, so that apply executes exactly what was planned. */
  final class Planned {
    final Records src;
    final Target tgt;
    final Instant now;
    final boolean same;
    /** source id → target id, per kind, for matched records (and, while applying, created ones). */
    final Map<BackupKind, Map<String, String>> ids = new EnumMap<>(BackupKind.class);
    final Map<BackupKind, Map<String, String>> names = new EnumMap<>(BackupKind.class);
    final List<RestoreChange> changes = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final Map<String, JsonNode> sourceOf = new HashMap<>();

    Planned(Records src, Target tgt, Instant now, RestoreOptions o) {
      this.src = src;
      this.tgt = tgt;
      this.now = now;
      this.same = o.sameAccount() != null ? o.sameAccount()
          : src.account != null && src.account.equals(tgt.records.account);
      for (BackupKind k : BackupKind.values()) {
        ids.put(k, new HashMap<>());
        names.put(k, new HashMap<>());
      }
      match();
      Map<BackupKind, Map<String, Boolean>> scope = scope(o);
      decide(scope, o);
    }

    /** Maps every archive record that exists in the target, kind by kind (keys use mapped references). */
    private void match() {
      for (BackupKind k : BackupKind.values()) {
        Set<String> claimed = new HashSet<>();
        Map<String, JsonNode> targetById = tgt.records.byKind.get(k);
        src.byKind.get(k).forEach((id, n) -> {
          String display = Views.displayName(k, id, n);
          if (k == BackupKind.TEAM_MEMBERSHIP || k == BackupKind.SCHEDULE_OVERRIDE) {
            BackupKind owner = k == BackupKind.TEAM_MEMBERSHIP ? BackupKind.TEAM : BackupKind.SCHEDULE;
            String parent = Views.parent(id);
            display = names.get(owner).getOrDefault(parent, parent) + display.substring(parent.length());
          }
          names.get(k).put(id, display);
          String t = null;
          if (same && targetById.containsKey(id) && k != BackupKind.SCHEDULE_OVERRIDE) {
            t = id;
          } else {
            t = tgt.byKey.get(k).get(Views.naturalKey(k, id, n, this::planRef, now));
          }
          if (t != null && claimed.add(t)) {
            ids.get(k).put(id, t);
          }
        });
      }
    }

    /** A reference as the plan shows it: the target id, or {@code new:<name>} for one to be created. */
    String planRef(BackupKind k, String sourceId) {
      String t = ids.get(k).get(sourceId);
      if (t != null) {
        return t;
      }
      if (src.byKind.get(k).containsKey(sourceId)) {
        return "new:" + names.get(k).getOrDefault(sourceId, sourceId);
      }
      // not in the archive: the same id in the target is the same resource only in the same account
      return same && tgt.records.byKind.get(k).containsKey(sourceId) ? sourceId : "missing:" + sourceId;
    }

    /** Records in scope; the value says whether a record is only a dependency of a selected one. */
    private Map<BackupKind, Map<String, Boolean>> scope(RestoreOptions o) {
      Map<BackupKind, Map<String, Boolean>> in = new EnumMap<>(BackupKind.class);
      for (BackupKind k : BackupKind.values()) {
        in.put(k, new LinkedHashMap<>());
      }
      if (o.only().isEmpty()) {
        src.byKind.forEach((k, m) -> m.keySet().forEach(id -> in.get(k).put(id, false)));
        return in;
      }
      Deque<Map.Entry<BackupKind, String>> todo = new ArrayDeque<>();
      for (RestoreOptions.Selector s : o.only()) {
        List<String> found = select(s);
        if (found.isEmpty()) {
          problems.add("--only " + s + " matches nothing in the archive (use the name, e-mail for users, or the id"
              + " the resource had when backed up)");
        }
        for (String id : found) {
          in.get(s.kind()).put(id, false);
          todo.add(Map.entry(s.kind(), id));
          // children come with their owner
          BackupKind child = switch (s.kind()) {
            case SERVICE -> BackupKind.INTEGRATION;
            case SCHEDULE -> BackupKind.SCHEDULE_OVERRIDE;
            case TEAM -> BackupKind.TEAM_MEMBERSHIP;
            default -> null;
          };
          if (child != null) {
            for (String cid : src.byKind.get(child).keySet()) {
              if (Views.parent(cid).equals(id)) {
                in.get(child).put(cid, false);
                todo.add(Map.entry(child, cid));
              }
            }
          }
        }
      }
      Set<String> seen = new HashSet<>();
      while (!todo.isEmpty()) {
        Map.Entry<BackupKind, String> e = todo.poll();
        if (!seen.add(e.getKey() + ":" + e.getValue())) {
          continue;
        }
        JsonNode n = src.get(e.getKey(), e.getValue());
        for (Map.Entry<BackupKind, String> dep : Views.references(e.getKey(), e.getValue(), n)) {
          BackupKind dk = dep.getKey();
          String did = dep.getValue();
          if (in.get(dk).containsKey(did) || ids.get(dk).containsKey(did)) {
            continue; // selected already, or exists in the target: referenced as it is
          }
          if (!src.byKind.get(dk).containsKey(did)) {
            continue; // reported when its reference is resolved
          }
          String what = e.getKey().wire() + " " + names.get(e.getKey()).get(e.getValue()) + " needs "
              + dk.wire() + " " + names.get(dk).get(did) + ", which is missing in the target";
          if (!o.pullDependencies()) {
            problems.add(what + "; select it too (--only " + dk.wire() + ":" + names.get(dk).get(did)
                + ") or allow dependencies to be restored");
            continue;
          }
          in.get(dk).put(did, true);
          todo.add(Map.entry(dk, did));
        }
      }
      return in;
    }

    private List<String> select(RestoreOptions.Selector s) {
      List<String> out = new ArrayList<>();
      String want = s.nameOrId();
      src.byKind.get(s.kind()).forEach((id, n) -> {
        String name = names.get(s.kind()).get(id);
        if (id.equals(want) || name.equalsIgnoreCase(want)
            || s.kind() == BackupKind.USER && want.equalsIgnoreCase(Views.text(n, "name"))
            || s.kind() == BackupKind.MAINTENANCE_WINDOW && want.equals(Views.text(n, "description"))) {
          out.add(id);
        }
      });
      return out;
    }

    private void decide(Map<BackupKind, Map<String, Boolean>> scope, RestoreOptions o) {
      List<String> missingUsers = new ArrayList<>();
      for (BackupKind k : BackupKind.values()) {
        Map<String, Boolean> inScope = scope.get(k);
        for (String id : src.byKind.get(k).keySet()) { // archive order: parent teams first
          Boolean dep = inScope.get(id);
          if (dep == null) {
            continue;
          }
          boolean dependency = dep;
          JsonNode n = src.get(k, id);
          String name = names.get(k).get(id);
          sourceOf.put(k + ":" + id, n);
          for (Map.Entry<BackupKind, String> ref : Views.references(k, id, n)) {
            if (planRef(ref.getKey(), ref.getValue()).startsWith("missing:")) {
              problems.add(k.wire() + " " + name + " refers to " + ref.getKey().wire() + " " + ref.getValue()
                  + ", which is neither in the archive nor in the target");
            }
          }
          String ended = ended(k, n);
          String t = ids.get(k).get(id);
          if (ended != null && t == null) {
            changes.add(new RestoreChange(RestoreChange.Action.SKIP, k, name, id, null, List.of(), dependency, ended));
            continue;
          }
          Map<String, @Nullable String> want = Views.view(k, id, n, this::planRef, now);
          if (t == null) {
            List<FieldChange> fields = new ArrayList<>();
            want.forEach((f, v) -> {
              if (v != null) {
                fields.add(new FieldChange(f, null, v));
              }
            });
            String note = null;
            if (k == BackupKind.USER && !o.createMissingUsers()) {
              missingUsers.add(name + (Views.text(n, "name") == null ? "" : " (" + Views.text(n, "name") + ")"));
              note = "missing in the target";
            } else if (k == BackupKind.INTEGRATION && n.hasNonNull("integration_key")) {
              note = "recreated with a new routing key: point the senders that used it at the new one";
            }
            changes.add(new RestoreChange(RestoreChange.Action.CREATE, k, name, id, null, fields, dependency, note));
            continue;
          }
          if (dependency) {
            changes.add(new RestoreChange(RestoreChange.Action.UNCHANGED, k, name, id, t, List.of(), true, null));
            continue;
          }
          JsonNode live = tgt.records.get(k, t);
          Map<String, @Nullable String> have = Views.view(k, t, live, (x, y) -> y, now);
          if (k == BackupKind.USER && ("owner".equals(have.get("role")) || "owner".equals(want.get("role")))) {
            have.remove("role"); // the owner's role cannot be given or taken through the API
            want.remove("role");
          }
          List<FieldChange> diff = new ArrayList<>();
          Set<String> fields = new LinkedHashSet<>(want.keySet());
          fields.addAll(have.keySet());
          for (String f : fields) {
            if (!Objects.equals(have.get(f), want.get(f))) {
              diff.add(new FieldChange(f, have.get(f), want.get(f)));
            }
          }
          changes.add(new RestoreChange(diff.isEmpty() ? RestoreChange.Action.UNCHANGED : RestoreChange.Action.UPDATE,
              k, name, id, t, diff, false, null));
        }
      }
      if (!missingUsers.isEmpty()) {
        problems.add(0, missingUsers.size() + " user(s) missing in the target: " + String.join(", ", missingUsers)
            + "; create them first, or allow the restore to create them (--create-users)");
      }
    }

    private @Nullable String ended(BackupKind k, JsonNode n) {
      String end = switch (k) {
        case SCHEDULE_OVERRIDE -> Views.ts(Views.text(n, "end"));
        case MAINTENANCE_WINDOW -> Views.ts(Views.text(n, "end_time"));
        default -> null;
      };
      if (end != null && !Instant.parse(end).isAfter(now)) {
        return "ended at " + end + ", after the backup; an ended " + k.wire().replace('_', ' ')
            + " cannot be recreated";
      }
      return null;
    }

    RestorePlan plan() {
      return new RestorePlan(changes, problems, same, src.account, tgt.records.account);
    }
  }

  public RestorePlan plan(Iterable<BackupRecord> records, RestoreOptions o) {
    return planned(load(records), o).plan();
  }

  private Planned planned(Records src, RestoreOptions o) {
    Instant now = clock.instant();
    return new Planned(src, new Target(now), now, o);
  }

  // ================================================================== applying

  /** One write that was made, and how to take it back. */
  private record Undo(String what, String method, String path, @Nullable Object body) {}

  public RestoreResult apply(Iterable<BackupRecord> records, RestoreOptions o) {
    Records src = load(records);
    Planned p = planned(src, o);
    RestorePlan plan = p.plan();
    if (!plan.problems().isEmpty()) {
      throw new RestoreException("restore refused, nothing was changed: " + String.join("; ", plan.problems()));
    }
    List<RestoreChange> pending = plan.pending();
    List<RestoreChange> applied = new ArrayList<>();
    Deque<Undo> undo = new ArrayDeque<>();
    List<String> notes = new ArrayList<>();
    int step = 0;
    for (RestoreChange c : pending) {
      step++;
      try {
        execute(p, c, undo, notes);
        applied.add(c);
      } catch (PagerDutyException | IllegalStateException e) {
        List<String> failures = rollback(undo);
        int undone = undo.size() - failures.size();
        String rolled = failures.isEmpty() ? "all " + undo.size() + " earlier writes were undone, the target is as"
            + " it was" : "rollback incomplete, could not undo: " + String.join("; ", failures);
        throw new RestoreException("restore failed at step " + step + " of " + pending.size() + " ("
            + c.action().name().toLowerCase(Locale.ROOT) + " " + c.kind().wire() + " " + c.name() + "): "
            + oneLine(e.getMessage()) + "; " + rolled, e, undone, failures);
      }
    }
    Map<String, String> idMap = new LinkedHashMap<>();
    p.ids.forEach((k, m) -> m.forEach((s, t) -> idMap.put(k.wire() + ":" + s, t)));
    RestorePlan verification = o.verify() ? planned(src, o).plan() : plan;
    dev.pdkit.health.HealthReport health = o.healthCheck()
        ? dev.pdkit.health.HealthCheck.builder().client(pd).clock(clock).full(true).build().run() : null;
    return new RestoreResult(plan, applied, idMap, verification, notes, health);
  }

  private static String oneLine(@Nullable String s) {
    return s == null ? "(no message)" : s.replace('\n', ' ');
  }

  private List<String> rollback(Deque<Undo> undo) {
    List<String> failures = new ArrayList<>();
    for (Undo u : undo) { // a deque used as a stack iterates newest first
      try {
        pd.raw().request(u.method(), u.path(), Map.of(), u.body());
      } catch (PagerDutyException e) {
        failures.add(u.what() + " (" + oneLine(e.getMessage()) + ")");
      }
    }
    return failures;
  }

  /** References for request bodies: the target's id, or one created earlier in this restore. */
  private static Views.Refs writeRefs(Planned p) {
    return (k, sid) -> {
      String t = p.ids.get(k).get(sid);
      if (t != null) {
        return t;
      }
      if (p.same && p.tgt.records.byKind.get(k).containsKey(sid)) {
        return sid;
      }
      throw new IllegalStateException(k.wire() + " " + p.names.get(k).getOrDefault(sid, sid)
          + " is referenced but was not restored");
    };
  }

  private void execute(Planned p, RestoreChange c, Deque<Undo> undo, List<String> notes) {
    BackupKind k = c.kind();
    JsonNode n = Objects.requireNonNull(p.sourceOf.get(k + ":" + c.sourceId()));
    Views.Refs refs = writeRefs(p);
    boolean create = c.action() == RestoreChange.Action.CREATE;
    String tid = c.targetId();
    JsonNode live = tid == null ? null : p.tgt.records.get(k, tid);
    String what = (create ? "created " : "updated ") + k.wire() + " " + c.name();
    switch (k) {
      case TEAM_MEMBERSHIP -> {
        String team = refs.ref(BackupKind.TEAM, Views.parent(c.sourceId()));
        String user = refs.ref(BackupKind.USER, String.valueOf(Views.text(n.path("user"), "id")));
        String path = "/teams/" + Capture.enc(team) + "/users/" + Capture.enc(user);
        pd.raw().put(path, Map.of("role", String.valueOf(Views.text(n, "role"))));
        undo.push(create ? new Undo(what, "DELETE", path, null)
            : new Undo(what, "PUT", path, Map.of("role", String.valueOf(Views.text(Objects.requireNonNull(live), "role")))));
        if (create) {
          p.ids.get(k).put(c.sourceId(), team + "/" + user);
        }
        return;
      }
      case SCHEDULE_OVERRIDE -> {
        String schedule = refs.ref(BackupKind.SCHEDULE, Views.parent(c.sourceId()));
        String base = "/schedules/" + Capture.enc(schedule) + "/overrides";
        ObjectNode body = Views.body(k, c.sourceId(), n, refs, null, true);
        JsonNode res = pd.raw().post(base, Map.of("overrides", List.of(body)));
        JsonNode item = res.isArray() ? res.path(0) : res.path("overrides").path(0);
        if (item.path("status").asInt(201) >= 300 || !item.path("override").hasNonNull("id")) {
          throw new RestoreException("PagerDuty did not create the override: " + item.path("errors"));
        }
        String oid = item.path("override").path("id").asText();
        undo.push(new Undo(what, "DELETE", base + "/" + Capture.enc(oid), null));
        p.ids.get(k).put(c.sourceId(), schedule + "/" + oid);
        return;
      }
      case INTEGRATION -> {
        String service = refs.ref(BackupKind.SERVICE, Views.parent(c.sourceId()));
        String base = "/services/" + Capture.enc(service) + "/integrations";
        ObjectNode body = Views.body(k, c.sourceId(), n, refs, live, create);
        if (create) {
          JsonNode res = pd.raw().post(base, Map.of("integration", body)).path("integration");
          String iid = Capture.text(res, "id");
          undo.push(new Undo(what, "DELETE", base + "/" + Capture.enc(iid), null));
          p.ids.get(k).put(c.sourceId(), service + "/" + iid);
          if (n.hasNonNull("integration_key")) {
            notes.add("integration " + c.name() + " was recreated with a new routing key; point the senders that"
                + " used the old one at the new one");
          }
        } else {
          String path = base + "/" + Capture.enc(childId(Objects.requireNonNull(tid)));
          pd.raw().put(path, Map.of("integration", body));
          undo.push(new Undo(what, "PUT", path, Map.of("integration",
              Views.body(k, tid, Objects.requireNonNull(live), (x, y) -> y, live, false))));
        }
        return;
      }
      default -> { }
    }
    String collection = switch (k) {
      case USER -> "users";
      case TEAM -> "teams";
      case SCHEDULE -> "schedules";
      case ESCALATION_POLICY -> "escalation_policies";
      case SERVICE -> "services";
      case MAINTENANCE_WINDOW -> "maintenance_windows";
      default -> throw new IllegalStateException("unreachable: " + k);
    };
    String entity = k.wire();
    ObjectNode body = Views.body(k, c.sourceId(), n, refs, live, create);
    if (create) {
      JsonNode res = pd.raw().post("/" + collection, Map.of(entity, body)).path(entity);
      String id = Capture.text(res, "id");
      String path = "/" + collection + "/" + Capture.enc(id);
      undo.push(new Undo(what, "DELETE", path, null));
      p.ids.get(k).put(c.sourceId(), id);
      if (k == BackupKind.SERVICE && "disabled".equals(Views.text(n, "status"))) {
        pd.raw().put(path, Map.of(entity, Map.of("status", "disabled")));
      }
    } else {
      String path = "/" + collection + "/" + Capture.enc(Objects.requireNonNull(tid));
      pd.raw().put(path, Map.of(entity, body));
      undo.push(new Undo(what, "PUT", path, Map.of(entity,
          Views.body(k, tid, Objects.requireNonNull(live), (x, y) -> y, live, false))));
    }
  }

  private static String childId(String composite) {
    return composite.substring(composite.indexOf('/') + 1);
  }
}
