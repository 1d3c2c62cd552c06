package dev.pdkit.config.internal;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import dev.pdkit.Secret;
import dev.pdkit.config.Approvals;
import dev.pdkit.config.Defaults;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.EscalationPolicySpec;
import dev.pdkit.config.EscalationPolicySpec.Rule;
import dev.pdkit.config.EscalationPolicySpec.Target;
import dev.pdkit.config.ScheduleSpec;
import dev.pdkit.config.ScheduleSpec.Layer;
import dev.pdkit.config.ScheduleSpec.Restriction;
import dev.pdkit.config.ServiceSpec;
import dev.pdkit.config.TeamSpec;
import dev.pdkit.config.UserSpec;
import dev.pdkit.config.internal.MustacheTemplates.EventTemplate;
import dev.pdkit.config.internal.MustacheTemplates.Part;
import dev.pdkit.config.internal.YNode.Entry;
import dev.pdkit.config.internal.YNode.YList;
import dev.pdkit.config.internal.YNode.YMap;
import dev.pdkit.config.internal.YNode.YScalar;
import dev.pdkit.errors.CryptoException;
import dev.pdkit.spi.CryptoProvider;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a merged tree into a {@link DesiredState}: typed values, defaults, name prefixes,
 * reference resolution, semantic rules, secrets and templates. Reports every problem; returns a
 * state only when there is no error.
 */
public final class StateBuilder {
  /** Additional authenticated data bound to every config secret. */
  public static final byte[] CONFIG_AAD = "pdkit:config:v1".getBytes(StandardCharsets.US_ASCII);

  /** A text template file: where it is and its text. */
  public record TemplateFile(String file, String text) {}

  private final Problems problems;
  private final Supplier<@Nullable CryptoProvider> crypto;
  private final Set<String> removed;
  private final Map<YScalar, Secret> secretNodes = new java.util.IdentityHashMap<>();
  private boolean cryptoMissingReported;

  public StateBuilder(Problems problems, Supplier<@Nullable CryptoProvider> crypto, Set<String> removed) {
    this.problems = problems;
    this.crypto = crypto;
    this.removed = removed;
  }

  /** Secret scalars of the merged tree and their decrypted values (for render and diff). */
  public Map<YScalar, Secret> secretNodes() {
    return secretNodes;
  }

  public @Nullable DesiredState build(
      String environment, YMap root, Map<String, TemplateFile> templateFiles, String contentHash) {
    checkEncryptedPlacement(root, "");
    Defaults defaults = defaults(root);
    boolean isProtected = bool(root, "protected", false);
    Approvals approvals = approvals(root);
    if (isProtected && (approvals == null || !approvals.configured())) {
      Entry e = root.entry("protected");
      problems.warning(
          e.keyOrigin(),
          "protected environment has no approvals configured; deploy will refuse to apply until an approved plan can be checked",
          "add approvals: { ed25519_public_keys: [...] } or approvals.totp_secret to this environment file");
    }
    List<UserSpec> users = users(root, defaults);
    Map<String, UserSpec> usersByEmail = new LinkedHashMap<>();
    users.forEach(u -> usersByEmail.putIfAbsent(u.email(), u));
    List<TeamSpec> teams = teams(root, defaults, usersByEmail.keySet());
    Set<String> teamKeys = keys(teams, TeamSpec::key);
    List<ScheduleSpec> schedules = schedules(root, defaults, usersByEmail.keySet(), teamKeys);
    Set<String> scheduleKeys = keys(schedules, ScheduleSpec::key);
    List<EscalationPolicySpec> policies =
        policies(root, defaults, usersByEmail.keySet(), teamKeys, scheduleKeys);
    Set<String> policyKeys = keys(policies, EscalationPolicySpec::key);
    List<ServiceSpec> services = services(root, defaults, teamKeys, policyKeys);
    Map<String, Secret> secrets = secrets(root);
    MustacheTemplates templates = templates(root, templateFiles);
    if (problems.hasErrors()) {
      return null;
    }
    List<dev.pdkit.config.ConfigProblem> warnings =
        problems.list().stream().filter(p -> !p.isError()).toList();
    return new DesiredState(
        environment, isProtected, approvals, defaults, users, teams, schedules, policies, services,
        templates, secrets, warnings, contentHash);
  }

  // ---------------------------------------------------------------- sections

  private Defaults defaults(YMap root) {
    YMap d = map(root, "defaults");
    ZoneId zone = ZoneOffset.UTC;
    String from = null;
    String prefix = "";
    if (d != null) {
      ZoneId z = zone(d, "time_zone");
      if (z != null) {
        zone = z;
      }
      from = string(d, "from");
      String p = string(d, "name_prefix");
      if (p != null) {
        prefix = p;
      }
    }
    return new Defaults(zone, from, prefix);
  }

