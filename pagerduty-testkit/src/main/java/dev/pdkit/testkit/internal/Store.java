package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * All entities of one fake, as JSON trees per collection in insertion order. Fields whose names
 * start with {@code _} are bookkeeping and never leave the server except in {@code /_fake/state}.
 * Not thread-safe: used under the fake's lock.
 */
public final class Store {
  static final List<String> COLLECTIONS = List.of(
      "users", "teams", "team_memberships", "schedules", "overrides", "escalation_policies",
      "services", "integrations", "incidents", "alerts", "log_entries", "notes",
      "maintenance_windows", "change_events", "audit_records", "priorities");

  static final List<String> DEFAULT_ABILITIES = List.of(
      "teams", "urgencies", "read_only_users", "response_operations", "event_rules",
      "manage_schedules", "advanced_reports", "coordinated_responding", "preview_incident_alert_grouping",
      "service_support_hours", "on_call_handoff_notifications", "audit_records");

  private final Map<String, LinkedHashMap<String, ObjectNode>> cols = new LinkedHashMap<>();
  final List<String> abilities = new ArrayList<>(DEFAULT_ABILITIES);
  int nextIncidentNumber = 1;
  /** Index: service id + "|" + dedup key of a triggered alert -> alert id. */
  final Map<String, String> openAlertIndex = new java.util.HashMap<>();
  /** Index: incident id -> its alert ids, in order. */
  final Map<String, List<String>> alertsByIncident = new java.util.HashMap<>();
  /** Cache: integration key -> integration id (verified on use). */
  final Map<String, String> integrationKeyIndex = new java.util.HashMap<>();
  long sequence;
  String baseUrl = "http://127.0.0.1";

  Store() {
    for (String c : COLLECTIONS) {
      cols.put(c, new LinkedHashMap<>());
    }
  }

  /** A collection by name (one of {@link #COLLECTIONS}). */
  public Map<String, ObjectNode> c(String name) {
    LinkedHashMap<String, ObjectNode> m = cols.get(name);
    if (m == null) {
      throw new IllegalArgumentException("no collection " + name);
    }
    return m;
  }

  /** Looks an entity up. */
  public @Nullable ObjectNode get(String collection, @Nullable String id) {
    return id == null ? null : c(collection).get(id);
  }

  ObjectNode require(String collection, String id, String what) {
    ObjectNode n = get(collection, id);
    if (n == null) {
      throw ApiError.notFound(what + " " + id + " not found");
    }
    return n;
  }

  void clear() {
    cols.values().forEach(Map::clear);
    openAlertIndex.clear();
    alertsByIncident.clear();
    integrationKeyIndex.clear();
    abilities.clear();
    abilities.addAll(DEFAULT_ABILITIES);
    nextIncidentNumber = 1;
  }

  long nextSeq() {
    return ++sequence;
  }

  ObjectNode snapshot() {
    ObjectNode root = J.obj();
    for (Map.Entry<String, LinkedHashMap<String, ObjectNode>> e : cols.entrySet()) {
      ArrayNode a = root.putArray(e.getKey());
      e.getValue().values().forEach(n -> a.add(n.deepCopy()));
    }
    ArrayNode ab = root.putArray("abilities");
    abilities.forEach(ab::add);
    return root;
  }

  // ---------------------------------------------------------------- references

  /** Collection for a reference or entity {@code type}, or null when not stored here. */
  static @Nullable String collectionOfType(String type) {
    String t = type.endsWith("_reference") ? type.substring(0, type.length() - "_reference".length()) : type;
    return switch (t) {
      case "user" -> "users";
      case "team" -> "teams";
      case "schedule" -> "schedules";
      case "escalation_policy" -> "escalation_policies";
      case "service" -> "services";
      case "incident" -> "incidents";
      case "alert" -> "alerts";
      case "maintenance_window" -> "maintenance_windows";
      case "override" -> "overrides";
      case "priority" -> "priorities";
      default -> t.endsWith("_integration") ? "integrations" : t.endsWith("_log_entry") ? "log_entries" : null;
    };
  }

  String selfPath(ObjectNode entity) {
    String type = J.text(entity, "type");
    String id = J.text(entity, "id");
    String col = type == null ? null : collectionOfType(type);
    if (col == null) {
      return baseUrl;
    }
    return switch (col) {
      case "integrations" -> baseUrl + "/services/" + J.text(entity, "_service_id") + "/integrations/" + id;
      case "alerts" -> baseUrl + "/incidents/" + J.text(entity, "_incident_id") + "/alerts/" + id;
      case "overrides" -> baseUrl + "/schedules/" + J.text(entity, "_schedule_id") + "/overrides/" + id;
      default -> baseUrl + "/" + col + "/" + id;
    };
  }

