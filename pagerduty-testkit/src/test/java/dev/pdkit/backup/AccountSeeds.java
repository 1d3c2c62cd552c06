package dev.pdkit.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.PagerDuty;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds an account through the REST API with references between every kind: users in teams (a
 * sub-team too), schedules with layers, restrictions and overrides, policies targeting users and
 * schedules, services with integrations, support hours and urgency rules, maintenance windows.
 */
final class AccountSeeds {
  private AccountSeeds() {}

  /** Shapes of account the round trip runs over. */
  enum Shape {
    /** One of each kind. */
    MINIMAL(1, 1, 1, 1),
    /** Several of each, a parent and child team, two layers per schedule. */
    WIDE(6, 3, 3, 4),
    /** No teams at all; policies only target users. */
    NO_TEAMS(3, 0, 1, 2);

    final int users;
    final int teams;
    final int schedules;
    final int services;

    Shape(int users, int teams, int schedules, int services) {
      this.users = users;
      this.teams = teams;
      this.schedules = schedules;
      this.services = services;
    }
  }

  /** What was seeded, by name, for the tests to edit. */
  static final class Seeded {
    final Map<String, String> users = new LinkedHashMap<>();
    final Map<String, String> teams = new LinkedHashMap<>();
    final Map<String, String> schedules = new LinkedHashMap<>();
    final Map<String, String> policies = new LinkedHashMap<>();
    final Map<String, String> services = new LinkedHashMap<>();
    final List<String> windows = new ArrayList<>();
  }

