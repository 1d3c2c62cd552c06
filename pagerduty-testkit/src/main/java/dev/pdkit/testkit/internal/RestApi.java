package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * REST v2 resources other than incidents: abilities, users, teams, escalation policies, services,
 * integrations, schedules and overrides, on-calls, maintenance windows, change events and audit
 * records.
 */
final class RestApi {
  private static final Set<String> ROLES = Set.of("admin", "limited_user", "observer", "owner",
      "read_only_user", "restricted_access", "read_only_limited_user", "user");
  private static final Set<String> SERVICE_STATUSES = Set.of("active", "warning", "critical", "maintenance", "disabled");

  private RestApi() {}

  static void register(Router r, FakeServer f) {
    // abilities
    r.add("GET", "/abilities", req -> {
      ObjectNode o = J.obj();
      ArrayNode a = o.putArray("abilities");
      f.store.abilities.forEach(a::add);
      return Resp.ok(o);
    });
    r.add("GET", "/abilities/{id}", req -> {
      if (f.store.abilities.contains(req.param("id"))) {
        return Resp.noContent();
      }
      throw ApiError.of(402, 2014, "Account does not have the required ability",
          "The account does not have the ability " + req.param("id"));
    });
    r.add("GET", "/priorities", req -> f.page(req, "priorities", all(f, "priorities")));
    registerUsers(r, f);
    registerTeams(r, f);
    registerEscalationPolicies(r, f);
    registerServices(r, f);
    registerSchedules(r, f);
    registerOncalls(r, f);
    registerMaintenanceWindows(r, f);
    registerChangeEvents(r, f);
    registerAudit(r, f);
  }

  // ================================================================== helpers

