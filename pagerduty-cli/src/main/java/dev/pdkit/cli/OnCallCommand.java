package dev.pdkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.escalation.Escalations;
import dev.pdkit.oncall.EscalationStep;
import dev.pdkit.oncall.EscalationTimeline;
import dev.pdkit.oncall.OnCallEntry;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
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

    @Spec CommandSpec spec;

    Main main() {
      return Main.from(spec);
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
  }

  /** {@code pdkit oncall now --escalation-policy ID}. */
  @Command(name = "now", description = "Who is on call on every level of an escalation policy.")
  static final class Now extends Base {
    @Option(names = "--escalation-policy", required = true, paramLabel = "ID",
        description = "Escalation policy id, e.g. PABC123.")
    String policyId;

    @Override
    public Integer call() throws Exception {
      Instant t = instant();
      List<OnCallEntry> entries = Escalations.of(main().client()).onCallAt(policyId, t);
      PrintStream out = main().out();
      if (format == Format.JSON) {
        ObjectNode root = JSON.createObjectNode();
        root.put("escalation_policy", policyId);
        root.put("at", t.toString());
        ArrayNode arr = root.putArray("oncalls");
        for (OnCallEntry e : entries) {
          ObjectNode o = arr.addObject();
          o.put("escalation_level", e.escalationLevel());
          o.put("user", e.userId());
          o.put("schedule", e.scheduleId());
          o.put("start", e.start() == null ? null : e.start().toString());
          o.put("end", e.end() == null ? null : e.end().toString());
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      } else {
        out.println("On call for escalation policy " + policyId + " at " + t + ":");
        if (entries.isEmpty()) {
          out.println("  nobody");
        }
        for (OnCallEntry e : entries) {
          out.println("  level " + e.escalationLevel() + "  " + e.userId()
              + (e.scheduleId() == null ? "  (direct, always)"
                  : "  via schedule " + e.scheduleId() + "  " + text(e.start()) + " .. " + text(e.end())));
        }
      }
      return Main.OK;
    }
  }

  /** {@code pdkit oncall timeline --service ID}. */
  @Command(name = "timeline",
      description = "Who an incident on a service would page, and when, if nobody acknowledged it.")
  static final class Timeline extends Base {
    @Option(names = "--service", required = true, paramLabel = "ID", description = "Service id, e.g. PSVC123.")
    String serviceId;

    @Override
    public Integer call() throws Exception {
      Instant t = instant();
      EscalationTimeline tl = Escalations.of(main().client()).previewTimeline(serviceId, t);
      PrintStream out = main().out();
      if (format == Format.JSON) {
        ObjectNode root = JSON.createObjectNode();
        root.put("service", serviceId);
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
          ArrayNode empty = o.putArray("empty_schedules");
          s.emptyScheduleIds().forEach(empty::add);
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      } else {
        out.println("If an incident on " + serviceId + " were triggered at " + t + " and nobody acknowledged it:");
        for (EscalationStep s : tl.steps()) {
          out.println(String.format("  +%4d min  %s  level %d (loop %d)  %s", s.offset().toMinutes(), s.at(),
              s.level(), s.loop(), s.userIds().isEmpty() ? "NOBODY (empty: " + String.join(", ", s.emptyScheduleIds()) + ")"
                  : String.join(", ", s.userIds())));
        }
      }
      return Main.OK;
    }
  }
}
