package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.testkit.SeededService;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Seeding helpers behind {@code FakePagerDuty.seed*}: the same validation as the REST API. */
public final class Seeding {
  private Seeding() {}

  public static String user(FakeServer f, String email, @Nullable String name, String role) {
    return f.inLock(() -> {
      if (f.userByEmail(email) != null) {
        throw new IllegalArgumentException("a user with e-mail " + email + " already exists");
      }
      return J.text(RestApi.newUser(f, email, name, role), "id");
    });
  }

  public static @Nullable String userId(FakeServer f, String email) {
    return f.inLock(() -> {
      ObjectNode u = f.userByEmail(email);
      return u == null ? null : J.text(u, "id");
    });
  }

  public static String escalationPolicy(FakeServer f, String name, List<List<String>> levels, int delayMinutes, int numLoops) {
    if (levels.isEmpty() || levels.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("an escalation policy needs at least one level, each with at least one user");
    }
    return f.inLock(() -> J.text(createEp(f, name, levels, delayMinutes, numLoops), "id"));
  }

  private static ObjectNode createEp(FakeServer f, String name, List<List<String>> levels, int delayMinutes, int numLoops) {
    ObjectNode ep = f.newEntity("escalation_policies", "escalation_policy");
    ep.put("summary", name);
    f.store.stamp(ep);
    ep.put("name", name);
    ep.putNull("description");
    ep.put("num_loops", numLoops);
    ep.put("on_call_handoff_notifications", "if_has_services");
    ArrayNode rules = ep.putArray("escalation_rules");
    for (List<String> level : levels) {
      ObjectNode r = rules.addObject();
      r.put("id", f.ids.next());
      r.put("escalation_delay_in_minutes", delayMinutes);
      ArrayNode targets = r.putArray("targets");
      for (String uid : level) {
        ObjectNode u = f.store.get("users", uid);
        if (u == null) {
          f.store.c("escalation_policies").remove(J.text(ep, "id"));
          throw new IllegalArgumentException("no user with id " + uid);
        }
        targets.add(f.store.ref(u));
      }
    }
    ep.putArray("teams");
    ep.putArray("services");
    return ep;
  }

  public static SeededService service(FakeServer f, String name, @Nullable String epId) {
    return f.inLock(() -> {
      for (ObjectNode s : f.store.c("services").values()) {
        if (name.equalsIgnoreCase(J.text(s, "name"))) {
          throw new IllegalArgumentException("a service named '" + name + "' already exists");
        }
      }
      ObjectNode ep;
      if (epId != null) {
        ep = f.store.get("escalation_policies", epId);
        if (ep == null) {
          throw new IllegalArgumentException("no escalation policy with id " + epId);
        }
      } else {
        ObjectNode user = f.store.c("users").values().stream().findFirst().orElse(null);
        if (user == null) {
          user = RestApi.newUser(f, "oncall@example.com", "On Call", "admin");
        }
        ep = createEp(f, name + " escalation policy", List.of(List.of(J.text(user, "id"))), 30, 0);
      }
      ObjectNode s = f.newEntity("services", "service");
      s.put("summary", name);
      f.store.stamp(s);
      s.put("name", name);
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
      s.putObject("alert_grouping_parameters").putNull("type");
      ObjectNode apn = s.putObject("auto_pause_notifications_parameters");
      apn.put("enabled", false);
      apn.putNull("timeout");
      s.set("escalation_policy", f.store.ref(ep));
      s.put("created_at", f.nowTs());
      s.putNull("last_incident_timestamp");
      s.putArray("integrations");
      s.putArray("addons");
      s.putArray("teams");
      ObjectNode body = J.obj();
      body.put("type", "events_api_v2_inbound_integration");
      body.put("name", "Events API V2");
      ObjectNode integration = RestApi.createIntegration(f, s, body);
      RestApi.syncServices(f);
      return new SeededService(J.text(s, "id"), J.text(ep, "id"), J.text(integration, "id"),
          J.text(integration, "integration_key"));
    });
  }

  public static List<JsonNode> list(FakeServer f, String collection) {
    return f.inLock(() -> {
      List<JsonNode> out = new ArrayList<>();
      for (ObjectNode n : f.store.c(collection).values()) {
        out.add(f.store.view(n));
      }
      return out;
    });
  }
}
