package dev.pdkit.deploy.internal;

import dev.pdkit.PagerDuty;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.EscalationPolicySpec;
import dev.pdkit.config.ScheduleSpec;
import dev.pdkit.config.ServiceSpec;
import dev.pdkit.config.TeamSpec;
import dev.pdkit.deploy.ResourceKind;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.Service;
import dev.pdkit.model.Team;
import dev.pdkit.model.TeamMember;
import dev.pdkit.model.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The live account as far as a deploy cares: every user (by e-mail), and the teams, schedules,
 * escalation policies and services that carry this environment's marker (by key). Read with list
 * endpoints: services with {@code include[]=integrations}, schedules with {@code
 * include[]=schedule_layers} (fetched one by one only if a server leaves the layers out). Team members
 * are only returned by {@code GET /teams/{id}/members}, so they are fetched per managed team.
 */
final class LiveState {
  final Map<String, User> usersByEmail = new LinkedHashMap<>();
  final Map<String, Team> teams = new LinkedHashMap<>();
  final Map<String, Schedule> schedules = new LinkedHashMap<>();
  final Map<String, EscalationPolicy> policies = new LinkedHashMap<>();
  final Map<String, Service> services = new LinkedHashMap<>();
  /** {@code kind:key} of resources matched by name because the config says {@code adopt: true}. */
  final Set<String> adopted = new HashSet<>();

  private final Map<String, List<TeamMember>> members = new HashMap<>();
  private final List<Team> allTeams;
  private final List<Schedule> allSchedules;
  private final List<EscalationPolicy> allPolicies;
  private final List<Service> allServices;

  private LiveState(List<Team> t, List<Schedule> s, List<EscalationPolicy> p, List<Service> sv) {
    this.allTeams = t;
    this.allSchedules = s;
    this.allPolicies = p;
    this.allServices = sv;
  }

  static LiveState read(PagerDuty pd, String environment) {
    LiveState l = new LiveState(pd.teams().list().toList(),
        pd.schedules().list(Engine.includes("schedule_layers")).toList(),
        pd.escalationPolicies().list().toList(),
        pd.services().list(Engine.includes("integrations")).toList());
    for (User u : pd.users().list().toList()) {
      l.usersByEmail.put(u.email().toLowerCase(Locale.ROOT), u);
    }
    collect(l.allTeams, Team::description, environment, l.teams);
    collect(l.allSchedules, Schedule::description, environment, l.schedules);
    collect(l.allPolicies, EscalationPolicy::description, environment, l.policies);
    collect(l.allServices, Service::description, environment, l.services);
    return l;
  }

  /** Adds adopted resources, then loads schedule layers and team members of the managed ones. */
  LiveState complete(PagerDuty pd, DesiredState d) {
    for (TeamSpec t : d.teams()) {
      adopt(t.managed() && t.adopt(), ResourceKind.TEAM, t.key(), t.name(), teams, allTeams, Team::name,
          Team::description);
    }
    for (ScheduleSpec s : d.schedules()) {
      adopt(s.managed() && s.adopt(), ResourceKind.SCHEDULE, s.key(), s.name(), schedules, allSchedules,
          Schedule::name, Schedule::description);
    }
    for (EscalationPolicySpec p : d.escalationPolicies()) {
      adopt(p.managed() && p.adopt(), ResourceKind.ESCALATION_POLICY, p.key(), p.name(), policies, allPolicies,
          EscalationPolicy::name, EscalationPolicy::description);
    }
    for (ServiceSpec s : d.services()) {
      adopt(s.managed() && s.adopt(), ResourceKind.SERVICE, s.key(), s.name(), services, allServices,
          Service::name, Service::description);
    }
    for (Map.Entry<String, Schedule> e : schedules.entrySet()) {
      // listed with include[]=schedule_layers; a schedule always has a layer, so none means the
      // server left them out and the single-resource endpoint must be asked
      if (e.getValue().scheduleLayers().isEmpty()) {
        e.setValue(pd.schedules().get(Objects.requireNonNull(e.getValue().id())));
      }
    }
    for (Map.Entry<String, Team> e : teams.entrySet()) {
      members.put(e.getKey(), pd.teams().members(Objects.requireNonNull(e.getValue().id())).toList());
    }
    return this;
  }

