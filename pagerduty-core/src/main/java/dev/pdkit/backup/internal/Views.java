package dev.pdkit.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.backup.BackupKind;
import dev.pdkit.internal.json.LenientTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What of each resource a restore writes and compares: the writable fields, normalised (timestamps
 * as instants, objects with sorted keys, references through a {@link Refs} function), and the
 * request bodies that write them.
 *
 * <p>One function per kind serves three purposes, so they cannot drift apart: the diff of a plan
 * (references mapped to target ids), the dependencies of a record (references recorded), and the
 * id-free content of a backup (references rendered as natural keys).
 */
public final class Views {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Views() {}

  /** Renders a reference to a resource of {@code kind} with the given source id. */
  @FunctionalInterface
  public interface Refs {
    String ref(BackupKind kind, String id);
  }

  /** The field view of a record; every kind always has the same keys (absent values are null). */
  public static Map<String, @Nullable String> view(BackupKind kind, String id, JsonNode n, Refs refs, Instant now) {
    Map<String, @Nullable String> v = new LinkedHashMap<>();
    switch (kind) {
      case USER -> {
        v.put("name", text(n, "name"));
        String email = text(n, "email");
        v.put("email", email == null ? null : email.toLowerCase(Locale.ROOT));
        v.put("role", text(n, "role"));
        for (String f : List.of("time_zone", "color", "description", "job_title")) {
          v.put(f, text(n, f));
        }
      }
      case TEAM -> {
        v.put("name", text(n, "name"));
        v.put("description", text(n, "description"));
        v.put("default_role", text(n, "default_role"));
        v.put("parent", ref(n.path("parent"), BackupKind.TEAM, refs));
      }
      case TEAM_MEMBERSHIP -> {
        v.put("team", refs.ref(BackupKind.TEAM, parent(id)));
        v.put("user", ref(n.path("user"), BackupKind.USER, refs));
        v.put("role", text(n, "role"));
      }
      case SCHEDULE -> {
        v.put("name", text(n, "name"));
        v.put("description", text(n, "description"));
        v.put("time_zone", text(n, "time_zone"));
        v.put("teams", refList(n.path("teams"), BackupKind.TEAM, refs, true));
        ArrayNode layers = F.arrayNode();
        for (JsonNode l : n.path("schedule_layers")) {
          layers.add(layer(l, refs, false));
        }
        v.put("layers", canon(layers));
      }
      case SCHEDULE_OVERRIDE -> {
        v.put("schedule", refs.ref(BackupKind.SCHEDULE, parent(id)));
        v.put("user", ref(n.path("user"), BackupKind.USER, refs));
        v.put("start", ts(text(n, "start")));
        v.put("end", ts(text(n, "end")));
      }
      case ESCALATION_POLICY -> {
        v.put("name", text(n, "name"));
        v.put("description", text(n, "description"));
        v.put("num_loops", scalar(n.get("num_loops")));
        v.put("on_call_handoff_notifications", text(n, "on_call_handoff_notifications"));
        v.put("teams", refList(n.path("teams"), BackupKind.TEAM, refs, true));
        ArrayNode rules = F.arrayNode();
        for (JsonNode r : n.path("escalation_rules")) {
          rules.add(rule(r, refs, false));
        }
        v.put("rules", canon(rules));
      }
      case SERVICE -> {
        v.put("name", text(n, "name"));
        v.put("description", text(n, "description"));
        v.put("escalation_policy", ref(n.path("escalation_policy"), BackupKind.ESCALATION_POLICY, refs));
        v.put("auto_resolve_timeout", scalar(n.get("auto_resolve_timeout")));
        v.put("acknowledgement_timeout", scalar(n.get("acknowledgement_timeout")));
        // active / warning / critical follow the incidents; only "disabled" is a setting
        v.put("status", "disabled".equals(text(n, "status")) ? "disabled" : "enabled");
        for (String f : SERVICE_OBJECTS) {
          JsonNode x = n.get(f);
          v.put(f, x == null || x.isNull() || isEmptyGrouping(f, x) ? null : canon(x));
        }
        v.put("alert_creation", text(n, "alert_creation"));
      }
      case INTEGRATION -> {
        v.put("service", refs.ref(BackupKind.SERVICE, parent(id)));
        v.put("name", text(n, "name"));
        v.put("type", integrationType(n));
        v.put("vendor", n.path("vendor").isObject() ? text(n.path("vendor"), "id") : null);
        v.put("integration_email", text(n, "integration_email"));
      }
      case MAINTENANCE_WINDOW -> {
        v.put("description", text(n, "description"));
        // PagerDuty moves a start in the past to "now": an ongoing window compares as starting now
        String start = ts(text(n, "start_time"));
        if (start != null && Instant.parse(start).isBefore(now)) {
          start = "(ongoing)";
        }
        v.put("start_time", start);
        v.put("end_time", ts(text(n, "end_time")));
        v.put("services", refList(n.path("services"), BackupKind.SERVICE, refs, true));
      }
    }
    return v;
  }