  static String requireText(ObjectNode body, String field, String entity, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
      throw ApiError.invalid(entity + "." + field + " is required");
    }
    String s = v.asText();
    if (s.length() > max) {
      throw ApiError.invalid(entity + "." + field + " is too long (maximum is " + max + " characters)");
    }
    return s;
  }

  static @Nullable String optText(ObjectNode body, String field, String entity, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.invalid(entity + "." + field + " must be a string");
    }
    if (v.asText().length() > max) {
      throw ApiError.invalid(entity + "." + field + " is too long (maximum is " + max + " characters)");
    }
    return v.asText();
  }

  /** Resolves a reference field to a stored entity; 400 when missing or unknown. */
  static ObjectNode requireRef(FakeServer f, JsonNode ref, String field, String collection) {
    String id = ref == null ? null : J.text(ref, "id");
    if (id == null) {
      throw ApiError.invalid(field + " must be a reference {\"id\": ..., \"type\": ...}");
    }
    ObjectNode target = f.store.get(collection, id);
    if (target == null) {
      throw ApiError.invalid(field + " references " + id + ", which does not exist");
    }
    return target;
  }

  static void checkType(ObjectNode body, String entity, String... allowed) {
    String t = J.text(body, "type");
    if (t == null) {
      return; // PagerDuty requires type, but many clients omit it; be lenient
    }
    for (String a : allowed) {
      if (a.equals(t)) {
        return;
      }
    }
    throw ApiError.invalid(entity + ".type must be " + String.join(" or ", allowed) + " (got '" + t + "')");
  }

  static List<ObjectNode> all(FakeServer f, String collection) {
    return new ArrayList<>(f.store.c(collection).values());
  }

  static List<ObjectNode> filter(List<ObjectNode> in, Predicate<ObjectNode> p) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode n : in) {
      if (p.test(n)) {
        out.add(n);
      }
    }
    return out;
  }

  static List<ObjectNode> query(Req req, List<ObjectNode> in, String... fields) {
    String q = req.q("query");
    if (q == null || q.isBlank()) {
      return in;
    }
    String needle = q.toLowerCase(Locale.ROOT);
    return filter(in, n -> {
      for (String fl : fields) {
        String v = J.text(n, fl);
        if (v != null && v.toLowerCase(Locale.ROOT).contains(needle)) {
          return true;
        }
      }
      return false;
    });
  }

  /** {@code sort_by=name[:asc|:desc]}; other keys are rejected. */
  static List<ObjectNode> sortByName(Req req, List<ObjectNode> in, Set<String> allowed) {
    String sortBy = req.q("sort_by");
    if (sortBy == null || sortBy.isBlank()) {
      return in;
    }
    String[] parts = sortBy.split(":");
    if (!allowed.contains(parts[0])) {
      throw ApiError.invalid("sort_by must be one of " + allowed + " (got '" + sortBy + "')");
    }
    Comparator<ObjectNode> c = Comparator.comparing(n -> Objects.requireNonNullElse(J.text(n, parts[0]), "").toLowerCase(Locale.ROOT));
    if (parts.length > 1 && parts[1].equalsIgnoreCase("desc")) {
      c = c.reversed();
    }
    List<ObjectNode> out = new ArrayList<>(in);
    out.sort(c);
    return out;
  }

  static boolean refListContains(JsonNode arr, Set<String> ids) {
    for (JsonNode r : arr) {
      if (ids.contains(J.text(r, "id"))) {
        return true;
      }
    }
    return false;
  }

  static ObjectNode wrap(String key, JsonNode v) {
    ObjectNode o = J.obj();
    o.set(key, v);
    return o;
  }

  static List<String> changed(ObjectNode body) {
    List<String> out = new ArrayList<>();
    body.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static ArrayNode teamRefs(FakeServer f, JsonNode teams, String field, int max) {
    ArrayNode out = J.arr();
    if (teams == null || teams.isNull()) {
      return out;
    }
    if (!teams.isArray()) {
      throw ApiError.invalid(field + " must be an array of team references");
    }
    if (teams.size() > max) {
      throw ApiError.invalid(field + " may hold at most " + max + " team(s)");
    }
    for (JsonNode t : teams) {
      out.add(f.store.ref(requireRef(f, t, field + "[]", "teams")));
    }
    return out;
  }

  // ================================================================== users

  static ObjectNode newUser(FakeServer f, String email, @Nullable String name, String role) {
    ObjectNode u = f.newEntity("users", "user");
    String n = name != null ? name : deriveName(email);
    u.put("summary", n);
    f.store.stamp(u);
    u.put("name", n);
    u.put("email", email);
    u.put("time_zone", "Etc/UTC");
    u.put("color", "purple");
    u.put("role", role);
    u.put("avatar_url", "https://secure.gravatar.com/avatar/" + Integer.toHexString(email.hashCode()) + ".png");
    u.putNull("description");
    u.put("invitation_sent", false);
    u.putNull("job_title");
    u.putArray("teams");
    u.putArray("contact_methods");
    u.putArray("notification_rules");
    u.put("created_via_sso", false);
    return u;
  }

  private static String deriveName(String email) {
    String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
    StringBuilder sb = new StringBuilder();
    for (String p : local.split("[._-]+")) {
      if (p.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
    }
    return sb.length() == 0 ? email : sb.toString();
  }

  private static void applyUser(FakeServer f, ObjectNode u, ObjectNode body, boolean create) {
    if (create || body.has("name")) {
      String name = requireText(body, "name", "user", 100);
      u.put("name", name);
      u.put("summary", name);
    }
    if (create || body.has("email")) {
      String email = requireText(body, "email", "user", 100);
      if (email.length() < 6 || !email.contains("@")) {
        throw ApiError.invalid("user.email must be a valid e-mail address of 6 to 100 characters");
      }
      ObjectNode other = f.userByEmail(email);
      if (other != null && !J.text(other, "id").equals(J.text(u, "id"))) { // an update works on a copy
        throw ApiError.invalid("user.email " + email + " is already taken by another user");
      }
      u.put("email", email);
    }
    if (body.has("role")) {
      String role = optText(body, "role", "user", 50);
      if (role == null || !ROLES.contains(role)) {
        throw ApiError.invalid("user.role must be one of " + ROLES);
      }
      u.put("role", role);
    }
    for (String fl : List.of("time_zone", "color", "description", "job_title")) {
      if (body.has(fl)) {
        String v = optText(body, fl, "user", 1024);
        if (v == null) {
          u.putNull(fl);
        } else {
          u.put(fl, v);
        }
      }
    }
  }

  private static void registerUsers(Router r, FakeServer f) {
    r.add("GET", "/users", req -> {
      List<ObjectNode> users = query(req, all(f, "users"), "name", "email");
      List<String> teams = req.qs("team_ids");
      if (!teams.isEmpty()) {
        users = filter(users, u -> refListContains(u.path("teams"), Set.copyOf(teams)));
      }
      return f.page(req, "users", users);
    });
    r.add("GET", "/users/me", req -> {
      String uid = req.principal == null ? null : req.principal.userId();
      if (uid == null) {
        throw ApiError.of(400, 2001, "Invalid Input Provided",
            "GET /users/me needs a user-level API token; this is an account-level token");
      }
      ObjectNode u = f.store.require("users", uid, "User");
      return Resp.ok(wrap("user", f.store.view(u, FakeServer.includes(req))));
    });
    r.add("POST", "/users", req -> {
      ObjectNode body = req.entity("user");
      checkType(body, "user", "user");
      String email = requireText(body, "email", "user", 100);
      ObjectNode u = newUser(f, email, null, "user");
      try {
        applyUser(f, u, body, true);
      } catch (ApiError e) {
        f.store.c("users").remove(J.text(u, "id"));
        throw e;
      }
      f.audit(req, "create", u, changed(body));
      return Resp.created(wrap("user", f.store.view(u)));
    });
    r.add("GET", "/users/{id}", req -> Resp.ok(wrap("user",
        f.store.view(f.store.require("users", req.param("id"), "User"), FakeServer.includes(req)))));
    r.add("PUT", "/users/{id}", req -> {
      ObjectNode u = f.store.require("users", req.param("id"), "User");
      ObjectNode body = req.entity("user");
      ObjectNode copy = u.deepCopy();
      applyUser(f, copy, body, false);
      f.store.c("users").put(J.text(u, "id"), copy);
      f.audit(req, "update", copy, changed(body), u);
      return Resp.ok(wrap("user", f.store.view(copy)));
    });
    r.add("DELETE", "/users/{id}", req -> {
      ObjectNode u = f.store.require("users", req.param("id"), "User");
      String id = J.text(u, "id");
      for (ObjectNode inc : f.store.c("incidents").values()) {
        if (!"resolved".equals(J.text(inc, "status"))) {
          for (JsonNode a : inc.path("assignments")) {
            if (id.equals(J.refId(a, "assignee"))) {
              throw ApiError.invalid("User " + id + " has open incidents assigned (e.g. "
                  + J.text(inc, "id") + "); resolve or reassign them first");
            }
          }
        }
      }
      f.store.c("users").remove(id);
      f.store.c("team_memberships").values().removeIf(m -> id.equals(J.text(m, "user_id")));
      f.audit(req, "delete", u, List.of("name", "email"));
      return Resp.noContent();
    });
    r.add("GET", "/users/{id}/contact_methods", req -> {
      ObjectNode u = f.store.require("users", req.param("id"), "User");
      return Resp.ok(wrap("contact_methods", u.path("contact_methods").deepCopy()));
    });
    r.add("GET", "/users/{id}/notification_rules", req -> {
      ObjectNode u = f.store.require("users", req.param("id"), "User");
      return Resp.ok(wrap("notification_rules", u.path("notification_rules").deepCopy()));
    });
  }

  // ================================================================== teams

  private static void applyTeam(FakeServer f, ObjectNode t, ObjectNode body, boolean create) {
    if (create || body.has("name")) {
      String name = requireText(body, "name", "team", 100);
      t.put("name", name);
      t.put("summary", name);
    }
    if (body.has("description")) {
      String d = optText(body, "description", "team", 1024);
      if (d == null) {
        t.putNull("description");
      } else {
        t.put("description", d);
      }
    }
    if (body.has("default_role")) {
      String dr = optText(body, "default_role", "team", 20);
      if (!"manager".equals(dr) && !"none".equals(dr)) {
        throw ApiError.invalid("team.default_role must be manager or none");
      }
      t.put("default_role", dr);
    }
    if (body.has("parent")) {
      JsonNode p = body.get("parent");
      if (p.isNull()) {
        t.putNull("parent");
      } else {
        t.set("parent", f.store.ref(requireRef(f, p, "team.parent", "teams")));
      }
    }
  }

  private static void syncUserTeams(FakeServer f, String userId) {
    ObjectNode u = f.store.get("users", userId);
    if (u == null) {
      return;
    }
    ArrayNode teams = u.putArray("teams");
    for (ObjectNode m : f.store.c("team_memberships").values()) {
      if (userId.equals(J.text(m, "user_id"))) {
        ObjectNode t = f.store.get("teams", J.text(m, "team_id"));
        if (t != null) {
          teams.add(f.store.ref(t));
        }
      }
    }
  }

  private static void registerTeams(Router r, FakeServer f) {
    r.add("GET", "/teams", req -> f.page(req, "teams", query(req, all(f, "teams"), "name")));
    r.add("POST", "/teams", req -> {
      ObjectNode body = req.entity("team");
      checkType(body, "team", "team");
      requireText(body, "name", "team", 100);
      ObjectNode t = f.newEntity("teams", "team");
      t.putNull("description");
      t.put("default_role", "manager");
      t.putNull("parent");
      try {
        applyTeam(f, t, body, true);
      } catch (ApiError e) {
        f.store.c("teams").remove(J.text(t, "id"));
        throw e;
      }
      f.store.stamp(t);
      f.audit(req, "create", t, changed(body));
      return Resp.created(wrap("team", f.store.view(t)));
    });
    r.add("GET", "/teams/{id}", req -> Resp.ok(wrap("team", f.store.view(f.store.require("teams", req.param("id"), "Team")))));
    r.add("PUT", "/teams/{id}", req -> {
      ObjectNode t = f.store.require("teams", req.param("id"), "Team");
      ObjectNode body = req.entity("team");
      ObjectNode copy = t.deepCopy();
      applyTeam(f, copy, body, false);
      f.store.c("teams").put(J.text(t, "id"), copy);
      f.audit(req, "update", copy, changed(body), t);
      return Resp.ok(wrap("team", f.store.view(copy)));
    });
    r.add("DELETE", "/teams/{id}", req -> {
      ObjectNode t = f.store.require("teams", req.param("id"), "Team");
      String id = J.text(t, "id");
      for (String col : List.of("escalation_policies", "schedules")) {
        for (ObjectNode n : f.store.c(col).values()) {
          if (refListContains(n.path("teams"), Set.of(id))) {
            throw ApiError.of(400, 6006, "Team has associations",
                "Team " + id + " still owns " + col.replace('_', ' ') + " " + J.text(n, "id") + "; remove it from the team first");
          }
        }
      }
      f.store.c("teams").remove(id);
      List<String> members = new ArrayList<>();
      f.store.c("team_memberships").values().removeIf(m -> {
        if (id.equals(J.text(m, "team_id"))) {
          members.add(J.text(m, "user_id"));
          return true;
        }
        return false;
      });
      members.forEach(u -> syncUserTeams(f, u));
      f.audit(req, "delete", t, List.of("name"));
      return Resp.noContent();
    });
    r.add("PUT", "/teams/{id}/users/{user_id}", req -> {
      ObjectNode t = f.store.require("teams", req.param("id"), "Team");
      ObjectNode u = f.store.require("users", req.param("user_id"), "User");
      String role = "manager".equals(J.text(t, "default_role")) ? "manager" : "responder";
      JsonNode b = req.json();
      if (b.isObject() && b.has("role")) {
        role = b.get("role").asText();
        if (!Set.of("observer", "responder", "manager").contains(role)) {
          throw ApiError.invalid("role must be observer, responder or manager");
        }
      }
      String key = J.text(t, "id") + ":" + J.text(u, "id");
      ObjectNode m = J.obj();
      m.put("team_id", J.text(t, "id"));
      m.put("user_id", J.text(u, "id"));
      m.put("role", role);
      f.store.c("team_memberships").put(key, m);
      syncUserTeams(f, J.text(u, "id"));
      f.audit(req, "update", t, List.of("members"));
      return Resp.noContent();
    });
    r.add("DELETE", "/teams/{id}/users/{user_id}", req -> {
      ObjectNode t = f.store.require("teams", req.param("id"), "Team");
      ObjectNode u = f.store.require("users", req.param("user_id"), "User");
      f.store.c("team_memberships").remove(J.text(t, "id") + ":" + J.text(u, "id"));
      syncUserTeams(f, J.text(u, "id"));
      f.audit(req, "update", t, List.of("members"));
      return Resp.noContent();
    });
    r.add("GET", "/teams/{id}/members", req -> {
      ObjectNode t = f.store.require("teams", req.param("id"), "Team");
      List<ObjectNode> members = new ArrayList<>();
      for (ObjectNode m : f.store.c("team_memberships").values()) {
        ObjectNode u = f.store.get("users", J.text(m, "user_id"));
        if (J.text(t, "id").equals(J.text(m, "team_id")) && u != null) {
          ObjectNode o = J.obj();
          o.set("user", f.store.ref(u));
          o.put("role", J.text(m, "role"));
          members.add(o);
        }
      }
      return f.page(req, "members", members);
    });
    r.add("PUT", "/teams/{id}/escalation_policies/{ep_id}", req -> {
      ObjectNode t = f.store.require("teams", req.param("id"), "Team");
      ObjectNode ep = f.store.require("escalation_policies", req.param("ep_id"), "Escalation policy");
      if (!refListContains(ep.path("teams"), Set.of(J.text(t, "id")))) {
        ((ArrayNode) ep.withArray("teams")).add(f.store.ref(t));
      }
      syncServices(f);
      return Resp.noContent();
    });
    r.add("DELETE", "/teams/{id}/escalation_policies/{ep_id}", req -> {
      ObjectNode t = f.store.require("teams", req.param("id"), "Team");
      ObjectNode ep = f.store.require("escalation_policies", req.param("ep_id"), "Escalation policy");
      ArrayNode teams = ep.withArray("teams");
      for (int i = teams.size() - 1; i >= 0; i--) {
        if (J.text(t, "id").equals(J.text(teams.get(i), "id"))) {
          teams.remove(i);
        }
      }
      syncServices(f);
      return Resp.noContent();
    });
  }

  // ================================================================== escalation policies

  private static void applyEp(FakeServer f, ObjectNode ep, ObjectNode body, boolean create) {
    if (create || body.has("name")) {
      String name = requireText(body, "name", "escalation_policy", 255);
      ep.put("name", name);
      ep.put("summary", name);
    }
    if (body.has("description")) {
      String d = optText(body, "description", "escalation_policy", 1024);
      if (d == null) {
        ep.putNull("description");
      } else {
        ep.put("description", d);
      }
    }
    if (body.has("num_loops")) {
      JsonNode n = body.get("num_loops");
      if (!n.canConvertToInt() || n.asInt() < 0) {
        throw ApiError.invalid("escalation_policy.num_loops must be an integer >= 0");
      }
      ep.put("num_loops", n.asInt());
    }
    if (body.has("on_call_handoff_notifications")) {
      String v = optText(body, "on_call_handoff_notifications", "escalation_policy", 50);
      if (!"if_has_services".equals(v) && !"always".equals(v)) {
        throw ApiError.invalid("escalation_policy.on_call_handoff_notifications must be if_has_services or always");
      }
      ep.put("on_call_handoff_notifications", v);
    }
    if (body.has("teams")) {
      ep.set("teams", teamRefs(f, body.get("teams"), "escalation_policy.teams", 1));
    }
    if (create || body.has("escalation_rules")) {
      JsonNode rules = body.get("escalation_rules");
      if (rules == null || !rules.isArray() || rules.isEmpty()) {
        throw ApiError.invalid("escalation_policy.escalation_rules is required and must hold at least one rule");
      }
      ArrayNode out = J.arr();
      for (int i = 0; i < rules.size(); i++) {
        JsonNode rule = rules.get(i);
        String where = "escalation_policy.escalation_rules[" + i + "]";
        JsonNode delay = rule.get("escalation_delay_in_minutes");
        if (delay == null || !delay.canConvertToInt() || delay.asInt() < 0) {
          throw ApiError.invalid(where + ".escalation_delay_in_minutes is required and must be an integer >= 0");
        }
        JsonNode targets = rule.get("targets");
        if (targets == null || !targets.isArray() || targets.isEmpty() || targets.size() > 10) {
          throw ApiError.invalid(where + ".targets must hold 1 to 10 user or schedule references");
        }
        ObjectNode r = out.addObject();
        String rid = J.text(rule, "id");
        r.put("id", rid != null && rid.startsWith("P") ? rid : f.ids.next());
        r.put("escalation_delay_in_minutes", delay.asInt());
        ArrayNode ts = r.putArray("targets");
        for (int j = 0; j < targets.size(); j++) {
          JsonNode t = targets.get(j);
          String type = Objects.requireNonNullElse(J.text(t, "type"), "");
          String col = type.startsWith("user") ? "users" : type.startsWith("schedule") ? "schedules" : null;
          if (col == null) {
            throw ApiError.invalid(where + ".targets[" + j + "].type must be user_reference or schedule_reference (got '" + type + "')");
          }
          ObjectNode target = requireRef(f, t, where + ".targets[" + j + "]", col);
          ObjectNode ref = f.store.ref(target);
          ts.add(ref);
        }
        if (rule.hasNonNull("escalation_rule_assignment_strategy")) {
          r.set("escalation_rule_assignment_strategy", rule.get("escalation_rule_assignment_strategy"));
        }
      }
      ep.set("escalation_rules", out);
    }
  }

  private static void registerEscalationPolicies(Router r, FakeServer f) {
    r.add("GET", "/escalation_policies", req -> {
      List<ObjectNode> eps = query(req, all(f, "escalation_policies"), "name");
      List<String> users = req.qs("user_ids");
      if (!users.isEmpty()) {
        eps = filter(eps, ep -> {
          for (JsonNode rule : ep.path("escalation_rules")) {
            if (refListContains(rule.path("targets"), Set.copyOf(users))) {
              return true;
            }
          }
          return false;
        });
      }
      List<String> teams = req.qs("team_ids");
      if (!teams.isEmpty()) {
        eps = filter(eps, ep -> refListContains(ep.path("teams"), Set.copyOf(teams)));
      }
      return f.page(req, "escalation_policies", sortByName(req, eps, Set.of("name")));
    });
    r.add("POST", "/escalation_policies", req -> {
      ObjectNode body = req.entity("escalation_policy");
      checkType(body, "escalation_policy", "escalation_policy");
      ObjectNode ep = J.obj();
      ep.put("num_loops", 0);
      ep.put("on_call_handoff_notifications", "if_has_services");
      ep.putNull("description");
      ep.putArray("teams");
      ep.putArray("services");
      applyEp(f, ep, body, true);
      ObjectNode stored = f.newEntity("escalation_policies", "escalation_policy");
      stored.setAll(ep);
      f.store.stamp(stored);
      f.audit(req, "create", stored, changed(body));
      return Resp.created(wrap("escalation_policy", f.store.view(stored)));
    });
    r.add("GET", "/escalation_policies/{id}", req -> Resp.ok(wrap("escalation_policy",
        f.store.view(f.store.require("escalation_policies", req.param("id"), "Escalation policy"), FakeServer.includes(req)))));
    r.add("PUT", "/escalation_policies/{id}", req -> {
      ObjectNode ep = f.store.require("escalation_policies", req.param("id"), "Escalation policy");
      ObjectNode body = req.entity("escalation_policy");
      ObjectNode copy = ep.deepCopy();
      applyEp(f, copy, body, false);
      f.store.c("escalation_policies").put(J.text(ep, "id"), copy);
      syncServices(f);
      f.audit(req, "update", copy, changed(body), ep);
      return Resp.ok(wrap("escalation_policy", f.store.view(copy)));
    });
    r.add("DELETE", "/escalation_policies/{id}", req -> {
      ObjectNode ep = f.store.require("escalation_policies", req.param("id"), "Escalation policy");
      String id = J.text(ep, "id");
      for (ObjectNode s : f.store.c("services").values()) {
        if (id.equals(J.refId(s, "escalation_policy"))) {
          throw ApiError.of(400, 2001, "Invalid Input Provided",
              "Escalation policy " + id + " is used by service " + J.text(s, "id") + "; move the service to another policy first");
        }
      }
      f.store.c("escalation_policies").remove(id);
      f.audit(req, "delete", ep, List.of("name"));
      return Resp.noContent();
    });
  }

  /** Recomputes derived fields: EP.services and service.teams. */
  static void syncServices(FakeServer f) {
    for (ObjectNode ep : f.store.c("escalation_policies").values()) {
      ArrayNode services = ep.putArray("services");
      for (ObjectNode s : f.store.c("services").values()) {
        if (J.text(ep, "id").equals(J.refId(s, "escalation_policy"))) {
          services.add(f.store.ref(s));
        }
      }
    }
    for (ObjectNode s : f.store.c("services").values()) {
      ObjectNode ep = f.store.get("escalation_policies", J.refId(s, "escalation_policy"));
      s.set("teams", ep == null ? J.arr() : ep.path("teams").deepCopy());
    }
  }

  // ================================================================== services and integrations

  private static void applyService(FakeServer f, ObjectNode s, ObjectNode body, boolean create) {
    if (create || body.has("name")) {
      String name = requireText(body, "name", "service", 255);
      for (ObjectNode other : f.store.c("services").values()) {
        if (other != s && !Objects.equals(J.text(other, "id"), J.text(s, "id")) && name.equalsIgnoreCase(J.text(other, "name"))) {
          throw ApiError.invalid("service.name '" + name + "' has already been taken");
        }
      }
      s.put("name", name);
      s.put("summary", name);
    }
    if (body.has("description")) {
      String d = optText(body, "description", "service", 1024);
      if (d == null) {
        s.putNull("description");
      } else {
        s.put("description", d);
      }
    }
    if (create || body.has("escalation_policy")) {
      ObjectNode ep = requireRef(f, body.get("escalation_policy"), "service.escalation_policy", "escalation_policies");
      s.set("escalation_policy", f.store.ref(ep));
    }
    for (String fl : List.of("auto_resolve_timeout", "acknowledgement_timeout")) {
      if (body.has(fl)) {
        JsonNode v = body.get(fl);
        if (v.isNull()) {
          s.putNull(fl);
        } else if (!v.canConvertToLong() || v.asLong() < 0) {
          throw ApiError.invalid("service." + fl + " must be a number of seconds >= 0, or null to disable");
        } else {
          s.put(fl, v.asLong());
        }
      }
    }
    if (body.has("status")) {
      String st = optText(body, "status", "service", 20);
      if (st == null || !SERVICE_STATUSES.contains(st)) {
        throw ApiError.invalid("service.status must be one of " + SERVICE_STATUSES);
      }
      if (create && !st.equals("active")) {
        throw ApiError.invalid("service.status must be active when creating a service");
      }
      s.put("status", st);
    }
    if (body.has("incident_urgency_rule")) {
      JsonNode rule = body.get("incident_urgency_rule");
      String type = J.text(rule, "type");
      if (!"constant".equals(type) && !"use_support_hours".equals(type)) {
        throw ApiError.invalid("service.incident_urgency_rule.type must be constant or use_support_hours");
      }
      if ("constant".equals(type) && !Set.of("high", "low", "severity_based").contains(String.valueOf(J.text(rule, "urgency")))) {
        throw ApiError.invalid("service.incident_urgency_rule.urgency must be high, low or severity_based");
      }
      s.set("incident_urgency_rule", rule.deepCopy());
    }
    for (String fl : List.of("support_hours", "scheduled_actions", "alert_creation", "alert_grouping_parameters",
        "auto_pause_notifications_parameters", "alert_grouping", "alert_grouping_timeout", "response_play")) {
      if (body.has(fl)) {
        s.set(fl, body.get(fl).deepCopy());
      }
    }
  }

  private static void registerServices(Router r, FakeServer f) {
    r.add("GET", "/services", req -> {
      List<ObjectNode> services = query(req, all(f, "services"), "name");
      String name = req.q("name");
      if (name != null) {
        services = filter(services, s -> name.equals(J.text(s, "name")));
      }
      List<String> teams = req.qs("team_ids");
      if (!teams.isEmpty()) {
        services = filter(services, s -> refListContains(s.path("teams"), Set.copyOf(teams)));
      }
      return f.page(req, "services", sortByName(req, services, Set.of("name")));
    });
    r.add("POST", "/services", req -> {
      ObjectNode body = req.entity("service");
      checkType(body, "service", "service");
      ObjectNode s = J.obj();
      s.putNull("description");
      s.put("auto_resolve_timeout", 14400);
      s.put("acknowledgement_timeout", 1800);
      s.put("status", "active");
      ObjectNode rule = s.putObject("incident_urgency_rule");
      rule.put("type", "constant");
      rule.put("urgency", "high");
      s.putNull("support_hours");
      s.putArray("scheduled_actions");
      s.put("alert_creation", "create_alerts_and_incidents");
      ObjectNode agp = s.putObject("alert_grouping_parameters");
      agp.putNull("type");
      ObjectNode apn = s.putObject("auto_pause_notifications_parameters");
      apn.put("enabled", false);
      apn.putNull("timeout");
      applyService(f, s, body, true);
      ObjectNode stored = f.newEntity("services", "service");
      stored.setAll(s);
      f.store.stamp(stored);
      stored.put("created_at", f.nowTs());
      stored.putNull("last_incident_timestamp");
      stored.putArray("integrations");
      stored.putArray("addons");
      stored.putArray("teams");
      syncServices(f);
      f.audit(req, "create", stored, changed(body));
      return Resp.created(wrap("service", f.store.view(stored, FakeServer.includes(req))));
    });
    r.add("GET", "/services/{id}", req -> Resp.ok(wrap("service",
        f.store.view(f.store.require("services", req.param("id"), "Service"), FakeServer.includes(req)))));
    r.add("PUT", "/services/{id}", req -> {
      ObjectNode s = f.store.require("services", req.param("id"), "Service");
      ObjectNode body = req.entity("service");
      ObjectNode copy = s.deepCopy();
      applyService(f, copy, body, false);
      f.store.c("services").put(J.text(s, "id"), copy);
      syncServices(f);
      f.audit(req, "update", copy, changed(body), s);
      return Resp.ok(wrap("service", f.store.view(copy)));
    });
    r.add("DELETE", "/services/{id}", req -> {
      ObjectNode s = f.store.require("services", req.param("id"), "Service");
      String id = J.text(s, "id");
      f.store.c("services").remove(id);
      f.store.c("integrations").values().removeIf(i -> id.equals(J.text(i, "_service_id")));
      syncServices(f);
      f.audit(req, "delete", s, List.of("name"));
      return Resp.noContent();
    });
    r.add("POST", "/services/{id}/integrations", req -> {
      ObjectNode s = f.store.require("services", req.param("id"), "Service");
      ObjectNode body = req.entity("integration");
      ObjectNode i = createIntegration(f, s, body);
      f.audit(req, "update", s, List.of("integrations"));
      return Resp.created(wrap("integration", f.store.view(i, FakeServer.includes(req))));
    });
    r.add("GET", "/services/{id}/integrations/{integration_id}", req -> {
      ObjectNode i = integrationOf(f, req);
      return Resp.ok(wrap("integration", f.store.view(i, FakeServer.includes(req))));
    });
    r.add("PUT", "/services/{id}/integrations/{integration_id}", req -> {
      ObjectNode i = integrationOf(f, req);
      ObjectNode body = req.entity("integration");
      if (body.has("name")) {
        String name = requireText(body, "name", "integration", 255);
        i.put("name", name);
        i.put("summary", name);
      }
      for (String fl : List.of("integration_email", "email_incident_creation", "email_filter_mode", "email_parsers",
          "email_parsing_fallback", "email_filters")) {
        if (body.has(fl)) {
          i.set(fl, body.get(fl).deepCopy());
        }
      }
      return Resp.ok(wrap("integration", f.store.view(i)));
    });
    r.add("DELETE", "/services/{id}/integrations/{integration_id}", req -> {
      ObjectNode i = integrationOf(f, req);
      f.store.c("integrations").remove(J.text(i, "id"));
      ObjectNode s = f.store.get("services", J.text(i, "_service_id"));
      if (s != null) {
        ArrayNode ints = s.withArray("integrations");
        for (int k = ints.size() - 1; k >= 0; k--) {
          if (J.text(i, "id").equals(J.text(ints.get(k), "id"))) {
            ints.remove(k);
          }
        }
      }
      return Resp.noContent();
    });
  }

  private static ObjectNode integrationOf(FakeServer f, Req req) {
    ObjectNode s = f.store.require("services", req.param("id"), "Service");
    ObjectNode i = f.store.get("integrations", req.param("integration_id"));
    if (i == null || !J.text(s, "id").equals(J.text(i, "_service_id"))) {
      throw ApiError.notFound("Integration " + req.param("integration_id") + " not found on service " + J.text(s, "id"));
    }
    return i;
  }

  static ObjectNode createIntegration(FakeServer f, ObjectNode service, ObjectNode body) {
    String type = J.text(body, "type");
    if (type == null || !type.endsWith("_integration") && !type.endsWith("_integration_reference")) {
      throw ApiError.invalid("integration.type is required, e.g. events_api_v2_inbound_integration");
    }
    if (type.endsWith("_reference")) {
      type = type.substring(0, type.length() - "_reference".length());
    }
    boolean email = type.contains("email");
    String mail = J.text(body, "integration_email");
    if (email && mail == null) {
      throw ApiError.invalid("integration.integration_email is required for " + type);
    }
    ObjectNode i = f.newEntity("integrations", type);
    String name = J.text(body, "name");
    if (name == null || name.isBlank()) {
      name = type.equals("events_api_v2_inbound_integration") ? "Events API V2" : type.replace('_', ' ');
    }
    i.put("_service_id", J.text(service, "id"));
    i.put("summary", name);
    f.store.stamp(i);
    i.put("name", name);
    i.set("service", f.store.ref(service));
    i.put("created_at", f.nowTs());
    if (body.hasNonNull("vendor")) {
      i.set("vendor", body.get("vendor").deepCopy());
    } else {
      i.putNull("vendor");
    }
    if (email) {
      i.put("integration_email", mail);
    } else {
      i.put("integration_key", f.ids.integrationKey());
    }
    service.withArray("integrations").add(f.store.ref(i));
    return i;
  }

  // ================================================================== schedules

  private static void applySchedule(FakeServer f, ObjectNode s, ObjectNode body, boolean create) {
    if (body.has("name") || create) {
      String name = body.hasNonNull("name") ? requireText(body, "name", "schedule", 255) : "Schedule";
      s.put("name", name);
      s.put("summary", name);
    }
    if (create || body.has("time_zone")) {
      String tz = requireText(body, "time_zone", "schedule", 100);
      try {
        java.time.ZoneId.of(tz);
      } catch (RuntimeException e) {
        throw ApiError.invalid("schedule.time_zone '" + tz + "' is not a known time zone (use an IANA name such as Europe/Berlin)");
      }
      s.put("time_zone", tz);
    }
    if (body.has("description")) {
      String d = optText(body, "description", "schedule", 1024);
      if (d == null) {
        s.putNull("description");
      } else {
        s.put("description", d);
      }
    }
    if (body.has("teams")) {
      s.set("teams", teamRefs(f, body.get("teams"), "schedule.teams", 100));
    }
    if (create || body.has("schedule_layers")) {
      JsonNode layers = body.get("schedule_layers");
      if (layers == null || !layers.isArray()) {
        throw ApiError.invalid("schedule.schedule_layers is required (an array of layers)");
      }
      ArrayNode out = J.arr();
      for (int i = 0; i < layers.size(); i++) {
        JsonNode l = layers.get(i);
        String where = "schedule.schedule_layers[" + i + "]";
        ObjectNode o = out.addObject();
        String lid = J.text(l, "id");
        o.put("id", lid != null && lid.startsWith("P") ? lid : f.ids.next());
        o.put("name", Objects.requireNonNullElse(J.text(l, "name"), "Layer " + (i + 1)));
        for (String fl : List.of("start", "rotation_virtual_start")) {
          String v = J.text(l, fl);
          if (v == null || SimpleOnCall.time(v) == null) {
            throw ApiError.invalid(where + "." + fl + " is required and must be an ISO 8601 timestamp");
          }
          o.put(fl, v);
        }
        String end = J.text(l, "end");
        if (end != null && SimpleOnCall.time(end) == null) {
          throw ApiError.invalid(where + ".end must be an ISO 8601 timestamp or null");
        }
        if (end == null) {
          o.putNull("end");
        } else {
          o.put("end", end);
        }
        JsonNode turn = l.get("rotation_turn_length_seconds");
        if (turn == null || !turn.canConvertToLong() || turn.asLong() < 1) {
          throw ApiError.invalid(where + ".rotation_turn_length_seconds is required and must be >= 1");
        }
        o.put("rotation_turn_length_seconds", turn.asLong());
        JsonNode users = l.get("users");
        if (users == null || !users.isArray() || users.isEmpty()) {
          throw ApiError.invalid(where + ".users is required: [{\"user\": {\"id\": ..., \"type\": \"user_reference\"}}]");
        }
        ArrayNode us = o.putArray("users");
        for (int j = 0; j < users.size(); j++) {
          ObjectNode u = requireRef(f, users.get(j).get("user"), where + ".users[" + j + "].user", "users");
          us.addObject().set("user", f.store.ref(u));
        }
        JsonNode restr = l.get("restrictions");
        o.set("restrictions", EngineOnCall.restrictionsJson(EngineOnCall.restrictions(restr, where)));
        o.putArray("rendered_schedule_entries");
        o.put("rendered_coverage_percentage", 0.0);
      }
      s.set("schedule_layers", out);
      ArrayNode users = s.putArray("users");
      Set<String> seen = new LinkedHashSet<>();
      for (JsonNode l : out) {
        for (JsonNode u : l.path("users")) {
          String uid = J.refId(u, "user");
          if (seen.add(uid)) {
            users.add(u.get("user").deepCopy());
          }
        }
      }
    }
  }

  /** Schedule view with rendered entries for the window (when given). */
  private static ObjectNode scheduleView(FakeServer f, Req req, ObjectNode s) {
    ObjectNode v = f.store.view(s, FakeServer.includes(req));
    ArrayNode eps = v.putArray("escalation_policies");
    for (ObjectNode ep : f.store.c("escalation_policies").values()) {
      for (JsonNode rule : ep.path("escalation_rules")) {
        if (refListContains(rule.path("targets"), Set.of(J.text(s, "id")))) {
          eps.add(f.store.ref(ep));
          break;
        }
      }
    }
    Instant since = time(req, "since");
    Instant until = time(req, "until");
    ObjectNode fin = v.putObject("final_schedule");
    fin.put("name", "Final Schedule");
    ObjectNode ovr = v.putObject("overrides_subschedule");
    ovr.put("name", "Overrides");
    if (since != null && until != null && until.isAfter(since)) {
      List<Schedules.Entry> entries = Schedules.renderFinal(f.store, s, since, until);
      fin.set("rendered_schedule_entries", Schedules.entriesJson(f.store, entries));
      fin.put("rendered_coverage_percentage", Schedules.coverage(entries, since, until));
      List<Schedules.Entry> o = Schedules.renderOverrides(f.store, s, since, until);
      ovr.set("rendered_schedule_entries", Schedules.entriesJson(f.store, o));
      ovr.put("rendered_coverage_percentage", Schedules.coverage(o, since, until));
      ArrayNode layers = (ArrayNode) v.path("schedule_layers");
      for (int i = 0; i < layers.size(); i++) {
        ObjectNode l = (ObjectNode) layers.get(i);
        List<Schedules.Entry> le = Schedules.renderLayer(f.store, s, i, since, until);
        l.set("rendered_schedule_entries", Schedules.entriesJson(f.store, le));
        l.put("rendered_coverage_percentage", Schedules.coverage(le, since, until));
      }
    } else {
      fin.putArray("rendered_schedule_entries");
      fin.put("rendered_coverage_percentage", 0.0);
      ovr.putArray("rendered_schedule_entries");
      ovr.put("rendered_coverage_percentage", 0.0);
    }
    return v;
  }

  static @Nullable Instant time(Req req, String name) {
    String v = req.q(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    Instant t = SimpleOnCall.time(v);
    if (t == null) {
      throw ApiError.of(400, 2004, "Invalid since or until", name + " must be an ISO 8601 timestamp (got '" + v + "')");
    }
    return t;
  }

  private static void registerSchedules(Router r, FakeServer f) {
    r.add("GET", "/schedules", req -> {
      List<ObjectNode> list = query(req, all(f, "schedules"), "name");
      // the list omits layers unless include[]=schedule_layers asks for them, as PagerDuty's does
      boolean layers = req.qs("include").contains("schedule_layers");
      List<ObjectNode> views = new ArrayList<>();
      for (ObjectNode s : list) {
        ObjectNode v = s.deepCopy();
        if (!layers) {
          v.remove("schedule_layers");
        }
        views.add(v);
      }
      return f.page(req, "schedules", views);
    });
    r.add("POST", "/schedules", req -> {
      ObjectNode body = req.entity("schedule");
      checkType(body, "schedule", "schedule");
      ObjectNode s = J.obj();
      s.putNull("description");
      s.putArray("teams");
      applySchedule(f, s, body, true);
      ObjectNode stored = f.newEntity("schedules", "schedule");
      stored.setAll(s);
      f.store.stamp(stored);
      f.audit(req, "create", stored, changed(body));
      return Resp.created(wrap("schedule", scheduleView(f, req, stored)));
    });
    r.add("POST", "/schedules/preview", req -> {
      ObjectNode body = req.entity("schedule");
      ObjectNode s = J.obj();
      s.putNull("description");
      s.putArray("teams");
      applySchedule(f, s, body, true);
      s.put("id", "PREVIEW");
      s.put("type", "schedule");
      return Resp.ok(wrap("schedule", scheduleView(f, req, s)));
    });
    r.add("GET", "/schedules/{id}", req -> Resp.ok(wrap("schedule",
        scheduleView(f, req, f.store.require("schedules", req.param("id"), "Schedule")))));
    r.add("PUT", "/schedules/{id}", req -> {
      ObjectNode s = f.store.require("schedules", req.param("id"), "Schedule");
      ObjectNode body = req.entity("schedule");
      ObjectNode copy = s.deepCopy();
      applySchedule(f, copy, body, false);
      f.store.c("schedules").put(J.text(s, "id"), copy);
      f.audit(req, "update", copy, changed(body), s);
      return Resp.ok(wrap("schedule", scheduleView(f, req, copy)));
    });
    r.add("DELETE", "/schedules/{id}", req -> {
      ObjectNode s = f.store.require("schedules", req.param("id"), "Schedule");
      String id = J.text(s, "id");
      for (ObjectNode ep : f.store.c("escalation_policies").values()) {
        for (JsonNode rule : ep.path("escalation_rules")) {
          if (refListContains(rule.path("targets"), Set.of(id))) {
            throw ApiError.invalid("Schedule " + id + " is a target of escalation policy " + J.text(ep, "id")
                + "; remove it from the policy first");
          }
        }
      }
      f.store.c("schedules").remove(id);
      f.store.c("overrides").values().removeIf(o -> id.equals(J.text(o, "_schedule_id")));
      f.audit(req, "delete", s, List.of("name"));
      return Resp.noContent();
    });
    r.add("GET", "/schedules/{id}/users", req -> {
      ObjectNode s = f.store.require("schedules", req.param("id"), "Schedule");
      Instant since = Objects.requireNonNullElse(time(req, "since"), f.now());
      Instant until = Objects.requireNonNullElse(time(req, "until"), since.plus(Duration.ofDays(7)));
      Set<String> ids = new LinkedHashSet<>();
      for (Schedules.Entry e : Schedules.renderFinal(f.store, s, since, until)) {
        ids.add(e.userId());
      }
      ArrayNode users = J.arr();
      for (String id : ids) {
        ObjectNode u = f.store.get("users", id);
        if (u != null) {
          users.add(f.store.view(u));
        }
      }
      return Resp.ok(wrap("users", users));
    });
    r.add("GET", "/schedules/{id}/overrides", req -> {
      ObjectNode s = f.store.require("schedules", req.param("id"), "Schedule");
      Instant since = time(req, "since");
      Instant until = time(req, "until");
      if (since == null || until == null) {
        throw ApiError.invalid("since and until are required for GET /schedules/{id}/overrides");
      }
      ArrayNode out = J.arr();
      for (ObjectNode o : f.store.c("overrides").values()) {
        Instant os = SimpleOnCall.time(J.text(o, "start"));
        Instant oe = SimpleOnCall.time(J.text(o, "end"));
        if (J.text(s, "id").equals(J.text(o, "_schedule_id")) && os != null && oe != null
            && oe.isAfter(since) && os.isBefore(until)) {
          out.add(f.store.view(o));
        }
      }
      return Resp.ok(wrap("overrides", out));
    });
    r.add("POST", "/schedules/{id}/overrides", req -> {
      ObjectNode s = f.store.require("schedules", req.param("id"), "Schedule");
      JsonNode root = req.json();
      if (root.has("override") && root.get("override").isObject()) {
        ObjectNode o = createOverride(f, s, root.get("override"), "override");
        return Resp.created(wrap("override", f.store.view(o)));
      }
      JsonNode list = root.get("overrides");
      if (list == null || !list.isArray()) {
        throw ApiError.invalid("body must be {\"overrides\": [{\"start\",\"end\",\"user\"}]}");
      }
      ArrayNode out = J.arr();
      for (int i = 0; i < list.size(); i++) {
        ObjectNode item = out.addObject();
        try {
          ObjectNode o = createOverride(f, s, list.get(i), "overrides[" + i + "]");
          item.put("status", 201);
          item.set("override", f.store.view(o));
        } catch (ApiError e) {
          item.put("status", 400);
          ArrayNode errs = item.putArray("errors");
          e.errors.forEach(errs::add);
          item.set("override", list.get(i).deepCopy());
        }
      }
      return Resp.created(out);
    });
    r.add("DELETE", "/schedules/{id}/overrides/{override_id}", req -> {
      ObjectNode s = f.store.require("schedules", req.param("id"), "Schedule");
      ObjectNode o = f.store.get("overrides", req.param("override_id"));
      if (o == null || !J.text(s, "id").equals(J.text(o, "_schedule_id"))) {
        throw ApiError.of(404, 4004, "Override not found", "Override " + req.param("override_id") + " not found");
      }
      Instant start = SimpleOnCall.time(J.text(o, "start"));
      Instant end = SimpleOnCall.time(J.text(o, "end"));
      Instant now = f.now();
      if (start != null && end != null && start.isBefore(now) && end.isAfter(now)) {
        o.put("end", J.ts(now)); // an override in progress is truncated, not deleted
        return Resp.ok(wrap("override", f.store.view(o)));
      }
      f.store.c("overrides").remove(J.text(o, "id"));
      return Resp.noContent();
    });
  }

  private static ObjectNode createOverride(FakeServer f, ObjectNode schedule, JsonNode body, String where) {
    Instant start = SimpleOnCall.time(J.text(body, "start"));
    Instant end = SimpleOnCall.time(J.text(body, "end"));
    if (start == null || end == null) {
      throw ApiError.invalid(where + ".start and .end are required ISO 8601 timestamps");
    }
    if (!end.isAfter(start)) {
      throw ApiError.invalid(where + ".end must be after start");
    }
    ObjectNode user = requireRef(f, body.get("user"), where + ".user", "users");
    ObjectNode o = f.newEntity("overrides", "override");
    o.remove("summary");
    o.put("_schedule_id", J.text(schedule, "id"));
    f.store.stamp(o);
    o.put("start", J.ts(start));
    o.put("end", J.ts(end));
    o.set("user", f.store.ref(user));
    return o;
  }

  // ================================================================== on-calls

  private static void registerOncalls(Router r, FakeServer f) {
    r.add("GET", "/oncalls", req -> {
      Instant since = Objects.requireNonNullElse(time(req, "since"), f.now());
      Instant until = Objects.requireNonNullElse(time(req, "until"), since);
      if (until.isBefore(since)) {
        throw ApiError.of(400, 2004, "Invalid since or until", "until must not be before since");
      }
      Set<String> userIds = Set.copyOf(req.qs("user_ids"));
      Set<String> epIds = Set.copyOf(req.qs("escalation_policy_ids"));
      Set<String> scheduleIds = Set.copyOf(req.qs("schedule_ids"));
      boolean earliest = req.qBool("earliest");
      List<ObjectNode> out = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (ObjectNode ep : f.store.c("escalation_policies").values()) {
        if (!epIds.isEmpty() && !epIds.contains(J.text(ep, "id"))) {
          continue;
        }
        JsonNode rules = ep.path("escalation_rules");
        for (int level = 1; level <= rules.size(); level++) {
          for (JsonNode t : rules.get(level - 1).path("targets")) {
            String type = Objects.requireNonNullElse(J.text(t, "type"), "");
            String tid = J.text(t, "id");
            if (type.startsWith("user")) {
              if (!scheduleIds.isEmpty()) {
                continue;
              }
              out.add(oncall(f, ep, level, null, tid, null, null));
            } else {
              ObjectNode s = f.store.get("schedules", tid);
              if (s == null || (!scheduleIds.isEmpty() && !scheduleIds.contains(tid))) {
                continue;
              }
              Instant end = until.isAfter(since) ? until : since.plusSeconds(1);
              for (Schedules.Entry e : Schedules.renderFinal(f.store, s, since, end)) {
                out.add(oncall(f, ep, level, s, e.userId(), e.start(), e.end()));
              }
            }
          }
        }
      }
      List<ObjectNode> filtered = new ArrayList<>();
      for (ObjectNode o : out) {
        String uid = J.refId(o, "user");
        if (!userIds.isEmpty() && !userIds.contains(uid)) {
          continue;
        }
        if (earliest && !seen.add(J.refId(o, "escalation_policy") + "/" + o.path("escalation_level").asInt() + "/" + uid)) {
          continue;
        }
        filtered.add(o);
      }
      filtered.sort(Comparator.comparingInt(o -> o.path("escalation_level").asInt()));
      return f.page(req, "oncalls", filtered);
    });
  }

  private static ObjectNode oncall(FakeServer f, ObjectNode ep, int level, @Nullable ObjectNode schedule, String userId,
      @Nullable Instant start, @Nullable Instant end) {
    ObjectNode o = J.obj();
    o.set("escalation_policy", f.store.ref(ep));
    o.put("escalation_level", level);
    // a direct user target has no schedule: the field is left out (the document's type is not nullable)
    if (schedule != null) {
      o.set("schedule", f.store.ref(schedule));
    }
    ObjectNode u = f.store.get("users", userId);
    if (u != null) {
      o.set("user", f.store.ref(u));
    } else {
      ObjectNode ref = o.putObject("user");
      ref.put("id", userId);
      ref.put("type", "user_reference");
    }
    if (start == null) {
      o.putNull("start");
    } else {
      o.put("start", J.ts(start));
    }
    if (end == null) {
      o.putNull("end");
    } else {
      o.put("end", J.ts(end));
    }
    return o;
  }

  // ================================================================== maintenance windows

  private static void applyWindow(FakeServer f, ObjectNode mw, ObjectNode body, boolean create) {
    Instant now = f.now();
    Instant start = create || body.has("start_time") ? SimpleOnCall.time(J.text(body, "start_time"))
        : SimpleOnCall.time(J.text(mw, "start_time"));
    Instant end = create || body.has("end_time") ? SimpleOnCall.time(J.text(body, "end_time"))
        : SimpleOnCall.time(J.text(mw, "end_time"));
    if (start == null) {
      throw ApiError.invalid("maintenance_window.start_time is required (ISO 8601)");
    }
    if (end == null) {
      throw ApiError.invalid("maintenance_window.end_time is required (ISO 8601)");
    }
    if (start.isBefore(now)) {
      start = now; // a start in the past is moved to now
    }
    if (!end.isAfter(now)) {
      throw ApiError.invalid("maintenance_window.end_time must be in the future");
    }
    if (!end.isAfter(start)) {
      throw ApiError.invalid("maintenance_window.end_time must be after start_time");
    }
    mw.put("start_time", J.ts(start));
    mw.put("end_time", J.ts(end));
    if (body.has("description")) {
      String d = optText(body, "description", "maintenance_window", 1024);
      if (d == null) {
        mw.putNull("description");
      } else {
        mw.put("description", d);
        mw.put("summary", d);
      }
    }
    if (create || body.has("services")) {
      JsonNode services = body.get("services");
      if (services == null || !services.isArray() || services.isEmpty()) {
        throw ApiError.invalid("maintenance_window.services is required: at least one service reference");
      }
      ArrayNode refs = J.arr();
      Set<String> teams = new LinkedHashSet<>();
      ArrayNode teamRefs = J.arr();
      for (int i = 0; i < services.size(); i++) {
        ObjectNode s = requireRef(f, services.get(i), "maintenance_window.services[" + i + "]", "services");
        refs.add(f.store.ref(s));
        for (JsonNode t : s.path("teams")) {
          if (teams.add(J.text(t, "id"))) {
            teamRefs.add(t.deepCopy());
          }
        }
      }
      mw.set("services", refs);
      mw.set("teams", teamRefs);
    }
  }

  private static void registerMaintenanceWindows(Router r, FakeServer f) {
    r.add("GET", "/maintenance_windows", req -> {
      List<ObjectNode> list = query(req, all(f, "maintenance_windows"), "description");
      String filter = Objects.requireNonNullElse(req.q("filter"), "all");
      Instant now = f.now();
      if (!Set.of("past", "future", "ongoing", "open", "all").contains(filter)) {
        throw ApiError.invalid("filter must be past, future, ongoing, open or all");
      }
      list = filter(list, mw -> {
        Instant s = SimpleOnCall.time(J.text(mw, "start_time"));
        Instant e = SimpleOnCall.time(J.text(mw, "end_time"));
        boolean past = !e.isAfter(now);
        boolean future = s.isAfter(now);
        boolean ongoing = !past && !future;
        return switch (filter) {
          case "past" -> past;
          case "future" -> future;
          case "ongoing" -> ongoing;
          case "open" -> !past;
          default -> true;
        };
      });
      Set<String> services = Set.copyOf(req.qs("service_ids"));
      if (!services.isEmpty()) {
        list = filter(list, mw -> refListContains(mw.path("services"), services));
      }
      Set<String> teams = Set.copyOf(req.qs("team_ids"));
      if (!teams.isEmpty()) {
        list = filter(list, mw -> refListContains(mw.path("teams"), teams));
      }
      return f.page(req, "maintenance_windows", list);
    });
    r.add("POST", "/maintenance_windows", req -> {
      ObjectNode body = req.entity("maintenance_window");
      checkType(body, "maintenance_window", "maintenance_window");
      ObjectNode user = f.fromUser(req);
      ObjectNode mw = J.obj();
      mw.putNull("description");
      mw.put("summary", "Maintenance window");
      applyWindow(f, mw, body, true);
      ObjectNode stored = f.newEntity("maintenance_windows", "maintenance_window");
      String summary = J.text(mw, "summary");
      stored.setAll(mw);
      stored.put("summary", summary);
      f.store.stamp(stored);
      stored.put("sequence_number", f.store.c("maintenance_windows").size());
      stored.set("created_by", f.store.ref(user));
      return Resp.created(wrap("maintenance_window", f.store.view(stored, FakeServer.includes(req))));
    });
    r.add("GET", "/maintenance_windows/{id}", req -> Resp.ok(wrap("maintenance_window",
        f.store.view(f.store.require("maintenance_windows", req.param("id"), "Maintenance window"), FakeServer.includes(req)))));
    r.add("PUT", "/maintenance_windows/{id}", req -> {
      ObjectNode mw = f.store.require("maintenance_windows", req.param("id"), "Maintenance window");
      Instant end = SimpleOnCall.time(J.text(mw, "end_time"));
      if (end != null && !end.isAfter(f.now())) {
        throw ApiError.of(400, 5003, "Maintenance window has ended", "A maintenance window that has ended cannot be changed");
      }
      ObjectNode body = req.entity("maintenance_window");
      ObjectNode copy = mw.deepCopy();
      applyWindow(f, copy, body, false);
      f.store.c("maintenance_windows").put(J.text(mw, "id"), copy);
      return Resp.ok(wrap("maintenance_window", f.store.view(copy)));
    });
    r.add("DELETE", "/maintenance_windows/{id}", req -> {
      ObjectNode mw = f.store.require("maintenance_windows", req.param("id"), "Maintenance window");
      Instant start = SimpleOnCall.time(J.text(mw, "start_time"));
      Instant end = SimpleOnCall.time(J.text(mw, "end_time"));
      Instant now = f.now();
      if (end != null && !end.isAfter(now)) {
        throw ApiError.of(405, 5003, "Cannot cancel a past maintenance window",
            "Maintenance window " + J.text(mw, "id") + " has already ended and cannot be deleted");
      }
      if (start != null && !start.isAfter(now)) {
        mw.put("end_time", J.ts(now)); // an ongoing window is ended now
      } else {
        f.store.c("maintenance_windows").remove(J.text(mw, "id"));
      }
      return Resp.noContent();
    });
  }

  // ================================================================== change events

  private static void registerChangeEvents(Router r, FakeServer f) {
    r.add("GET", "/change_events", req -> f.page(req, "change_events", changeEvents(f, req, null)));
    r.add("GET", "/change_events/{id}", req -> Resp.ok(wrap("change_event",
        f.store.view(f.store.require("change_events", req.param("id"), "Change event")))));
    r.add("GET", "/services/{id}/change_events", req -> {
      ObjectNode s = f.store.require("services", req.param("id"), "Service");
      return f.page(req, "change_events", changeEvents(f, req, J.text(s, "id")));
    });
  }

  private static List<ObjectNode> changeEvents(FakeServer f, Req req, @Nullable String serviceId) {
    Instant since = time(req, "since");
    Instant until = time(req, "until");
    Set<String> integrations = Set.copyOf(req.qs("integration_ids"));
    Set<String> teams = Set.copyOf(req.qs("team_ids"));
    List<ObjectNode> out = filter(all(f, "change_events"), ce -> {
      Instant t = SimpleOnCall.time(J.text(ce, "timestamp"));
      if (since != null && t != null && t.isBefore(since) || until != null && t != null && !t.isBefore(until)) {
        return false;
      }
      if (serviceId != null && !refListContains(ce.path("services"), Set.of(serviceId))) {
        return false;
      }
      if (!integrations.isEmpty() && !integrations.contains(J.refId(ce, "integration"))) {
        return false;
      }
      if (!teams.isEmpty()) {
        for (JsonNode sref : ce.path("services")) {
          ObjectNode s = f.store.get("services", J.text(sref, "id"));
          if (s != null && refListContains(s.path("teams"), teams)) {
            return true;
          }
        }
        return false;
      }
      return true;
    });
    java.util.Collections.reverse(out); // newest first
    return out;
  }

  // ================================================================== audit records

  private static void registerAudit(Router r, FakeServer f) {
    r.add("GET", "/audit/records", req -> audit(f, req, null, null));
    for (String[] p : new String[][] {{"users", "user"}, {"teams", "team"}, {"schedules", "schedule"},
        {"escalation_policies", "escalation_policy"}, {"services", "service"}}) {
      r.add("GET", "/" + p[0] + "/{id}/audit/records", req -> {
        String id = req.param("id");
        boolean exists = f.store.get(p[0], id) != null;
        boolean audited = f.store.c("audit_records").values().stream().anyMatch(a -> id.equals(J.text(a, "_root_id")));
        if (!exists && !audited) {
          throw ApiError.notFound(p[1] + " " + id + " not found");
        }
        return audit(f, req, p[1], id);
      });
    }
  }

  private static Resp audit(FakeServer f, Req req, @Nullable String rootType, @Nullable String rootId) {
    Instant now = f.now();
    Instant since = Objects.requireNonNullElse(time(req, "since"), now.minus(Duration.ofHours(24)));
    Instant until = Objects.requireNonNullElse(time(req, "until"), now.plusSeconds(1));
    if (Duration.between(since, until).compareTo(Duration.ofDays(31)) > 0) {
      throw ApiError.of(400, 2004, "Invalid since or until", "until must be within 31 days of since");
    }
    if (until.isBefore(since)) {
      throw ApiError.of(400, 2004, "Invalid since or until", "until must not be before since");
    }
    int limit = FakeServer.intParam(req, "limit", 100);
    if (limit < 1) {
      throw ApiError.invalid("limit must be >= 1");
    }
    limit = Math.min(limit, 1000);
    Set<String> types = Set.copyOf(req.qs("root_resource_types"));
    Set<String> actions = Set.copyOf(req.qs("actions"));
    String actorId = req.q("actor_id");
    List<ObjectNode> list = new ArrayList<>(f.store.c("audit_records").values());
    java.util.Collections.reverse(list); // newest first
    list = filter(list, a -> {
      Instant t = SimpleOnCall.time(J.text(a, "execution_time"));
      if (t != null && (t.isBefore(since) || !t.isBefore(until))) {
        return false;
      }
      if (rootId != null && (!rootId.equals(J.text(a, "_root_id")) || !rootType.equals(J.text(a, "_root_type")))) {
        return false;
      }
      if (!types.isEmpty() && !types.contains(J.text(a, "_root_type"))) {
        return false;
      }
      if (!actions.isEmpty() && !actions.contains(J.text(a, "action"))) {
        return false;
      }
      if (actorId != null) {
        for (JsonNode actor : a.path("actors")) {
          if (actorId.equals(J.text(actor, "id"))) {
            return true;
          }
        }
        return false;
      }
      return true;
    });
    int offset = FakeServer.offsetOfCursor(req.q("cursor"));
    ObjectNode body = J.obj();
    ArrayNode recs = body.putArray("records");
    for (int i = offset; i < Math.min(list.size(), offset + limit); i++) {
      ObjectNode v = list.get(i).deepCopy();
      v.remove(List.of("_root_type", "_root_id", "_seq"));
      recs.add(v);
    }
    body.put("limit", limit);
    if (offset + limit < list.size()) {
      body.put("next_cursor", FakeServer.cursorOf(offset + limit));
    } else {
      body.putNull("next_cursor");
    }
    return Resp.ok(body);
  }
}
