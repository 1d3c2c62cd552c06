package dev.pdkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.ChangeEvent;
import dev.pdkit.events.EventAction;
import dev.pdkit.events.EventResult;
import dev.pdkit.events.EventsApi;
import dev.pdkit.events.Image;
import dev.pdkit.events.LimitPolicy;
import dev.pdkit.events.Link;
import dev.pdkit.events.Severity;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdkit events trigger|acknowledge|resolve|change}: send Events API v2 events. */
@Command(
    name = "events",
    description = "Send Events API v2 events; prints PagerDuty's JSON answer.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
        EventsCommand.Trigger.class,
        EventsCommand.Acknowledge.class,
        EventsCommand.Resolve.class,
        EventsCommand.Change.class})
public final class EventsCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter COMPACT_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]XX");

  private EventsCommand() {}

  /** Options every event has. */
  static class CommonOptions {
    @Option(names = "--routing-key", paramLabel = "KEY",
        description = "Integration key of the service's Events API v2 integration"
            + " (default: $PAGERDUTY_ROUTING_KEY).")
    @Nullable String routingKey;

    @Option(names = "--summary", paramLabel = "TEXT",
        description = "payload.summary: what happened (at most 1,024 characters).")
    @Nullable String summary;

    @Option(names = "--source", paramLabel = "TEXT",
        description = "payload.source: the affected system, e.g. a host name.")
    @Nullable String source;

    @Option(names = "--timestamp", paramLabel = "ISO-8601",
        description = "payload.timestamp, e.g. 2026-01-02T03:04:05Z (default: when received).")
    @Nullable String timestamp;

    @Option(names = "--custom-details", paramLabel = "JSON",
        description = "payload.custom_details: a JSON object, e.g. '{\"free_bytes\":0}'.")
    @Nullable String customDetails;

    @Option(names = "--link", paramLabel = "URL[|TEXT]",
        description = "A link to show (repeatable), optionally with text after '|'.")
    List<String> links = new ArrayList<>();

    @Option(names = "--truncate",
        description = "Truncate a summary over 1,024 characters instead of rejecting the event.")
    boolean truncate;

    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    Main main() {
      return Main.from(spec);
    }

    Secret routingKey() {
      String key = routingKey != null ? routingKey : main().env("PAGERDUTY_ROUTING_KEY");
      if (key == null || key.isBlank()) {
        throw new UsageException("routing_key: no routing key given: pass --routing-key KEY or"
            + " set PAGERDUTY_ROUTING_KEY to the Integration Key of the service's"
            + " Events API v2 integration");
      }
      main().registerSecret(key);
      return Secret.of(key.trim());
    }

    EventsApi events() {
      EventsApi api = main().client().events();
      return truncate ? api.withLimitPolicy(LimitPolicy.TRUNCATE) : api;
    }

    @Nullable OffsetDateTime timestamp() {
      if (timestamp == null) {
        return null;
      }
      try {
        return OffsetDateTime.parse(timestamp.trim());
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(timestamp.trim(), COMPACT_OFFSET);
        } catch (DateTimeParseException e2) {
          throw new UsageException("payload.timestamp (--timestamp): '" + timestamp
              + "' is not an ISO-8601 date-time with offset, e.g. 2026-01-02T03:04:05Z");
        }
      }
    }

    Map<String, Object> customDetails() {
      if (customDetails == null) {
        return Map.of();
      }
      try {
        Map<String, Object> parsed =
            JSON.readValue(customDetails, new TypeReference<LinkedHashMap<String, Object>>() {});
        if (parsed == null) {
          throw new UsageException("payload.custom_details (--custom-details): must be a JSON"
              + " object such as '{\"key\":\"value\"}', was null");
        }
        return parsed;
      } catch (JsonProcessingException e) {
        throw new UsageException("payload.custom_details (--custom-details): not a JSON object"
            + " (" + e.getOriginalMessage() + "); pass e.g. '{\"key\":\"value\"}'");
      }
    }

    List<Link> links() {
      List<Link> result = new ArrayList<>();
      for (String l : links) {
        int bar = l.indexOf('|');
        result.add(bar < 0 ? Link.of(l.trim())
            : new Link(l.substring(0, bar).trim(), l.substring(bar + 1)));
      }
      return result;
    }
  }

  /** Options of alert events (trigger, acknowledge, resolve). */
  static class AlertOptions extends CommonOptions {
    @Option(names = "--dedup-key", paramLabel = "KEY",
        description = "dedup_key: identifies the alert (at most 255 characters); required to"
            + " acknowledge or resolve; generated for a trigger without one.")
    @Nullable String dedupKey;

    @Option(names = "--severity", paramLabel = "LEVEL",
        description = "payload.severity: critical, error, warning or info.")
    @Nullable String severity;

    @Option(names = "--component", paramLabel = "TEXT", description = "payload.component.")
    @Nullable String component;

    @Option(names = "--group", paramLabel = "TEXT", description = "payload.group.")
    @Nullable String group;

    @Option(names = "--class", paramLabel = "TEXT", description = "payload.class.")
    @Nullable String eventClass;

    @Option(names = "--image", paramLabel = "SRC[|HREF[|ALT]]",
        description = "An image to show (repeatable): https source, optional link and alt text"
            + " separated by '|'.")
    List<String> images = new ArrayList<>();

    @Option(names = "--client", paramLabel = "NAME", description = "client: the monitoring tool.")
    @Nullable String client;

    @Option(names = "--client-url", paramLabel = "URL", description = "client_url.")
    @Nullable String clientUrl;

    int send(EventAction action) {
      AlertEvent.Builder b = AlertEvent.builder(routingKey(), action).dedupKey(dedupKey);
      boolean anyPayload = summary != null || source != null || severity != null
          || timestamp != null || component != null || group != null || eventClass != null
          || customDetails != null;
      if (anyPayload || action == EventAction.TRIGGER) {
        b.summary(summary).source(source).timestamp(timestamp()).component(component)
            .group(group).eventClass(eventClass).customDetails(customDetails());
        if (severity != null) {
          try {
            b.severity(Severity.parse(severity));
          } catch (IllegalArgumentException e) {
            throw new UsageException("payload.severity (--severity): " + e.getMessage());
          }
        }
      }
      for (String i : images) {
        String[] parts = i.split("\\|", 3);
        b.image(new Image(parts[0].trim(), part(parts, 1), part(parts, 2)));
      }
      links().forEach(b::link);
      b.client(client).clientUrl(clientUrl);
      return print(main(), events().send(b.build()));
    }

    private static @Nullable String part(String[] parts, int i) {
      return parts.length > i && !parts[i].isBlank() ? parts[i].trim() : null;
    }
  }

  /** {@code pdkit events trigger}. */
  @Command(name = "trigger", mixinStandardHelpOptions = true,
      description = "Open an alert (or add to the open alert with the same dedup key).")
  static final class Trigger implements Callable<Integer> {
    @Mixin AlertOptions options;

    @Override
    public Integer call() {
      return options.send(EventAction.TRIGGER);
    }
  }

  /** {@code pdkit events acknowledge}. */
  @Command(name = "acknowledge", aliases = "ack", mixinStandardHelpOptions = true,
      description = "Acknowledge the open alert with --dedup-key.")
  static final class Acknowledge implements Callable<Integer> {
    @Mixin AlertOptions options;

    @Override
    public Integer call() {
      return options.send(EventAction.ACKNOWLEDGE);
    }
  }

  /** {@code pdkit events resolve}. */
  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "Resolve the open alert with --dedup-key.")
  static final class Resolve implements Callable<Integer> {
    @Mixin AlertOptions options;

    @Override
    public Integer call() {
      return options.send(EventAction.RESOLVE);
    }
  }

  /** {@code pdkit events change}. */
  @Command(name = "change", mixinStandardHelpOptions = true,
      description = "Send a change event (a deploy, a config change); it never notifies anyone.")
  static final class Change implements Callable<Integer> {
    @Mixin CommonOptions options;

    @Override
    public Integer call() {
      ChangeEvent.Builder b = ChangeEvent.builder(options.routingKey())
          .summary(options.summary).source(options.source).timestamp(options.timestamp())
          .customDetails(options.customDetails());
      options.links().forEach(b::link);
      return print(options.main(), options.events().change(b.build()));
    }
  }

  /** Prints PagerDuty's answer as one JSON object. */
  static int print(Main main, EventResult result) {
    ObjectNode json = JSON.createObjectNode();
    json.put("status", result.status());
    json.put("message", result.message());
    if (result.dedupKey() != null) {
      json.put("dedup_key", result.dedupKey());
    }
    main.out().println(json.toString());
    main.out().flush();
    return Main.OK;
  }
}