  private static final List<String> SERVICE_OBJECTS = List.of("incident_urgency_rule", "support_hours",
      "scheduled_actions", "alert_grouping_parameters", "auto_pause_notifications_parameters");

  private static boolean isEmptyGrouping(String field, JsonNode x) {
    return field.equals("alert_grouping_parameters") && x.path("type").isNull()
        || field.equals("scheduled_actions") && x.isArray() && x.isEmpty();
  }

  /**
   * The identity of a record in its account apart from its id, with references rendered by
   * {@code refs}: e-mail for users, name for teams, schedules, policies and services, and the
   * owning resource plus distinguishing fields for the rest.
   */
  public static String naturalKey(BackupKind kind, String id, JsonNode n, Refs refs, Instant now) {
    return switch (kind) {
      case USER -> String.valueOf(text(n, "email")).toLowerCase(Locale.ROOT);
      case TEAM, SCHEDULE, ESCALATION_POLICY -> String.valueOf(text(n, "name"));
      case SERVICE -> String.valueOf(text(n, "name")).toLowerCase(Locale.ROOT);
      case TEAM_MEMBERSHIP -> refs.ref(BackupKind.TEAM, parent(id)) + "/" + ref(n.path("user"), BackupKind.USER, refs);
      case SCHEDULE_OVERRIDE -> refs.ref(BackupKind.SCHEDULE, parent(id)) + "/"
          + ref(n.path("user"), BackupKind.USER, refs) + "/" + ts(text(n, "start")) + "/" + ts(text(n, "end"));
      case INTEGRATION -> refs.ref(BackupKind.SERVICE, parent(id)) + "/" + text(n, "name") + "/" + integrationType(n);
      case MAINTENANCE_WINDOW -> {
        Map<String, @Nullable String> v = view(kind, id, n, refs, now);
        yield v.get("description") + "/" + v.get("start_time") + "/" + v.get("end_time") + "/" + v.get("services");
      }
    };
  }

  /** A short human name for plans and messages. */
  public static String displayName(BackupKind kind, String id, JsonNode n) {
    return switch (kind) {
      case USER -> String.valueOf(text(n, "email"));
      case TEAM, SCHEDULE, ESCALATION_POLICY, SERVICE -> String.valueOf(text(n, "name"));
      case TEAM_MEMBERSHIP -> parent(id) + " member " + n.path("user").path("summary").asText(n.path("user").path("id").asText());
      case SCHEDULE_OVERRIDE -> parent(id) + " override " + n.path("user").path("summary").asText(n.path("user").path("id").asText())
          + " " + ts(text(n, "start")) + ".." + ts(text(n, "end"));
      case INTEGRATION -> n.path("service").path("summary").asText(parent(id)) + "/" + text(n, "name");
      case MAINTENANCE_WINDOW -> text(n, "description") == null ? id : text(n, "description") + " (" + ts(text(n, "start_time")) + ")";
    };
  }

  /** Every reference a record holds, as (kind, source id); {@code parent} ids of child kinds included. */
  public static List<Map.Entry<BackupKind, String>> references(BackupKind kind, String id, JsonNode n) {
    List<Map.Entry<BackupKind, String>> out = new ArrayList<>();
    Refs recording = (k, x) -> {
      out.add(Map.entry(k, x));
      return x;
    };
    view(kind, id, n, recording, Instant.EPOCH);
    return out;
  }

  // ------------------------------------------------------------------ request bodies