  static Seeded seed(PagerDuty pd, Shape shape, Instant now, String prefix) {
    Seeded s = new Seeded();
    for (int i = 0; i < shape.users; i++) {
      String email = prefix + "user" + i + "@example.com";
      JsonNode u = pd.raw().post("/users", Map.of("user", Map.of("type", "user", "name", "User " + prefix + i,
          "email", email, "role", i == 0 ? "admin" : "user", "time_zone", i % 2 == 0 ? "Europe/Berlin" : "America/New_York",
          "job_title", "Engineer " + i))).path("user");
      s.users.put(email, u.path("id").asText());
    }
    List<String> userIds = new ArrayList<>(s.users.values());
    String parentTeam = null;
    for (int i = 0; i < shape.teams; i++) {
      Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "team", "name", prefix + "Team " + i,
          "description", "team number " + i));
      if (i > 0 && parentTeam != null && i % 2 == 1) {
        body.put("parent", Map.of("id", parentTeam, "type", "team_reference"));
      }
      String id = pd.raw().post("/teams", Map.of("team", body)).path("team").path("id").asText();
      if (i == 0) {
        parentTeam = id;
      }
      s.teams.put(prefix + "Team " + i, id);
      for (int j = 0; j < userIds.size(); j++) {
        if ((i + j) % 2 == 0) {
          pd.teams().addUser(id, userIds.get(j), j == 0 ? dev.pdkit.model.TeamRole.MANAGER
              : dev.pdkit.model.TeamRole.RESPONDER);
        }
      }
    }
    List<String> teamIds = new ArrayList<>(s.teams.values());
    Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(7));
    for (int i = 0; i < shape.schedules; i++) {
      List<Object> layers = new ArrayList<>();
      int layerCount = shape == Shape.WIDE ? 2 : 1;
      for (int l = 0; l < layerCount; l++) {
        List<Object> users = new ArrayList<>();
        for (int j = l; j < userIds.size(); j += layerCount) {
          users.add(Map.of("user", Map.of("id", userIds.get(j), "type", "user_reference")));
        }
        if (users.isEmpty()) {
          users.add(Map.of("user", Map.of("id", userIds.get(0), "type", "user_reference")));
        }
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("name", "Layer " + (l + 1));
        layer.put("start", start.toString());
        layer.put("rotation_virtual_start", start.toString());
        layer.put("rotation_turn_length_seconds", 86400 * (l + 1));
        layer.put("users", users);
        if (l == 1) {
          layer.put("restrictions", List.of(Map.of("type", "daily_restriction", "start_time_of_day", "09:00:00",
              "duration_seconds", 28800)));
        }
        layers.add(layer);
      }
      Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "schedule", "name", prefix + "Schedule " + i,
          "time_zone", "Europe/Berlin", "description", "rota " + i, "schedule_layers", layers));
      if (!teamIds.isEmpty()) {
        body.put("teams", List.of(Map.of("id", teamIds.get(i % teamIds.size()), "type", "team_reference")));
      }
      String id = pd.raw().post("/schedules", Map.of("schedule", body)).path("schedule").path("id").asText();
      s.schedules.put(prefix + "Schedule " + i, id);
      Instant os = now.plus(Duration.ofDays(2 + i)).truncatedTo(ChronoUnit.HOURS);
      pd.raw().post("/schedules/" + id + "/overrides", Map.of("overrides", List.of(Map.of("start", os.toString(),
          "end", os.plus(Duration.ofHours(8)).toString(), "user",
          Map.of("id", userIds.get(userIds.size() - 1), "type", "user_reference")))));
    }
    List<String> scheduleIds = new ArrayList<>(s.schedules.values());
    for (int i = 0; i < Math.max(1, shape.services / 2); i++) {
      List<Object> rules = new ArrayList<>();
      rules.add(Map.of("escalation_delay_in_minutes", 10, "targets",
          List.of(Map.of("id", userIds.get(i % userIds.size()), "type", "user_reference"))));
      if (!scheduleIds.isEmpty() && shape != Shape.NO_TEAMS) {
        rules.add(Map.of("escalation_delay_in_minutes", 20, "targets",
            List.of(Map.of("id", scheduleIds.get(i % scheduleIds.size()), "type", "schedule_reference"),
                Map.of("id", userIds.get(0), "type", "user_reference"))));
      }
      Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "escalation_policy",
          "name", prefix + "Policy " + i, "num_loops", i, "escalation_rules", rules, "description", "policy " + i));
      if (!teamIds.isEmpty()) {
        body.put("teams", List.of(Map.of("id", teamIds.get(i % teamIds.size()), "type", "team_reference")));
      }
      String id = pd.raw().post("/escalation_policies", Map.of("escalation_policy", body))
          .path("escalation_policy").path("id").asText();
      s.policies.put(prefix + "Policy " + i, id);
    }
    List<String> policyIds = new ArrayList<>(s.policies.values());
    for (int i = 0; i < shape.services; i++) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "service");
      body.put("name", prefix + "service-" + i);
      body.put("description", "service number " + i);
      body.put("escalation_policy", Map.of("id", policyIds.get(i % policyIds.size()), "type",
          "escalation_policy_reference"));
      body.put("acknowledgement_timeout", 600 + i);
      body.put("auto_resolve_timeout", 3600 * (i + 1));
      if (i % 2 == 1) {
        body.put("incident_urgency_rule", Map.of("type", "use_support_hours",
            "during_support_hours", Map.of("type", "constant", "urgency", "high"),
            "outside_support_hours", Map.of("type", "constant", "urgency", "low")));
        body.put("support_hours", Map.of("type", "fixed_time_per_day", "time_zone", "Europe/Berlin",
            "days_of_week", List.of(1, 2, 3, 4, 5), "start_time", "09:00:00", "end_time", "17:00:00"));
      }
      String id = pd.raw().post("/services", Map.of("service", body)).path("service").path("id").asText();
      s.services.put(prefix + "service-" + i, id);
      pd.raw().post("/services/" + id + "/integrations", Map.of("integration",
          Map.of("type", "events_api_v2_inbound_integration", "name", "Monitoring")));
      if (i == 0) {
        pd.raw().post("/services/" + id + "/integrations", Map.of("integration",
            Map.of("type", "generic_email_inbound_integration", "name", "Mail",
                "integration_email", prefix.toLowerCase(java.util.Locale.ROOT) + "svc0@example.pagerduty.com")));
      }
      if (i == 2) {
        pd.raw().put("/services/" + id, Map.of("service", Map.of("status", "disabled")));
      }
    }
    List<String> serviceIds = new ArrayList<>(s.services.values());
    Instant ws = now.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
    String w = pd.raw().post("/maintenance_windows", Map.of("maintenance_window", Map.of("type", "maintenance_window",
        "start_time", ws.toString(), "end_time", ws.plus(Duration.ofHours(2)).toString(),
        "description", prefix + "database upgrade", "services",
        serviceIds.stream().limit(2).map(x -> Map.of("id", x, "type", "service_reference")).toList())))
        .path("maintenance_window").path("id").asText();
    s.windows.add(w);
    return s;
  }
}