  private @Nullable Approvals approvals(YMap root) {
    YMap a = map(root, "approvals");
    if (a == null) {
      return null;
    }
    Long required = integer(a, "required");
    List<String> keys = new ArrayList<>();
    YList list = list(a, "ed25519_public_keys");
    if (list != null) {
      for (YNode n : list.items()) {
        String k = scalarString(n);
        if (k == null) {
          continue;
        }
        byte[] raw = null;
        try {
          raw = Base64.getDecoder().decode(k.trim());
        } catch (IllegalArgumentException e) {
          // reported below
        }
        if (raw == null || raw.length != 32) {
          problems.error(n.origin(), "not an Ed25519 public key (base64 of 32 bytes)",
              "paste the raw public key in base64, e.g. from `pdkit deploy keygen`");
        } else {
          keys.add(k.trim());
        }
      }
    }
    Secret totp = secretValue(a, "totp_secret");
    return new Approvals(required == null ? 1 : required.intValue(), keys, totp);
  }

  private List<UserSpec> users(YMap root, Defaults defaults) {
    List<UserSpec> out = new ArrayList<>();
    YList list = list(root, "users");
    if (list == null) {
      return out;
    }
    for (YNode n : list.items()) {
      if (!(n instanceof YMap m)) {
        problems.errorUnlessReported(n.origin(), Messages.wrongType("a map", n), null);
        continue;
      }
      String email = requiredString(m, "email");
      if (email == null) {
        continue;
      }
      boolean manage = bool(m, "manage", false);
      String name = string(m, "name");
      if (manage && name == null) {
        problems.error(m.origin(), Messages.missingKey("name"), "a user pdkit manages needs a name");
      }
      String role = string(m, "role");
      if (role != null) {
        role = switch (role) {
          case "manager" -> "user";
          case "responder" -> "limited_user";
          default -> role;
        };
      }
      out.add(new UserSpec(email.toLowerCase(Locale.ROOT), name, role, zone(m, "time_zone"),
          string(m, "job_title"), manage, bool(m, "adopt", false)));
    }
    return out;
  }

  private List<TeamSpec> teams(YMap root, Defaults defaults, Set<String> users) {
    List<TeamSpec> out = new ArrayList<>();
    for (YMap m : items(root, "teams")) {
      String key = requiredString(m, "key");
      String name = requiredString(m, "name");
      List<TeamSpec.Member> members = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      YList ml = list(m, "members");
      if (ml != null) {
        for (YNode n : ml.items()) {
          if (!(n instanceof YMap mm)) {
            problems.errorUnlessReported(n.origin(), Messages.wrongType("a map", n), null);
            continue;
          }
          String user = requiredString(mm, "user");
          if (user == null) {
            continue;
          }
          YNode userNode = mm.get("user");
          String email = user.toLowerCase(Locale.ROOT);
          if (!userExists(users, email, userNode)) {
            continue;
          }
          if (!seen.add(email)) {
            problems.error(userNode.origin(), "user '" + email + "' is listed twice in this team", "keep one entry");
            continue;
          }
          String role = string(mm, "role");
          members.add(new TeamSpec.Member(email,
              role == null ? TeamSpec.Role.RESPONDER : TeamSpec.Role.valueOf(role.toUpperCase(Locale.ROOT))));
        }
      }
      if (key != null && name != null) {
        out.add(new TeamSpec(key, defaults.namePrefix() + name, string(m, "description"), members,
            bool(m, "manage", true), bool(m, "adopt", false)));
      }
    }
    return out;
  }

  private List<ScheduleSpec> schedules(YMap root, Defaults defaults, Set<String> users, Set<String> teams) {
    List<ScheduleSpec> out = new ArrayList<>();
    for (YMap m : items(root, "schedules")) {
      String key = requiredString(m, "key");
      String name = requiredString(m, "name");
      ZoneId zone = zone(m, "time_zone");
      String team = reference(m, "team", "team", teams);
      List<Layer> layers = new ArrayList<>();
      YList ll = list(m, "layers");
      if (ll == null && !m.has("layers")) {
        problems.error(m.origin(), Messages.missingKey("layers"), Messages.missingKeyHint("layers"));
      } else if (ll != null) {
        int i = 0;
        for (YNode n : ll.items()) {
          i++;
          if (n instanceof YMap lm) {
            Layer layer = layer(lm, i, users);
            if (layer != null) {
              layers.add(layer);
            }
          } else {
            problems.errorUnlessReported(n.origin(), Messages.wrongType("a map", n), null);
          }
        }
      }
      if (key != null && name != null) {
        out.add(new ScheduleSpec(key, defaults.namePrefix() + name, string(m, "description"),
            zone == null ? defaults.timeZone() : zone, team, layers, bool(m, "manage", true), bool(m, "adopt", false)));
      }
    }
    return out;
  }