  /**
   * The entity body that creates or updates the record (without the {@code {"service": ...}}
   * wrapper), references mapped by {@code refs}. For schedules, {@code existing} (the target's
   * current schedule, or null) gives the layer ids to keep.
   */
  public static ObjectNode body(BackupKind kind, String id, JsonNode n, Refs refs, @Nullable JsonNode existing,
      boolean create) {
    ObjectNode b = F.objectNode();
    switch (kind) {
      case USER -> {
        b.put("type", "user");
        copy(n, b, "name", "email", "time_zone", "color", "description", "job_title");
        String role = text(n, "role");
        if (role != null) {
          // an account has one owner, and the API cannot make one: the closest role is admin
          b.put("role", role.equals("owner") ? "admin" : role);
        }
        if (!create && "owner".equals(role)) {
          b.remove("role");
        }
      }
      case TEAM -> {
        b.put("type", "team");
        copy(n, b, "name", "description", "default_role");
        if (n.path("parent").isObject()) {
          b.set("parent", refNode(n.path("parent"), BackupKind.TEAM, "team_reference", refs));
        } else if (!create) {
          b.putNull("parent");
        }
      }
      case TEAM_MEMBERSHIP -> b.put("role", text(n, "role"));
      case SCHEDULE -> {
        b.put("type", "schedule");
        copy(n, b, "name", "description", "time_zone");
        b.set("teams", refNodes(n.path("teams"), BackupKind.TEAM, "team_reference", refs));
        ArrayNode layers = b.putArray("schedule_layers");
        JsonNode had = existing == null ? F.arrayNode() : existing.path("schedule_layers");
        int i = 0;
        for (JsonNode l : n.path("schedule_layers")) {
          ObjectNode out = layer(l, refs, true);
          if (i < had.size() && had.get(i).hasNonNull("id")) {
            out.put("id", had.get(i).get("id").asText());
          }
          layers.add(out);
          i++;
        }
      }
      case SCHEDULE_OVERRIDE -> {
        copy(n, b, "start", "end");
        b.set("user", refNode(n.path("user"), BackupKind.USER, "user_reference", refs));
      }
      case ESCALATION_POLICY -> {
        b.put("type", "escalation_policy");
        copy(n, b, "name", "description", "num_loops", "on_call_handoff_notifications");
        b.set("teams", refNodes(n.path("teams"), BackupKind.TEAM, "team_reference", refs));
        ArrayNode rules = b.putArray("escalation_rules");
        for (JsonNode r : n.path("escalation_rules")) {
          rules.add(rule(r, refs, true));
        }
      }
      case SERVICE -> {
        b.put("type", "service");
        copy(n, b, "name", "description", "auto_resolve_timeout", "acknowledgement_timeout", "alert_creation");
        b.set("escalation_policy", refNode(n.path("escalation_policy"), BackupKind.ESCALATION_POLICY,
            "escalation_policy_reference", refs));
        for (String f : SERVICE_OBJECTS) {
          JsonNode x = n.get(f);
          if (x != null && !isEmptyGrouping(f, x)) {
            b.set(f, x.deepCopy());
          }
        }
        if (!create) {
          // a service is created active; only "disabled" is restored, by the update after it
          b.put("status", "disabled".equals(text(n, "status")) ? "disabled" : "active");
        }
      }
      case INTEGRATION -> {
        b.put("type", integrationType(n));
        copy(n, b, "name", "integration_email");
        if (n.path("vendor").isObject() && text(n.path("vendor"), "id") != null) {
          ObjectNode v = b.putObject("vendor");
          v.put("id", text(n.path("vendor"), "id"));
          v.put("type", "vendor_reference");
        }
        if (!create) {
          b.remove("type");
        }
      }
      case MAINTENANCE_WINDOW -> {
        b.put("type", "maintenance_window");
        copy(n, b, "start_time", "end_time", "description");
        b.set("services", refNodes(n.path("services"), BackupKind.SERVICE, "service_reference", refs));
      }
    }
    return b;
  }

  // ------------------------------------------------------------------ helpers