  private <T> void adopt(boolean adopt, ResourceKind kind, String key, String name, Map<String, T> managed,
      List<T> all, Function<T, @Nullable String> nameOf, Function<T, @Nullable String> descOf) {
    if (!adopt || managed.containsKey(key)) {
      return;
    }
    for (T t : all) {
      if (name.equals(nameOf.apply(t)) && Markers.parse(descOf.apply(t)) == null) {
        managed.put(key, t);
        adopted.add(kind.wire() + ":" + key);
        return;
      }
    }
  }

  private static <T> void collect(List<T> all, Function<T, @Nullable String> desc, String env, Map<String, T> out) {
    for (T t : all) {
      Markers.Marker m = Markers.parse(desc.apply(t));
      if (m != null && m.environment().equals(env)) {
        out.put(m.key(), t);
      }
    }
  }

  List<TeamMember> members(String teamKey) {
    return members.getOrDefault(teamKey, List.of());
  }

  @Nullable String id(ResourceKind kind, String key) {
    return switch (kind) {
      case USER -> usersByEmail.containsKey(key) ? usersByEmail.get(key).id() : null;
      case TEAM -> teams.containsKey(key) ? teams.get(key).id() : null;
      case SCHEDULE -> schedules.containsKey(key) ? schedules.get(key).id() : null;
      case ESCALATION_POLICY -> policies.containsKey(key) ? policies.get(key).id() : null;
      case SERVICE -> services.containsKey(key) ? services.get(key).id() : null;
      case INTEGRATION -> null;
    };
  }

  /** Resolves config references to resources the config does not manage, by exact name. */
  void unmanaged(DesiredState d, Engine.Resolver r) {
    for (TeamSpec t : d.teams()) {
      if (!t.managed()) {
        byName(allTeams, Team::name, Team::id, t.name()).ifPresent(id -> r.teamIds.put(t.key(), id));
      }
    }
    for (ScheduleSpec s : d.schedules()) {
      if (!s.managed()) {
        byName(allSchedules, Schedule::name, Schedule::id, s.name()).ifPresent(id -> r.scheduleIds.put(s.key(), id));
      }
    }
    for (EscalationPolicySpec p : d.escalationPolicies()) {
      if (!p.managed()) {
        byName(allPolicies, EscalationPolicy::name, EscalationPolicy::id, p.name())
            .ifPresent(id -> r.policyIds.put(p.key(), id));
      }
    }
  }

  private static <T> java.util.Optional<String> byName(List<T> all, Function<T, @Nullable String> name,
      Function<T, @Nullable String> id, String wanted) {
    return all.stream().filter(t -> wanted.equals(name.apply(t))).map(id).filter(Objects::nonNull)
        .map(Objects::requireNonNull).findFirst();
  }

  /** SHA-256 over the normalised views of everything the deploy manages. */
  String hash(Engine.Resolver r) {
    Map<String, Map<String, @Nullable String>> views = new HashMap<>();
    usersByEmail.forEach((e, u) -> views.put("user:" + e, Views.user(u)));
    teams.forEach((k, t) -> views.put("team:" + k, Views.team(t, members(k), r)));
    schedules.forEach((k, s) -> views.put("schedule:" + k, Views.schedule(s, r)));
    policies.forEach((k, p) -> views.put("escalation_policy:" + k, Views.policy(p, r)));
    services.forEach((k, s) -> {
      Map<String, @Nullable String> v = new LinkedHashMap<>(Views.service(s, r));
      List<String> integrations = new ArrayList<>();
      s.integrations().forEach(i -> integrations.add(String.valueOf(Views.integration(i))));
      integrations.sort(null);
      v.put("integrations", String.join(";", integrations));
      views.put("service:" + k, v);
    });
    return Engine.hashOf(views);
  }
}
