package dev.pdkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.config.ConfigException;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.ConfigProblem;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.LiveResources;
import dev.pdkit.deploy.ResourceKind;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.escalation.Escalations;
import dev.pdkit.model.User;
import dev.pdkit.oncall.EscalationStep;
import dev.pdkit.oncall.EscalationTimeline;
import dev.pdkit.oncall.OnCallEntry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdkit oncall now|timeline}: who is on call, and who would be paged when. */
@Command(
    name = "oncall",
    description = "Who is on call now, and who an unacknowledged incident would page, and when.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {OnCallCommand.Now.class, OnCallCommand.Timeline.class})
public final class OnCallCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OnCallCommand() {}

  /** Output formats. */
  enum Format {
    TEXT,
    JSON
  }

  abstract static class Base implements Callable<Integer> {
    @Option(names = "--at", paramLabel = "ISO-8601",
        description = "The moment to look at, e.g. 2026-01-02T03:04:05Z (default: now).")
    @Nullable String at;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
        description = "Output format: text (default) or json.")
    Format format = Format.TEXT;

    @Option(names = {"--config", "-c"}, paramLabel = "DIR", defaultValue = "config",
        description = "Config folder to look KEYs up in (default: ${DEFAULT-VALUE}); not read for ids.")
    Path config = Path.of("config");

    @Option(names = {"--environment", "-e"}, paramLabel = "ENV",
        description = "Environment whose deployed resources KEYs name (default: $ENVIRONMENT).")
    @Nullable String environment;

    @Spec CommandSpec spec;

    Main main() {
      return Main.from(spec);
    }

    /**
     * The live id for {@code value}: a PagerDuty id as is; otherwise a config key, resolved to the
     * resource deployed for it (its description's {@code [pdkit:env=E;key=K]} marker).
     */
    Resolved resolve(ResourceKind kind, String option, String value) {
      String v = value.trim();
      if (PAGERDUTY_ID.matcher(v).matches()) {
        return new Resolved(v, null);
      }
      String what = kind.wire().replace('_', ' ');
      if (!Files.isDirectory(config)) {
        throw new UsageException(option + ": '" + v + "' is not a PagerDuty id (P and 6 upper-case letters or"
            + " digits), and there is no config folder '" + config + "' to look it up as a key;"
            + " pass --config DIR --environment ENV, or the " + what + "'s id");
      }
      Main main = main();
      for (String name : List.of("PDKIT_MASTER_KEY", "PDKIT_PASSPHRASE")) {
        String secret = main.env(name);
        if (secret != null) {
          main.registerSecret(secret);
        }
      }
      ConfigLoader loader = ConfigLoader.builder().directory(config).environmentVariables(main::env).build();
      String env = environment != null ? environment.trim() : main.env("ENVIRONMENT");
      if (env == null) {
        throw new UsageException(option + ": to look up the key '" + v + "', pass --environment (one of "
            + String.join(", ", loader.environments()) + ") or set ENVIRONMENT");
      }
      DesiredState desired;
      try {
        desired = loader.load(env);
      } catch (ConfigException e) {
        for (ConfigProblem p : e.errors()) {
          main.err().println(p);
        }
        throw new UsageException("cannot look up " + option + " '" + v + "': the config in " + config
            + " for environment " + env + " is invalid (" + e.errors().size() + " error"
            + (e.errors().size() == 1 ? "" : "s") + " above)");
      }
      List<String> keys = LiveResources.keys(desired, kind);
      if (!keys.contains(v)) {
        throw new UsageException(option + ": no " + what + " with key '" + v + "' in " + config + " for environment "
            + env + "; known keys: " + (keys.isEmpty() ? "(none)" : String.join(", ", keys))
            + " (or pass the " + what + "'s id)");
      }
      String id = LiveResources.idOf(main.client(), desired, kind, v).orElseThrow(() -> new PagerDutyException(
          "the " + what + " '" + v + "' of environment " + env + " is not deployed: no live " + what
              + " carries the marker [pdkit:env=" + env + ";key=" + v + "] at the end of its description;"
              + " deploy the config first"));
      return new Resolved(id, v);
    }

    Instant instant() {
      if (at == null) {
        return main().client().clock().instant();
      }
      try {
        return Instant.parse(at);
      } catch (DateTimeParseException e) {
        throw new UsageException("--at: '" + at + "' is not an ISO-8601 instant such as 2026-01-02T03:04:05Z");
      }
    }

    static String text(@Nullable Instant t) {
      return t == null ? "-" : t.toString();
    }

    /**
     * The users behind these ids, read concurrently; a user that cannot be read (deleted, no
     * permission) is left out and printed by id alone.
     */
    Map<String, User> people(Collection<String> ids) {
      Map<String, CompletableFuture<User>> reads = new LinkedHashMap<>();
      for (String id : new LinkedHashSet<>(ids)) {
        reads.put(id, main().client().users().getAsync(id));
      }
      Map<String, User> out = new HashMap<>();
      reads.forEach((id, f) -> {
        try {
          out.put(id, f.join());
        } catch (CompletionException | CancellationException e) {
          // shown by id only
        }
      });
      return out;
    }

    static String person(String id, Map<String, User> people) {
      User u = people.get(id);
      return u == null ? id : id + " (" + u.email() + ")";
    }

    static void describe(ObjectNode o, String id, Map<String, User> people) {
      User u = people.get(id);
      o.put("name", u == null ? null : u.name());
      o.put("email", u == null ? null : u.email());
    }
  }

  /** PagerDuty ids: {@code P} and 6 upper-case letters or digits. Anything else is a config key. */
  static final Pattern PAGERDUTY_ID = Pattern.compile("P[A-Z0-9]{6}");

  /** A live id, and the config key it was looked up from (null when given as an id). */
  record Resolved(String id, @Nullable String key) {
    String label() {
      return key == null ? id : key + " (" + id + ")";
    }
  }

  /** {@code pdkit oncall now --escalation-policy KEY|ID}. */
  @Command(name = "now", description = "Who is on call on every level of an escalation policy.")
  static final class Now extends Base {
    @Option(names = "--escalation-policy", required = true, paramLabel = "KEY|ID",
        description = "Escalation policy: its id (e.g. PABC123) or its key in the config (e.g. platform).")
    String policy;

    @Override
    public Integer call() throws Exception {
      Instant t = instant();
      Resolved p = resolve(ResourceKind.ESCALATION_POLICY, "--escalation-policy", policy);
      String policyId = p.id();
      List<OnCallEntry> entries = Escalations.of(main().client()).onCallAt(policyId, t);
      Map<String, User> people = people(entries.stream().map(OnCallEntry::userId).toList());
      PrintStream out = main().out();
      if (format == Format.JSON) {
        ObjectNode root = JSON.createObjectNode();
        root.put("escalation_policy", policyId);
        if (p.key() != null) {
          root.put("key", p.key());
        }
        root.put("at", t.toString());
        ArrayNode arr = root.putArray("oncalls");
        for (OnCallEntry e : entries) {
          ObjectNode o = arr.addObject();
          o.put("escalation_level", e.escalationLevel());
          o.put("user", e.userId());
          describe(o, e.userId(), people);
          o.put("schedule", e.scheduleId());
          o.put("start", e.start() == null ? null : e.start().toString());
          o.put("end", e.end() == null ? null : e.end().toString());
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      } else {
        out.println("On call for escalation policy " + p.label() + " at " + t + ":");
        if (entries.isEmpty()) {
          out.println("  nobody");
        }
        for (OnCallEntry e : entries) {
          out.println("  level " + e.escalationLevel() + "  " + person(e.userId(), people)
              + (e.scheduleId() == null ? "  (direct, always)"
                  : "  via schedule " + e.scheduleId() + "  " + text(e.start()) + " .. " + text(e.end())));
        }
      }
      return Main.OK;
    }
  }

  /** {@code pdkit oncall timeline --service KEY|ID}. */
  @Command(name = "timeline",
      description = "Who an incident on a service would page, and when, if nobody acknowledged it.")
  static final class Timeline extends Base {
    @Option(names = "--service", required = true, paramLabel = "KEY|ID",
        description = "Service: its id (e.g. PSVC123) or its key in the config (e.g. checkout).")
    String service;

    @Override
    public Integer call() throws Exception {
      Instant t = instant();
      Resolved svc = resolve(ResourceKind.SERVICE, "--service", service);
      String serviceId = svc.id();
      EscalationTimeline tl = Escalations.of(main().client()).previewTimeline(serviceId, t);
      Map<String, User> people = people(tl.steps().stream().flatMap(st -> st.userIds().stream()).toList());
      PrintStream out = main().out();
      if (format == Format.JSON) {
        ObjectNode root = JSON.createObjectNode();
        root.put("service", serviceId);
        if (svc.key() != null) {
          root.put("key", svc.key());
        }
        root.put("escalation_policy", tl.policyId());
        root.put("triggered_at", t.toString());
        ArrayNode arr = root.putArray("steps");
        for (EscalationStep s : tl.steps()) {
          ObjectNode o = arr.addObject();
          o.put("offset_minutes", s.offset().toMinutes());
          o.put("at", s.at().toString());
          o.put("level", s.level());
          o.put("loop", s.loop());
          ArrayNode users = o.putArray("users");
          s.userIds().forEach(users::add);
          ArrayNode details = o.putArray("people");
          s.userIds().forEach(u -> {
            ObjectNode d = details.addObject();
            d.put("id", u);
            describe(d, u, people);
          });
          ArrayNode empty = o.putArray("empty_schedules");
          s.emptyScheduleIds().forEach(empty::add);
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      } else {
        out.println("If an incident on " + svc.label() + " were triggered at " + t + " and nobody acknowledged it:");
        for (EscalationStep s : tl.steps()) {
          out.println(String.format("  +%4d min  %s  level %d (loop %d)  %s", s.offset().toMinutes(), s.at(),
              s.level(), s.loop(), s.userIds().isEmpty() ? "NOBODY (empty: " + String.join(", ", s.emptyScheduleIds()) + ")"
                  : String.join(", ", s.userIds().stream().map(u -> person(u, people)).toList())));
        }
      }
      return Main.OK;
    }
  }
}