  private @Nullable Layer layer(YMap m, int index, Set<String> users) {
    String name = string(m, "name");
    OffsetDateTime start = dateTime(m, "start", true);
    OffsetDateTime end = dateTime(m, "end", false);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.error(m.get("end").origin(), "end must be after start", null);
    }
    Duration turn = duration(m, "turn_length", true);
    if (turn != null && turn.isZero()) {
      problems.error(m.get("turn_length").origin(), "turn_length must be longer than zero", null);
    }
    List<String> emails = new ArrayList<>();
    YList ul = list(m, "users");
    if (ul == null && !m.has("users")) {
      problems.error(m.origin(), Messages.missingKey("users"), Messages.missingKeyHint("users"));
    } else if (ul != null) {
      if (ul.items().isEmpty()) {
        problems.error(ul.origin(), "layer has no users", "add at least one user e-mail");
      }
      for (YNode n : ul.items()) {
        String e = scalarString(n);
        if (e != null && userExists(users, e.toLowerCase(Locale.ROOT), n)) {
          emails.add(e.toLowerCase(Locale.ROOT));
        }
      }
    }
    List<Restriction> restrictions = new ArrayList<>();
    List<YNode> restrictionNodes = new ArrayList<>();
    YList rl = list(m, "restrictions");
    if (rl != null) {
      for (YNode n : rl.items()) {
        if (n instanceof YMap rm) {
          Restriction r = restriction(rm);
          if (r != null) {
            restrictions.add(r);
            restrictionNodes.add(rm);
          }
        }
      }
      checkOverlaps(restrictions, restrictionNodes);
    }
    if (start == null || turn == null) {
      return null;
    }
    return new Layer(name == null ? "Layer " + index : name, start, end, turn, emails, restrictions);
  }

  private @Nullable Restriction restriction(YMap m) {
    String type = requiredString(m, "type");
    LocalTime startTime = timeOfDay(m, "start_time");
    Duration duration = duration(m, "duration", true);
    String day = string(m, "start_day");
    if (type == null || startTime == null || duration == null) {
      return null;
    }
    Restriction.Type t = Restriction.Type.valueOf(type.toUpperCase(Locale.ROOT));
    if (duration.isZero()) {
      problems.error(m.get("duration").origin(), "duration must be longer than zero", null);
      return null;
    }
    if (t == Restriction.Type.WEEKLY && day == null) {
      problems.error(m.origin(), Messages.missingKey("start_day"), "a weekly restriction needs start_day: monday..sunday");
      return null;
    }
    if (t == Restriction.Type.DAILY && day != null) {
      problems.error(m.entry("start_day").keyOrigin(), "start_day only applies to weekly restrictions",
          "remove start_day or use type: weekly");
      return null;
    }
    Duration max = t == Restriction.Type.DAILY ? Duration.ofDays(1) : Duration.ofDays(7);
    if (duration.compareTo(max) > 0) {
      problems.error(m.get("duration").origin(),
          "a " + type + " restriction lasts at most " + Values.format(max), "shorten duration");
      return null;
    }
    DayOfWeek dow = day == null ? null : DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
    return new Restriction(t, dow, startTime, duration);
  }

  /** Reports restrictions of one layer whose weekly windows overlap. */
  private void checkOverlaps(List<Restriction> rs, List<YNode> nodes) {
    List<long[][]> windows = new ArrayList<>();
    for (Restriction r : rs) {
      windows.add(weeklyWindows(r));
    }
    for (int j = 1; j < rs.size(); j++) {
      for (int i = 0; i < j; i++) {
        if (overlaps(windows.get(i), windows.get(j))) {
          YNode n = nodes.get(j);
          String otherPath = nodes.get(i).origin().path();
          problems.error(n.origin(),
              "restriction overlaps " + otherPath.substring(otherPath.lastIndexOf('.') + 1)
                  + " (line " + nodes.get(i).origin().line() + ")",
              "make the windows of one layer disjoint, or merge them into one restriction");
          break;
        }
      }
    }
  }

  private static final long WEEK = 7L * 24 * 3600;

  /** Half-open second windows [start, end) within one week, split at the week's end. */
  private static long[][] weeklyWindows(Restriction r) {
    List<long[]> out = new ArrayList<>();
    int days = r.type() == Restriction.Type.DAILY ? 7 : 1;
    long tod = r.startTime().toSecondOfDay();
    long len = r.duration().getSeconds();
    for (int d = 0; d < days; d++) {
      long dayIndex = r.type() == Restriction.Type.DAILY ? d : r.startDay().getValue() - 1L;
      long s = dayIndex * 86400 + tod;
      long e = s + len;
      if (e <= WEEK) {
        out.add(new long[] {s, e});
      } else {
        out.add(new long[] {s, WEEK});
        out.add(new long[] {0, e - WEEK});
      }
    }
    return out.toArray(new long[0][]);
  }

  private static boolean overlaps(long[][] a, long[][] b) {
    for (long[] x : a) {
      for (long[] y : b) {
        if (x[0] < y[1] && y[0] < x[1]) {
          return true;
        }
      }
    }
    return false;
  }

  private List<EscalationPolicySpec> policies(
      YMap root, Defaults defaults, Set<String> users, Set<String> teams, Set<String> schedules) {
    List<EscalationPolicySpec> out = new ArrayList<>();
    for (YMap m : items(root, "escalation_policies")) {
      String key = requiredString(m, "key");
      String name = requiredString(m, "name");
      String team = reference(m, "team", "team", teams);
      Long loops = integer(m, "num_loops");
      List<Rule> rules = new ArrayList<>();
      YList rl = list(m, "rules");
      if (rl == null && !m.has("rules")) {
        problems.error(m.origin(), Messages.missingKey("rules"), Messages.missingKeyHint("rules"));
      } else if (rl != null) {
        for (YNode n : rl.items()) {
          if (n instanceof YMap rm) {
            Rule r = rule(rm, users, schedules);
            if (r != null) {
              rules.add(r);
            }
          }
        }
      }
      if (key != null && name != null) {
        out.add(new EscalationPolicySpec(key, defaults.namePrefix() + name, string(m, "description"), team,
            loops == null ? 0 : loops.intValue(), rules, bool(m, "manage", true), bool(m, "adopt", false)));
      }
    }
    return out;
  }

  private @Nullable Rule rule(YMap m, Set<String> users, Set<String> schedules) {
    Duration delay = duration(m, "delay", true);
    if (delay != null) {
      YNode dn = m.get("delay");
      if (delay.compareTo(Duration.ofMinutes(1)) < 0) {
        problems.error(dn.origin(), "delay " + Values.format(delay) + " is below the minimum of 1 minute",
            "use at least 1m");
      } else if (delay.getSeconds() % 60 != 0 || delay.getNano() != 0) {
        problems.error(dn.origin(), "delay must be whole minutes", "PagerDuty escalates in minutes, e.g. 2m");
      }
    }
    List<Target> targets = new ArrayList<>();
    YList tl = list(m, "targets");
    if (tl == null && !m.has("targets")) {
      problems.error(m.origin(), Messages.missingKey("targets"), Messages.missingKeyHint("targets"));
    } else if (tl != null) {
      if (tl.items().isEmpty()) {
        problems.error(tl.origin(), "escalation rule has no targets",
            "add a target such as schedule:<key> or user:<e-mail>");
      }
      Set<String> seen = new HashSet<>();
      for (YNode n : tl.items()) {
        String t = scalarString(n);
        if (t == null || t.indexOf(':') < 0) {
          continue;
        }
        String kind = t.substring(0, t.indexOf(':'));
        String ref = t.substring(t.indexOf(':') + 1);
        Target target = null;
        if (kind.equals("schedule")) {
          if (resolves(schedules, ref, "schedule", n)) {
            target = new Target(Target.Kind.SCHEDULE, ref);
          }
        } else if (kind.equals("user")) {
          String email = ref.toLowerCase(Locale.ROOT);
          if (userExists(users, email, n)) {
            target = new Target(Target.Kind.USER, email);
          }
        }
        if (target != null) {
          if (!seen.add(target.toString())) {
            problems.error(n.origin(), "target " + target + " is listed twice in this rule", "keep one");
          } else {
            targets.add(target);
          }
        }
      }
    }
    return delay == null ? null : new Rule(delay, targets);
  }

  private List<ServiceSpec> services(YMap root, Defaults defaults, Set<String> teams, Set<String> policies) {
    List<ServiceSpec> out = new ArrayList<>();
    for (YMap m : items(root, "services")) {
      String key = requiredString(m, "key");
      String name = requiredString(m, "name");
      String team = reference(m, "team", "team", teams);
      String policy = null;
      if (!m.has("escalation_policy")) {
        problems.error(m.origin(), Messages.missingKey("escalation_policy"), Messages.missingKeyHint("escalation_policy"));
      } else {
        policy = reference(m, "escalation_policy", "escalation policy", policies);
      }
      String urgencyText = string(m, "urgency");
      ServiceSpec.Urgency urgency = urgencyText == null ? ServiceSpec.Urgency.HIGH
          : ServiceSpec.Urgency.valueOf(urgencyText.toUpperCase(Locale.ROOT));
      Duration ack = duration(m, "acknowledgement_timeout", false);
      Duration autoResolve = duration(m, "auto_resolve_timeout", false);
      ServiceSpec.AlertGrouping grouping = alertGrouping(m);
      ServiceSpec.SupportHours hours = supportHours(m, defaults);
      if (urgency == ServiceSpec.Urgency.SUPPORT_HOURS && hours == null && !m.has("support_hours")) {
        problems.error(m.get("urgency").origin(), "urgency support_hours needs a support_hours section",
            "add support_hours: { days: [...], start_time: \"09:00\", end_time: \"17:00\" }");
      }
      List<ServiceSpec.Integration> integrations = integrations(m);
      if (key != null && name != null && policy != null) {
        out.add(new ServiceSpec(key, defaults.namePrefix() + name, string(m, "description"), team, policy, urgency,
            ack, autoResolve, grouping, hours, integrations, bool(m, "manage", true), bool(m, "adopt", false)));
      }
    }
    return out;
  }

  private ServiceSpec.@Nullable AlertGrouping alertGrouping(YMap m) {
    YMap g = map(m, "alert_grouping");
    if (g == null) {
      return null;
    }
    String type = requiredString(g, "type");
    Duration timeout = duration(g, "timeout", false);
    if (type == null) {
      return null;
    }
    ServiceSpec.AlertGrouping.Type t = ServiceSpec.AlertGrouping.Type.valueOf(type.toUpperCase(Locale.ROOT));
    if (timeout != null && t != ServiceSpec.AlertGrouping.Type.TIME) {
      problems.error(g.entry("timeout").keyOrigin(), "timeout only applies to alert_grouping type time",
          "remove timeout or use type: time");
    }
    return new ServiceSpec.AlertGrouping(t, timeout);
  }

  private ServiceSpec.@Nullable SupportHours supportHours(YMap m, Defaults defaults) {
    YMap h = map(m, "support_hours");
    if (h == null) {
      return null;
    }
    ZoneId zone = zone(h, "time_zone");
    LocalTime start = timeOfDay(h, "start_time");
    LocalTime end = timeOfDay(h, "end_time");
    if (!h.has("start_time")) {
      problems.error(h.origin(), Messages.missingKey("start_time"), Messages.missingKeyHint("start_time"));
    }
    if (!h.has("end_time")) {
      problems.error(h.origin(), Messages.missingKey("end_time"), Messages.missingKeyHint("end_time"));
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    YList dl = list(h, "days");
    if (dl == null && !h.has("days")) {
      problems.error(h.origin(), Messages.missingKey("days"), Messages.missingKeyHint("days"));
    } else if (dl != null) {
      for (YNode n : dl.items()) {
        String d = scalarString(n);
        if (d != null && !problems.errorAt(n.origin())) {
          if (!days.add(DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT)))) {
            problems.error(n.origin(), "day '" + d + "' is listed twice", "keep one");
          }
        }
      }
    }
    if (start != null && end != null && !end.isAfter(start)) {
      problems.error(h.get("end_time").origin(), "end_time must be after start_time", null);
      return null;
    }
    if (start == null || end == null || days.isEmpty()) {
      return null;
    }
    return new ServiceSpec.SupportHours(zone == null ? defaults.timeZone() : zone, days, start, end);
  }

  private List<ServiceSpec.Integration> integrations(YMap m) {
    List<ServiceSpec.Integration> out = new ArrayList<>();
    YList l = list(m, "integrations");
    if (l == null) {
      return out;
    }
    Map<String, YNode> seen = new LinkedHashMap<>();
    for (YNode n : l.items()) {
      if (!(n instanceof YMap im)) {
        continue;
      }
      String key = requiredString(im, "key");
      if (key == null) {
        continue;
      }
      YNode prev = seen.putIfAbsent(key, im);
      if (prev != null) {
        problems.error(im.get("key").origin(), "duplicate integration key '" + key + "'",
            "first defined at " + prev.origin().location());
        continue;
      }
      String type = string(im, "type");
      String name = string(im, "name");
      out.add(new ServiceSpec.Integration(key,
          type == null ? ServiceSpec.Integration.Type.EVENTS_API_V2
              : ServiceSpec.Integration.Type.valueOf(type.toUpperCase(Locale.ROOT)),
          name == null ? key : name));
    }
    return out;
  }

  private Map<String, Secret> secrets(YMap root) {
    Map<String, Secret> out = new LinkedHashMap<>();
    YMap s = map(root, "secrets");
    if (s != null) {
      for (String name : s.entries().keySet()) {
        Secret v = secretValue(s, name);
        if (v != null) {
          out.put(name, v);
        }
      }
    }
    return out;
  }

  private MustacheTemplates templates(YMap root, Map<String, TemplateFile> files) {
    Map<String, EventTemplate> events = new LinkedHashMap<>();
    Map<String, Part> texts = new LinkedHashMap<>();
    YMap t = map(root, "templates");
    if (t != null) {
      t.entries().forEach((name, e) -> {
        YNode v = e.value();
        if (v instanceof YMap em) {
          EventTemplate et = eventTemplate(em);
          if (et != null) {
            events.put(name, et);
          }
        } else if (v instanceof YScalar s && s.value() instanceof String text) {
          Part p = compile(text, s.origin());
          if (p != null) {
            texts.put(name, p);
          }
        }
      });
    }
    files.forEach((name, f) -> {
      if (events.containsKey(name) || texts.containsKey(name)) {
        YNode inline = t == null ? null : t.get(name);
        problems.error(Origin.ofFile(f.file()), "template '" + name + "' is also defined inline"
            + (inline == null ? "" : " at " + inline.origin().location()), "rename one of them");
        return;
      }
      Part p = compile(f.text(), Origin.ofFile(f.file()));
      if (p != null) {
        texts.put(name, p);
      }
    });
    return new MustacheTemplates(events, texts);
  }

  private @Nullable EventTemplate eventTemplate(YMap m) {
    YNode summaryNode = m.get("summary");
    if (summaryNode == null) {
      problems.error(m.origin(), Messages.missingKey("summary"), Messages.missingKeyHint("summary"));
      return null;
    }
    Part summary = part(m, "summary");
    Part severity = part(m, "severity");
    YNode sevNode = m.get("severity");
    if (sevNode instanceof YScalar ss && ss.value() instanceof String sev && !sev.contains("{{")
        && !MustacheTemplates.SEVERITIES.contains(sev)) {
      problems.error(ss.origin(), "'" + sev + "' is not one of: critical, error, warning, info",
          Levenshtein.didYouMean(sev, MustacheTemplates.SEVERITIES));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    YMap dm = map(m, "custom_details");
    if (dm != null) {
      details = compileTree(dm);
    }
    if (summary == null) {
      return null;
    }
    return new EventTemplate(m.origin().location(), summary, severity, part(m, "source"), part(m, "component"),
        part(m, "group"), part(m, "class"), part(m, "dedup_key"), details);
  }

  private Map<String, Object> compileTree(YMap m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.entries().forEach((k, e) -> out.put(k, compileValue(e.value())));
    return out;
  }

  private @Nullable Object compileValue(YNode n) {
    if (n instanceof YMap m) {
      return compileTree(m);
    } else if (n instanceof YList l) {
      List<Object> out = new ArrayList<>();
      l.items().forEach(i -> out.add(compileValue(i)));
      return out;
    }
    YScalar s = (YScalar) n;
    if (s.value() instanceof String text) {
      return compile(text, s.origin());
    }
    return s.value();
  }

  private @Nullable Part part(YMap m, String key) {
    YNode n = m.get(key);
    if (n instanceof YScalar s && s.value() instanceof String text) {
      return compile(text, s.origin());
    }
    return null;
  }

  private @Nullable Part compile(String text, Origin at) {
    try {
      return new Part(MustacheTemplates.COMPILER.compile(text), at.line() > 0 ? at.location() : at.file());
    } catch (MustacheParseException e) {
      String msg = String.valueOf(e.getMessage());
      problems.error(at, "invalid template: " + msg, "check {{ }} and {{#section}}...{{/section}} pairs");
      return null;
    } catch (MustacheException e) {
      problems.error(at, "invalid template: " + e.getMessage(), null);
      return null;
    }
  }

  // ---------------------------------------------------------------- secrets

  /** Reports enc:v1: values anywhere except secret fields. */
  private void checkEncryptedPlacement(YNode n, String treePath) {
    if (n instanceof YMap m) {
      m.entries().forEach((k, e) -> {
        String p = treePath.isEmpty() ? k : treePath + "." + k;
        if (p.equals("secrets") || p.equals("approvals.totp_secret")) {
          return;
        }
        checkEncryptedPlacement(e.value(), p);
      });
    } else if (n instanceof YList l) {
      l.items().forEach(i -> checkEncryptedPlacement(i, treePath + "[]"));
    } else if (n instanceof YScalar s && s.value() instanceof String text
        && text.startsWith(CryptoProvider.TOKEN_PREFIX)) {
      problems.error(s.origin(), "encrypted values are only allowed under secrets: and approvals.totp_secret",
          "move it to secrets: <name>");
    }
  }

  private @Nullable Secret secretValue(YMap m, String key) {
    YNode n = m.get(key);
    if (!(n instanceof YScalar s) || !(s.value() instanceof String text) || text.isBlank()) {
      return null;
    }
    if (!text.startsWith(CryptoProvider.TOKEN_PREFIX)) {
      problems.warning(s.origin(), "secret is stored in clear text",
          "encrypt it with `pdkit config encrypt-value` and paste the enc:v1: value");
      Secret secret = Secret.of(text);
      secretNodes.put(s, secret);
      return secret;
    }
    CryptoProvider p;
    try {
      p = crypto.get();
    } catch (IllegalArgumentException e) {
      if (!cryptoMissingReported) {
        cryptoMissingReported = true;
        problems.error(s.origin(), "cannot decrypt: " + e.getMessage(), "fix PDKIT_MASTER_KEY");
      }
      return null;
    }
    if (p == null) {
      if (!cryptoMissingReported) {
        cryptoMissingReported = true;
        problems.error(s.origin(), "encrypted value but no key is configured",
            "set PDKIT_MASTER_KEY (base64 of 32 bytes) or PDKIT_PASSPHRASE");
      }
      return null;
    }
    try {
      byte[] clear = p.decrypt(text, CONFIG_AAD);
      String value = new String(clear, StandardCharsets.UTF_8);
      java.util.Arrays.fill(clear, (byte) 0);
      if (value.isBlank()) {
        problems.error(s.origin(), "encrypted value is empty", "encrypt a non-empty value");
        return null;
      }
      Secret secret = Secret.of(value);
      secretNodes.put(s, secret);
      return secret;
    } catch (CryptoException e) {
      problems.error(s.origin(), "cannot decrypt: " + e.getMessage(),
          "check PDKIT_MASTER_KEY / PDKIT_PASSPHRASE, or re-encrypt with `pdkit config encrypt-value`");
      return null;
    }
  }

  // ---------------------------------------------------------------- typed access

  private static <T> Set<String> keys(List<T> items, Function<T, String> key) {
    Set<String> out = new HashSet<>();
    items.forEach(i -> out.add(key.apply(i)));
    return out;
  }

  private List<YMap> items(YMap root, String key) {
    YList l = list(root, key);
    List<YMap> out = new ArrayList<>();
    if (l != null) {
      for (YNode n : l.items()) {
        if (n instanceof YMap m) {
          out.add(m);
        } else {
          problems.errorUnlessReported(n.origin(), Messages.wrongType("a map", n), null);
        }
      }
    }
    return out;
  }

  private boolean userExists(Set<String> users, String email, YNode at) {
    if (users.contains(email)) {
      return true;
    }
    if (problems.errorAt(at.origin())) {
      return false;
    }
    String hint = removedHint("user", email);
    if (hint == null) {
      hint = Levenshtein.didYouMean(email, users);
    }
    problems.error(at.origin(), "unknown user '" + email + "'",
        hint != null ? hint : "declare it under users: with - email: " + email);
    return false;
  }

  private boolean resolves(Set<String> keys, String ref, String kind, YNode at) {
    if (keys.contains(ref)) {
      return true;
    }
    if (problems.errorAt(at.origin())) {
      return false;
    }
    String hint = removedHint(kind.replace(' ', '_'), ref);
    if (hint == null) {
      hint = Levenshtein.didYouMean(ref, keys);
    }
    String plural = kind.equals("escalation policy") ? "escalation_policies" : kind + "s";
    problems.error(at.origin(), "unknown " + kind + " '" + ref + "'",
        hint != null ? hint : "define it under " + plural + ": with key: " + ref);
    return false;
  }

  private @Nullable String removedHint(String kind, String key) {
    return removed.contains(kind + ":" + key.toLowerCase(Locale.ROOT))
        ? "it is removed in this environment by remove: [" + kind + ":" + key + "]"
        : null;
  }

  private @Nullable String reference(YMap m, String field, String kind, Set<String> keys) {
    String ref = string(m, field);
    if (ref == null) {
      return null;
    }
    return resolves(keys, ref, kind, m.get(field)) ? ref : null;
  }

  private @Nullable String requiredString(YMap m, String key) {
    if (!m.has(key) || (m.get(key) instanceof YScalar s && s.isNull())) {
      problems.error(m.origin(), Messages.missingKey(key), Messages.missingKeyHint(key));
      return null;
    }
    return string(m, key);
  }

  private @Nullable String string(YMap m, String key) {
    YNode n = m.get(key);
    if (n == null) {
      return null;
    }
    if (problems.errorAt(n.origin())) {
      return null;
    }
    return scalarString(n);
  }

  private @Nullable String scalarString(YNode n) {
    if (n instanceof YScalar s) {
      if (s.value() == null) {
        return null;
      }
      if (s.value() instanceof String str) {
        return problems.errorAt(n.origin()) ? null : str;
      }
    }
    problems.errorUnlessReported(n.origin(), Messages.wrongType("a string", n), Messages.typeHint("a string", n));
    return null;
  }

  private @Nullable Long integer(YMap m, String key) {
    YNode n = m.get(key);
    if (n == null || problems.errorAt(n.origin())) {
      return null;
    }
    if (n instanceof YScalar s && s.value() instanceof Long l) {
      return l;
    }
    if (n instanceof YScalar s && s.value() == null) {
      return null;
    }
    problems.errorUnlessReported(n.origin(), Messages.wrongType("an integer", n), Messages.typeHint("an integer", n));
    return null;
  }

  private boolean bool(YMap m, String key, boolean dflt) {
    YNode n = m.get(key);
    if (n == null) {
      return dflt;
    }
    if (n instanceof YScalar s && s.value() instanceof Boolean b) {
      return b;
    }
    if (n instanceof YScalar s && s.value() == null) {
      return dflt;
    }
    problems.errorUnlessReported(n.origin(), Messages.wrongType("true or false", n), Messages.typeHint("true or false", n));
    return dflt;
  }

  private @Nullable YMap map(YMap m, String key) {
    YNode n = m.get(key);
    if (n instanceof YMap r) {
      return r;
    }
    if (n != null && !(n instanceof YScalar s && s.isNull())) {
      problems.errorUnlessReported(n.origin(), Messages.wrongType("a map", n), Messages.typeHint("a map", n));
    }
    return null;
  }

  private @Nullable YList list(YMap m, String key) {
    YNode n = m.get(key);
    if (n instanceof YList r) {
      return r;
    }
    if (n != null && !(n instanceof YScalar s && s.isNull())) {
      problems.errorUnlessReported(n.origin(), Messages.wrongType("a list", n), Messages.typeHint("a list", n));
    }
    return null;
  }

  private @Nullable Duration duration(YMap m, String key, boolean required) {
    if (required && !m.has(key)) {
      problems.error(m.origin(), Messages.missingKey(key), Messages.missingKeyHint(key));
      return null;
    }
    String text = string(m, key);
    if (text == null) {
      return null;
    }
    Duration d = Values.duration(text);
    if (d == null) {
      problems.errorUnlessReported(m.get(key).origin(), "invalid duration '" + text + "'",
          "write a duration such as 30s, 15m, 4h, 7d or ISO-8601 PT15M");
    }
    return d;
  }

  private @Nullable LocalTime timeOfDay(YMap m, String key) {
    String text = string(m, key);
    if (text == null) {
      return null;
    }
    LocalTime t = Values.timeOfDay(text);
    if (t == null) {
      problems.errorUnlessReported(m.get(key).origin(), "invalid time of day '" + text + "'",
          "write a time of day as \"HH:MM\" (quoted), e.g. \"09:00\"");
    }
    return t;
  }

  private @Nullable OffsetDateTime dateTime(YMap m, String key, boolean required) {
    if (required && !m.has(key)) {
      problems.error(m.origin(), Messages.missingKey(key), Messages.missingKeyHint(key));
      return null;
    }
    String text = string(m, key);
    if (text == null) {
      return null;
    }
    OffsetDateTime t = Values.dateTime(text);
    if (t == null) {
      problems.errorUnlessReported(m.get(key).origin(), "invalid date-time '" + text + "'",
          "write an ISO-8601 date-time with offset, e.g. 2026-01-05T09:00:00+01:00");
    }
    return t;
  }

  private @Nullable ZoneId zone(YMap m, String key) {
    String text = string(m, key);
    if (text == null) {
      return null;
    }
    ZoneId z = Values.zone(text);
    if (z == null) {
      String hint = Levenshtein.didYouMean(text, Values.zoneIds());
      problems.errorUnlessReported(m.get(key).origin(), "unknown time zone '" + text + "'",
          hint != null ? hint : "use an IANA time zone such as Europe/Berlin or UTC");
    }
    return z;
  }
}