  private static ObjectNode layer(JsonNode l, Refs refs, boolean forBody) {
    ObjectNode o = F.objectNode();
    o.put("name", text(l, "name"));
    for (String f : List.of("start", "end", "rotation_virtual_start")) {
      String t = text(l, f);
      if (t == null) {
        o.putNull(f);
      } else {
        o.put(f, forBody ? t : ts(t));
      }
    }
    o.set("rotation_turn_length_seconds", l.path("rotation_turn_length_seconds").deepCopy());
    ArrayNode users = o.putArray("users");
    for (JsonNode u : l.path("users")) {
      if (forBody) {
        users.addObject().set("user", refNode(u.path("user"), BackupKind.USER, "user_reference", refs));
      } else {
        users.add(ref(u.path("user"), BackupKind.USER, refs));
      }
    }
    JsonNode r = l.get("restrictions");
    o.set("restrictions", r == null || r.isNull() ? F.arrayNode() : r.deepCopy());
    return o;
  }

  private static ObjectNode rule(JsonNode r, Refs refs, boolean forBody) {
    ObjectNode o = F.objectNode();
    o.set("escalation_delay_in_minutes", r.path("escalation_delay_in_minutes").deepCopy());
    ArrayNode targets = o.putArray("targets");
    for (JsonNode t : r.path("targets")) {
      String type = String.valueOf(text(t, "type"));
      boolean schedule = type.startsWith("schedule");
      BackupKind k = schedule ? BackupKind.SCHEDULE : BackupKind.USER;
      String refType = schedule ? "schedule_reference" : "user_reference";
      if (forBody) {
        targets.add(refNode(t, k, refType, refs));
      } else {
        targets.add(refType + ":" + ref(t, k, refs));
      }
    }
    return o;
  }

  private static @Nullable String ref(JsonNode refNode, BackupKind kind, Refs refs) {
    String id = text(refNode, "id");
    return id == null ? null : refs.ref(kind, id);
  }

  private static @Nullable String refList(JsonNode arr, BackupKind kind, Refs refs, boolean sorted) {
    List<String> ids = new ArrayList<>();
    for (JsonNode r : arr) {
      String id = text(r, "id");
      if (id != null) {
        ids.add(refs.ref(kind, id));
      }
    }
    if (sorted) {
      ids.sort(null);
    }
    return String.join(",", ids);
  }

  private static ObjectNode refNode(JsonNode refNode, BackupKind kind, String type, Refs refs) {
    ObjectNode o = F.objectNode();
    o.put("id", refs.ref(kind, String.valueOf(text(refNode, "id"))));
    o.put("type", type);
    return o;
  }

  private static ArrayNode refNodes(JsonNode arr, BackupKind kind, String type, Refs refs) {
    ArrayNode out = F.arrayNode();
    for (JsonNode r : arr) {
      if (text(r, "id") != null) {
        out.add(refNode(r, kind, type, refs));
      }
    }
    return out;
  }

  private static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String f : fields) {
      JsonNode v = from.get(f);
      if (v != null) {
        to.set(f, v.deepCopy());
      }
    }
  }

  static String integrationType(JsonNode n) {
    String t = String.valueOf(text(n, "type"));
    return t.endsWith("_reference") ? t.substring(0, t.length() - "_reference".length()) : t;
  }

  /** The owning resource's id of a composite id ({@code serviceId/integrationId} gives serviceId). */
  public static String parent(String id) {
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(0, slash);
  }

  static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.isMissingNode() ? null : v.isTextual() ? v.asText() : v.toString();
  }

  private static @Nullable String scalar(@Nullable JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }

  /** An ISO-8601 timestamp as an instant ({@code 2026-01-01T00:00:00Z}); other text unchanged. */
  static @Nullable String ts(@Nullable String t) {
    if (t == null) {
      return null;
    }
    return LenientTimes.tryParse(t).map(o -> o.toInstant().toString()).orElse(t);
  }

  /** Compact JSON with object keys sorted, timestamps normalised: equal content, equal text. */
  static String canon(JsonNode n) {
    return sorted(n).toString();
  }

  private static JsonNode sorted(JsonNode n) {
    if (n.isObject()) {
      TreeMap<String, JsonNode> m = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), sorted(e.getValue()));
      }
      ObjectNode o = F.objectNode();
      m.forEach(o::set);
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = F.arrayNode();
      n.forEach(x -> a.add(sorted(x)));
      return a;
    }
    return n;
  }
}
