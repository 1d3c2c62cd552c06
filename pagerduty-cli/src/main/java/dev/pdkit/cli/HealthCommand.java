package dev.pdkit.cli;

import dev.pdkit.config.ConfigException;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.ConfigProblem;
import dev.pdkit.config.DesiredState;
import dev.pdkit.health.CheckResult;
import dev.pdkit.health.HealthCheck;
import dev.pdkit.health.HealthReport;
import dev.pdkit.spi.MasterKey;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdkit health [--full-check] [--report] [--format text|json] [--environment E] [--config
 * DIR]}: checks the account (and, with a config, that it matches the config). Exit 0 healthy, 1
 * unhealthy, 2 bad usage.
 */
@Command(
    name = "health",
    description = {"Check the PagerDuty account: token and abilities, Events API reachability and, with",
        "--full-check, config drift, services, integrations, who is on call and coverage gaps."},
    footer = {"",
        "Without --full-check only the token, the account's abilities and the Events API are checked.",
        "With --environment (and --config, default ./config) the account is compared with that environment's",
        "config, and only the services and escalation policies it manages are checked.",
        "Exit codes: 0 healthy (warnings allowed), 1 unhealthy, 2 bad usage or invalid config."})
public final class HealthCommand implements Callable<Integer> {
  @Option(names = "--full-check",
      description = "Run every check (default: token, abilities and Events API only).")
  boolean full;

  @Option(names = "--report",
      description = "Print every check with its details (default: a summary and the checks that did not pass).")
  boolean report;

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
      description = "Output format: text (default) or json (always the whole report).")
  OnCallCommand.Format format = OnCallCommand.Format.TEXT;

  @Option(names = {"--environment", "-e"}, paramLabel = "ENV",
      description = "Check against this environment's config (with --config, default: $ENVIRONMENT).")
  @Nullable String environment;

  @Option(names = {"--config", "-c"}, paramLabel = "DIR",
      description = "The config folder holding pagerduty.yaml (default: ./config when --environment is given).")
  @Nullable Path config;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Longest time one check may take (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds = 30;

  @Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "7",
      description = "How many days ahead to look for coverage gaps (default: ${DEFAULT-VALUE}).")
  int horizonDays = 7;

  @Option(names = "--at", paramLabel = "ISO-8601",
      description = "Evaluate on-call and coverage at this moment, e.g. 2026-01-02T03:04:05Z (default: now).")
  @Nullable String at;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Main main = Main.from(spec);
    if (timeoutSeconds < 1) {
      throw new UsageException("--timeout: must be at least 1 second, was " + timeoutSeconds);
    }
    if (horizonDays < 1 || horizonDays > 90) {
      throw new UsageException("--horizon: must be 1 to 90 days, was " + horizonDays);
    }
    DesiredState desired = desiredState(main);
    HealthCheck.Builder b = HealthCheck.builder().client(main.client()).desiredState(desired).full(full)
        .timeout(Duration.ofSeconds(timeoutSeconds)).horizon(Duration.ofDays(horizonDays));
    if (at != null) {
      b.clock(Clock.fixed(instant(at), ZoneOffset.UTC));
    }
    HealthReport r = b.build().run();
    return print(main, r, format == OnCallCommand.Format.JSON, report);
  }

  /**
   * Prints a report the way {@code pdkit health} does and returns its exit code: {@link Main#OK}
   * when healthy, else {@link Main#FAILED} with one line on stderr naming the failed checks.
   *
   * @param json print the JSON report instead of text
   * @param whole print every check (text only; JSON is always whole)
   */
  public static int print(Main main, HealthReport r, boolean json, boolean whole) {
    PrintStream out = main.out();
    if (json) {
      out.println(r.toJson());
    } else if (whole) {
      out.print(r.toText());
    } else {
      out.println(r.summary());
      for (CheckResult c : r.checks()) {
        if (c.status() != CheckResult.Status.OK) {
          out.println("  " + c.status() + "  " + c.name() + ": " + c.message());
          c.details().forEach(d -> out.println("        - " + d));
        }
      }
    }
    if (r.healthy()) {
      return Main.OK;
    }
    main.err().println("pdkit: error: unhealthy: " + r.failures().size() + " check"
        + (r.failures().size() == 1 ? "" : "s") + " failed ("
        + String.join(", ", r.failures().stream().map(CheckResult::name).toList()) + ")");
    return Main.FAILED;
  }

  private @Nullable DesiredState desiredState(Main main) {
    if (environment == null && config == null) {
      return null;
    }
    String env = environment != null ? environment : main.env("ENVIRONMENT");
    if (env == null) {
      throw new UsageException("--config needs an environment: pass --environment or set ENVIRONMENT");
    }
    Path dir = config != null ? config : Path.of("config");
    if (!Files.isDirectory(dir)) {
      throw new UsageException((config != null ? "--config: " : "") + dir + " is not a folder: pass --config DIR,"
          + " the folder holding pagerduty.yaml");
    }
    for (String name : List.of(MasterKey.ENV_MASTER_KEY, MasterKey.ENV_PASSPHRASE)) {
      String v = main.env(name);
      if (v != null) {
        main.registerSecret(v);
      }
    }
    try {
      return ConfigLoader.builder().directory(dir).environmentVariables(main::env).build().load(env.trim());
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        main.err().println(p);
      }
      throw new UsageException("invalid config in " + dir + " for environment " + env.trim() + " ("
          + e.errors().size() + " error" + (e.errors().size() == 1 ? "" : "s") + "; see above)");
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException("--at: '" + text + "' is not an ISO-8601 instant such as 2026-01-02T03:04:05Z");
    }
  }
}