  String htmlUrl(ObjectNode entity) {
    String type = J.text(entity, "type");
    String col = type == null ? null : collectionOfType(type);
    String id = J.text(entity, "id");
    if (col == null) {
      return baseUrl;
    }
    return switch (col) {
      case "services" -> baseUrl + "/service-directory/" + id;
      case "integrations" -> baseUrl + "/services/" + J.text(entity, "_service_id") + "/integrations/" + id;
      case "alerts" -> baseUrl + "/alerts/" + id;
      default -> baseUrl + "/" + col + "/" + id;
    };
  }

  /** Fills {@code self} and {@code html_url} on a new entity. */
  void stamp(ObjectNode entity) {
    entity.put("self", selfPath(entity));
    entity.put("html_url", htmlUrl(entity));
  }

  /** A reference to a stored entity: {@code {id,type:<type>_reference,summary,self,html_url}}. */
  ObjectNode ref(ObjectNode entity) {
    ObjectNode r = J.obj();
    r.put("id", J.text(entity, "id"));
    String type = J.text(entity, "type");
    r.put("type", type != null && type.endsWith("_reference") ? type : type + "_reference");
    r.put("summary", J.text(entity, "summary"));
    r.put("self", J.text(entity, "self"));
    r.put("html_url", J.text(entity, "html_url"));
    return r;
  }

  /** The public view: a deep copy without bookkeeping fields, references refreshed, includes expanded. */
  ObjectNode view(ObjectNode entity, Set<String> includeTypes) {
    ObjectNode copy = entity.deepCopy();
    strip(copy);
    refresh(copy, includeTypes, 0);
    return copy;
  }

  ObjectNode view(ObjectNode entity) {
    return view(entity, Set.of());
  }

  /**
   * Fields the fake keeps as null while unset but that PagerDuty's OpenAPI document types as
   * non-nullable (string or object): on the wire they are left out instead (checked by the
   * contract test against the document).
   */
  static final Set<String> OMIT_WHEN_NULL = Set.of(
      "job_title", "description", "last_incident_timestamp", "support_hours", "vendor",
      "conference_bridge", "incident_key", "priority", "resolve_reason", "parent", "details", "href",
      "timeout");

  private static void strip(ObjectNode n) {
    Iterator<String> it = n.fieldNames();
    List<String> drop = new ArrayList<>();
    while (it.hasNext()) {
      String f = it.next();
      if (f.startsWith("_")) {
        drop.add(f);
      }
    }
    n.remove(drop);
    omitNulls(n, 0);
  }

  private static void omitNulls(JsonNode n, int depth) {
    if (depth > 8) {
      return;
    }
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<String> drop = new ArrayList<>();
      o.fields().forEachRemaining(e -> {
        if (e.getValue().isNull() && OMIT_WHEN_NULL.contains(e.getKey())) {
          drop.add(e.getKey());
        } else if (e.getValue().isContainerNode()) {
          omitNulls(e.getValue(), depth + 1);
        }
      });
      o.remove(drop);
    } else if (n.isArray()) {
      n.forEach(c -> omitNulls(c, depth + 1));
    }
  }

  /** Refreshes summaries of stored references and replaces included ones by the full objects. */
  private void refresh(JsonNode n, Set<String> includeTypes, int depth) {
    if (depth > 6) {
      return;
    }
    if (n.isArray()) {
      ArrayNode a = (ArrayNode) n;
      for (int i = 0; i < a.size(); i++) {
        JsonNode child = a.get(i);
        JsonNode repl = replacement(child, includeTypes);
        if (repl != null) {
          a.set(i, repl);
        } else {
          refresh(child, includeTypes, depth + 1);
        }
      }
    } else if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String f : names) {
        JsonNode child = o.get(f);
        JsonNode repl = depth == 0 && f.equals("id") ? null : replacement(child, includeTypes);
        if (repl != null) {
          o.set(f, repl);
        } else if (child.isContainerNode()) {
          refresh(child, includeTypes, depth + 1);
        }
      }
    }
  }

  private @Nullable JsonNode replacement(JsonNode child, Set<String> includeTypes) {
    if (!child.isObject()) {
      return null;
    }
    String type = J.text(child, "type");
    String id = J.text(child, "id");
    if (type == null || id == null || !type.endsWith("_reference")) {
      return null;
    }
    String col = collectionOfType(type);
    if (col == null) {
      return null;
    }
    ObjectNode target = get(col, id);
    if (target == null) {
      return null; // deleted: keep the reference as it was
    }
    if (includeTypes.contains(type) || includeTypes.contains(col)) {
      ObjectNode full = target.deepCopy();
      strip(full);
      return full;
    }
    ObjectNode r = ref(target);
    r.put("type", type);
    return r;
  }
}
