package dev.pdkit.deploy.internal;

import dev.pdkit.config.EscalationPolicySpec;
import dev.pdkit.config.ScheduleSpec;
import dev.pdkit.config.ServiceSpec;
import dev.pdkit.config.TeamSpec;
import dev.pdkit.config.UserSpec;
import dev.pdkit.deploy.FieldChange;
import dev.pdkit.model.AlertGroupingParameters;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.IncidentUrgencyRule;
import dev.pdkit.model.Integration;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Restriction;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleLayer;
import dev.pdkit.model.ScheduleLayerUser;
import dev.pdkit.model.Service;
import dev.pdkit.model.SupportHours;
import dev.pdkit.model.Team;
import dev.pdkit.model.TeamMember;
import dev.pdkit.model.User;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Normalised views: each resource as an ordered map of field name to a canonical string, built the
 * same way from the config and from the live model, so equal meaning gives equal strings (instants in
 * UTC, durations in seconds, unordered collections sorted, references by config key, the managed
 * marker stripped from descriptions, server-managed fields left out).
 */
public final class Views {
  private Views() {}

  /** Field-by-field differences over {@code fields}. */
  public static List<FieldChange> diff(Map<String, @Nullable String> have, Map<String, @Nullable String> want,
      Collection<String> fields) {
    List<FieldChange> out = new ArrayList<>();
    for (String f : fields) {
      String h = have.get(f);
      String w = want.get(f);
      if (!Objects.equals(h, w)) {
        out.add(new FieldChange(f, h, w));
      }
    }
    return out;
  }

  // users: only the fields the config sets are managed

  static Map<String, @Nullable String> user(UserSpec u) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", u.name());
    if (u.role() != null) {
      m.put("role", u.role().toLowerCase(Locale.ROOT));
    }
    if (u.timeZone() != null) {
      m.put("time_zone", u.timeZone().getId());
    }
    if (u.jobTitle() != null) {
      m.put("job_title", u.jobTitle());
    }
    return m;
  }

  static Map<String, @Nullable String> user(User u) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", u.name());
    m.put("role", u.role() == null ? null : u.role().name().toLowerCase(Locale.ROOT));
    m.put("time_zone", u.timeZone());
    m.put("job_title", u.jobTitle());
    return m;
  }

  // teams

  static Map<String, @Nullable String> team(TeamSpec t) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("description", blankToNull(t.description()));
    m.put("members", t.members().stream().map(x -> x.user().toLowerCase(Locale.ROOT) + "=" + x.role().wire())
        .sorted().collect(Collectors.joining(",")));
    return m;
  }

  static Map<String, @Nullable String> team(Team t, List<TeamMember> members, Engine.Resolver r) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("description", Markers.strip(t.description()));
    m.put("members", members.stream()
        .map(x -> r.keyOf(r.userIds, x.user().id()) + "="
            + (x.role() == null ? "none" : x.role().name().toLowerCase(Locale.ROOT)))
        .sorted().collect(Collectors.joining(",")));
    return m;
  }

  // schedules

  static Map<String, @Nullable String> schedule(ScheduleSpec s) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("description", blankToNull(s.description()));
    m.put("time_zone", s.timeZone().getId());
    m.put("team", s.team());
    for (int i = 0; i < s.layers().size(); i++) {
      ScheduleSpec.Layer l = s.layers().get(i);
      m.put("layers[" + i + "]", layer(l.name(), l.start(), l.end(), l.turnLength().toSeconds(),
          l.users().stream().map(e -> e.toLowerCase(Locale.ROOT)).toList(),
          l.restrictions().stream().map(x -> restriction(x.type().wire(),
              x.startDay() == null ? null : x.startDay().getValue(), x.startTime(), x.duration().toSeconds())).toList()));
    }
    return m;
  }

  static Map<String, @Nullable String> schedule(Schedule s, Engine.Resolver r) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("description", Markers.strip(s.description()));
    m.put("time_zone", s.timeZone());
    m.put("team", s.teams().isEmpty() ? null : r.keyOf(r.teamIds, s.teams().get(0).id()));
    int i = 0;
    for (ScheduleLayer l : s.scheduleLayers()) {
      List<String> users = new ArrayList<>();
      for (ScheduleLayerUser u : l.users()) {
        users.add(r.keyOf(r.userIds, u.user().id()));
      }
      List<String> restrictions = new ArrayList<>();
      for (Restriction x : l.restrictions()) {
        restrictions.add(restriction(x.type().name().toLowerCase(Locale.ROOT), x.startDayOfWeek(),
            x.startTimeOfDay(), x.durationSeconds()));
      }
      m.put("layers[" + i++ + "]", layer(l.name(), l.start(), l.end(), l.rotationTurnLengthSeconds(), users,
          restrictions));
    }
    return m;
  }

  private static String layer(@Nullable String name, OffsetDateTime start, @Nullable OffsetDateTime end,
      long turnSeconds, List<String> users, List<String> restrictions) {
    return "name=" + name + "; start=" + start.toInstant() + "; end=" + (end == null ? "none" : end.toInstant())
        + "; turn=" + Duration.ofSeconds(turnSeconds) + "; users=" + String.join(",", users) + "; restrictions="
        + (restrictions.isEmpty() ? "none" : String.join(",", new TreeSet<>(restrictions)));
  }

  private static String restriction(String type, @Nullable Integer day, LocalTime start, long seconds) {
    String t = type.startsWith("daily") ? "daily" : "weekly";
    return t + (day == null || t.equals("daily") ? "" : " " + DayOfWeek.of(day).name().substring(0, 3).toLowerCase(
        Locale.ROOT)) + " " + start + " " + Duration.ofSeconds(seconds);
  }

  // escalation policies

  static Map<String, @Nullable String> policy(EscalationPolicySpec p) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("description", blankToNull(p.description()));
    m.put("num_loops", Integer.toString(p.numLoops()));
    m.put("team", p.team());
    for (int i = 0; i < p.rules().size(); i++) {
      EscalationPolicySpec.Rule rule = p.rules().get(i);
      m.put("rules[" + i + "]", rule(rule.delay().toMinutes(),
          rule.targets().stream().map(t -> t.kind() == EscalationPolicySpec.Target.Kind.USER
              ? "user:" + t.ref().toLowerCase(Locale.ROOT) : "schedule:" + t.ref()).collect(Collectors.toSet())));
    }
    return m;
  }

  static Map<String, @Nullable String> policy(EscalationPolicy p, Engine.Resolver r) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("description", Markers.strip(p.description()));
    m.put("num_loops", Integer.toString(p.numLoops() == null ? 0 : p.numLoops()));
    m.put("team", p.teams().isEmpty() ? null : r.keyOf(r.teamIds, p.teams().get(0).id()));
    int i = 0;
    for (EscalationRule rule : p.escalationRules()) {
      Set<String> targets = new TreeSet<>();
      for (Reference t : rule.targets()) {
        targets.add(t.type().startsWith("user") ? "user:" + r.keyOf(r.userIds, t.id())
            : "schedule:" + r.keyOf(r.scheduleIds, t.id()));
      }
      m.put("rules[" + i++ + "]", rule(rule.escalationDelayInMinutes(), targets));
    }
    return m;
  }

  private static String rule(long delayMinutes, Set<String> targets) {
    return "delay=" + delayMinutes + "m; targets=" + String.join(",", new TreeSet<>(targets));
  }

  // services

  static Map<String, @Nullable String> service(ServiceSpec s) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("description", blankToNull(s.description()));
    m.put("escalation_policy", s.escalationPolicy());
    m.put("urgency", s.urgency().wire());
    m.put("acknowledgement_timeout", seconds(s.acknowledgementTimeout()));
    m.put("auto_resolve_timeout", seconds(s.autoResolveTimeout()));
    m.put("alert_grouping", grouping(Engine.grouping(s.alertGrouping())));
    ServiceSpec.SupportHours sh = s.supportHours();
    m.put("support_hours", sh == null ? null : supportHours(sh.timeZone().getId(),
        sh.days().stream().map(DayOfWeek::getValue).toList(), sh.startTime(), sh.endTime()));
    return m;
  }

  static Map<String, @Nullable String> service(Service s, Engine.Resolver r) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("description", Markers.strip(s.description()));
    m.put("escalation_policy", s.escalationPolicy() == null ? null
        : r.keyOf(r.policyIds, s.escalationPolicy().id()));
    IncidentUrgencyRule u = s.incidentUrgencyRule();
    m.put("urgency", u == null ? "high" : u.type() == IncidentUrgencyRule.Type.USE_SUPPORT_HOURS ? "support_hours"
        : u.urgency() == null ? null : u.urgency().name().toLowerCase(Locale.ROOT));
    m.put("acknowledgement_timeout", s.acknowledgementTimeout() == null || s.acknowledgementTimeout() == 0 ? null
        : Integer.toString(s.acknowledgementTimeout()));
    m.put("auto_resolve_timeout", s.autoResolveTimeout() == null || s.autoResolveTimeout() == 0 ? null
        : Integer.toString(s.autoResolveTimeout()));
    m.put("alert_grouping", grouping(s.alertGroupingParameters()));
    SupportHours sh = s.supportHours();
    m.put("support_hours", sh == null || sh.startTime() == null || sh.endTime() == null ? null
        : supportHours(String.valueOf(sh.timeZone()), sh.daysOfWeek(), sh.startTime(), sh.endTime()));
    return m;
  }

  private static @Nullable String grouping(@Nullable AlertGroupingParameters g) {
    if (g == null || g.type() == null) {
      return null;
    }
    if (g.type().equals("time")) {
      return "time " + (g.config() == null || g.config().timeout() == null ? 0 : g.config().timeout()) + "m";
    }
    if (g.type().equals("intelligent")) {
      return "intelligent " + (g.config() == null || g.config().timeWindow() == null ? 0 : g.config().timeWindow())
          + "s";
    }
    return g.type();
  }

  private static String supportHours(String tz, List<Integer> days, LocalTime start, LocalTime end) {
    return tz + " " + days.stream().sorted().map(d -> DayOfWeek.of(d).name().substring(0, 3).toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(",")) + " " + start + "-" + end;
  }

  private static @Nullable String seconds(@Nullable Duration d) {
    return d == null || d.isZero() ? null : Long.toString(d.toSeconds());
  }

  // integrations

  static Map<String, @Nullable String> integration(ServiceSpec.Integration i) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", i.name());
    m.put("type", i.type().wire());
    return m;
  }

  static Map<String, @Nullable String> integration(Integration i) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    m.put("name", i.name());
    m.put("type", i.type().replaceFirst("_reference$", ""));
    return m;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
