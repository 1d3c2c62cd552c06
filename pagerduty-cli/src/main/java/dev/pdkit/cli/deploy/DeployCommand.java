package dev.pdkit.cli.deploy;

import dev.pdkit.PagerDuty;
import dev.pdkit.audit.JsonLinesAuditSink;
import dev.pdkit.cli.Main;
import dev.pdkit.cli.UsageException;
import dev.pdkit.cli.config.ConfigCommand;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.ValidationResult;
import dev.pdkit.deploy.ApplyResult;
import dev.pdkit.deploy.ApproverKey;
import dev.pdkit.deploy.Change;
import dev.pdkit.deploy.DeployException;
import dev.pdkit.deploy.Deployer;
import dev.pdkit.deploy.Plan;
import dev.pdkit.deploy.PlanFile;
import dev.pdkit.deploy.PlanFileException;
import dev.pdkit.deploy.PlanSignature;
import dev.pdkit.deploy.Totp;
import dev.pdkit.health.CheckResult;
import dev.pdkit.health.HealthCheck;
import dev.pdkit.health.HealthReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdkit deploy}: plan the config of one environment against PagerDuty, save the plan, and
 * apply it; {@code pdkit deploy keygen|approve} for approvals of protected environments.
 */
@Command(
    name = "deploy",
    sortOptions = false,
    synopsisSubcommandLabel = "[COMMAND]",
    description = {
        "Plan the config of one environment against PagerDuty and apply it in dependency order.",
        "",
        "  pdkit deploy -e staging --dry-run                 show the plan, change nothing",
        "  pdkit deploy -e staging                           plan and apply",
        "  pdkit deploy -e production --plan-out prod.plan   save the plan (applies nothing)",
        "  pdkit deploy approve --plan prod.plan --key me.key",
        "  pdkit deploy -e production --plan prod.plan [--approve-key K | --totp CODE]",
        "",
        "A protected environment (protected: true) applies only a saved plan approved by an Ed25519",
        "signature of a key in approvals.ed25519_public_keys or a TOTP code from approvals.totp_secret,",
        "and only while neither the config nor PagerDuty changed since the plan was made."},
    subcommands = {DeployCommand.KeygenCommand.class, DeployCommand.ApproveCommand.class},
    footer = {"",
        "Every write is appended to the audit log (a SHA-256 hash chain; check it with `pdkit audit verify`).",
        "After an apply, the health check of `pdkit health --full-check -e ENV` runs and its report is printed",
        "(on stderr with --format json); an unhealthy account exits 1 (the changes stay applied).",
        "Exit codes: 0 done, 1 refused, failed or unhealthy after the deploy (nothing or only the reported steps written),",
        "2 bad usage, invalid config, damaged plan or key file."})
public final class DeployCommand implements Callable<Integer> {
  /** Default audit log, relative to the working directory. */
  public static final String DEFAULT_AUDIT_LOG = "pdkit-audit.jsonl";

  @Spec CommandSpec spec;

  @Option(names = {"--environment", "-e"}, paramLabel = "ENV", description = "Environment to deploy (default: $ENVIRONMENT).")
  @Nullable String environment;

  @Option(names = {"--config", "-c"}, paramLabel = "DIR", defaultValue = "config",
      description = "The config folder, the one holding pagerduty.yaml (default: ${DEFAULT-VALUE}).")
  Path config = Path.of("config");

  @Option(names = "--validate", description = "Validate the config first and print every warning and a summary.")
  boolean validate;

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(names = "--plan-out", paramLabel = "FILE", description = "Save the plan to FILE (JSON) for review and approval; applies nothing.")
  @Nullable Path planOut;

  @Option(names = "--plan", paramLabel = "FILE", description = "Apply this saved plan (refused if the config or PagerDuty changed since).")
  @Nullable Path plan;

  @Option(names = "--approve-key", paramLabel = "KEY", description = "Approve the saved plan with this Ed25519 private key file (repeatable).")
  List<Path> approveKeys = new ArrayList<>();

  @Option(names = "--totp", paramLabel = "CODE", description = "Approve the saved plan with the current 6-digit code of approvals.totp_secret.")
  @Nullable String totp;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Plan output: text or json (default: ${DEFAULT-VALUE}).")
  String format = "text";

  @Option(names = "--audit-log", paramLabel = "FILE", description = "Audit log to append writes to (default: $PDKIT_AUDIT_LOG, else ./" + DEFAULT_AUDIT_LOG + ").")
  @Nullable Path auditLog;

  @Option(names = "--actor", paramLabel = "WHO", description = "Who deploys, for the audit log (default: $PAGERDUTY_FROM, else the OS user).")
  @Nullable String actor;

  @Option(names = "--no-health-check", description = "Do not run the health check after applying.")
  boolean noHealthCheck;

  /** Clock for plan times and TOTP checks; tests replace it. */
  static Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Main main = Main.from(spec);
    PrintStream out = main.out();
    PrintStream err = main.err();
    checkOptions();
    ConfigLoader loader = ConfigCommand.loader(main, config);
    String env = environment != null ? environment.trim() : main.env("ENVIRONMENT");
    if (env == null) {
      throw new UsageException("no environment: pass --environment (one of "
          + String.join(", ", loader.environments()) + ") or set ENVIRONMENT");
    }
    ValidationResult result = loader.validate(env);
    if (!result.isValid() || result.state() == null) {
      ConfigCommand.report(err, result.problems());
      err.println("pdkit: " + result.errors().size() + " error" + (result.errors().size() == 1 ? "" : "s") + " in "
          + config + " for environment " + env + "; nothing was deployed");
      return Main.USAGE;
    }
    DesiredState desired = result.desiredState().orElseThrow();
    if (validate) {
      ConfigCommand.report(err, result.problems());
      err.println("pdkit: " + config + ": environment " + env + " is valid (" + desired.services().size()
          + " services, " + desired.escalationPolicies().size() + " escalation policies, "
          + desired.schedules().size() + " schedules, " + desired.teams().size() + " teams, "
          + desired.users().size() + " users)");
    }

    if (dryRun || planOut != null) {
      Deployer deployer = deployer(main, desired, null);
      Plan p = deployer.plan(desired);
      print(out, p);
      if (planOut != null) {
        PlanFile.of(p, clock.instant()).write(planOut);
        err.println("pdkit: plan saved to " + planOut + " (plan hash " + p.hash() + ")");
        if (desired.protectedEnvironment()) {
          err.println("pdkit: " + env + " is protected: approve with `pdkit deploy approve --plan " + planOut
              + " --key KEY`, then apply with `pdkit deploy -e " + env + " --plan " + planOut + "`");
        } else {
          err.println("pdkit: apply it with `pdkit deploy -e " + env + " --plan " + planOut + "`");
        }
      } else {
        err.println("pdkit: dry run: nothing was changed");
      }
      return Main.OK;
    }

    Path log = auditLogPath(main);
    Deployer deployer = deployer(main, desired, log);
    ApplyResult applied;
    if (plan != null) {
      PlanFile saved = readPlan(plan);
      for (Path k : approveKeys) {
        PlanSignature s = readKey(k).sign(saved.plan(), clock.instant());
        saved = saved.withSignature(s);
      }
      print(out, saved.plan());
      applied = deployer.apply(desired, saved, totp == null ? null : totp.strip());
    } else {
      applied = deployer.apply(desired);
      print(out, applied.plan());
    }
    err.println("pdkit: " + (applied.applied().isEmpty() ? "nothing to change in " + env
        : "applied " + applied.applied().size() + " change" + (applied.applied().size() == 1 ? "" : "s") + " to "
            + env + " (plan hash " + applied.plan().hash() + "); audit log " + log));
    return noHealthCheck ? Main.OK : healthAfterDeploy(main, desired, env);
  }

  /**
   * The post-deploy health check against the deployed config. The report goes to stdout, or to
   * stderr with {@code --format json} so that stdout stays one JSON document (the plan).
   */
  private int healthAfterDeploy(Main main, DesiredState desired, String env) {
    HealthReport report = HealthCheck.builder().client(main.client()).desiredState(desired).clock(clock).build().run();
    PrintStream target = format.equals("json") ? main.err() : main.out();
    target.println();
    target.print(report.toText());
    if (report.healthy()) {
      return Main.OK;
    }
    List<String> failed = report.failures().stream().map(CheckResult::name).toList();
    main.err().println("pdkit: error: deployed to " + env + ", but the account is unhealthy: " + failed.size()
        + " health check" + (failed.size() == 1 ? "" : "s") + " failed (" + String.join(", ", failed)
        + "); the changes stay applied, see the report above");
    return Main.FAILED;
  }

  private void checkOptions() {
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.equals("text") && !f.equals("json")) {
      throw new UsageException("--format: '" + format + "' is not text or json");
    }
    format = f;
    if (plan != null && (planOut != null || dryRun)) {
      throw new UsageException("--plan applies a saved plan; it cannot be combined with "
          + (planOut != null ? "--plan-out" : "--dry-run") + " (to look at it, open the file)");
    }
    if (plan == null && (!approveKeys.isEmpty() || totp != null)) {
      throw new UsageException((totp != null ? "--totp" : "--approve-key") + " approves a saved plan: make one with"
          + " --plan-out FILE and pass it with --plan FILE");
    }
    if (totp != null && !Totp.isWellFormed(totp.strip())) {
      throw new UsageException("--totp: a code is 6 digits, e.g. --totp 492039");
    }
  }

  private Deployer deployer(Main main, DesiredState desired, @Nullable Path log) {
    PagerDuty client = main.client();
    String from = desired.defaults().from();
    if (main.env("PAGERDUTY_FROM") == null && from != null) {
      // writes need a From header; the config's defaults.from is the fallback for PAGERDUTY_FROM
      client = client.withOptions(o -> o.from(from));
    }
    Deployer.Builder b = Deployer.builder().client(client).clock(clock);
    String who = actor != null ? actor : main.env("PAGERDUTY_FROM");
    if (who != null) {
      b.actor(who);
    }
    if (log != null) {
      b.auditSink(JsonLinesAuditSink.open(log));
    }
    return b.build();
  }

  private Path auditLogPath(Main main) {
    if (auditLog != null) {
      return auditLog;
    }
    String fromEnv = main.env("PDKIT_AUDIT_LOG");
    return Path.of(fromEnv != null ? fromEnv : DEFAULT_AUDIT_LOG);
  }

  private void print(PrintStream out, Plan p) {
    if (format.equals("json")) {
      out.println(p.toJson());
    } else {
      out.print(p.toText());
    }
  }

  static PlanFile readPlan(Path file) {
    try {
      return PlanFile.read(file);
    } catch (PlanFileException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  static ApproverKey readKey(Path file) {
    try {
      return ApproverKey.read(file);
    } catch (DeployException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /** {@code pdkit deploy keygen --out DIR}. */
  @Command(name = "keygen", description = {"Make an Ed25519 approver key pair: DIR/NAME.key (private, owner-only)",
      "and DIR/NAME.pub; prints the public key for approvals.ed25519_public_keys."})
  static final class KeygenCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the key files to.")
    Path out = Path.of(".");

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "approver", description = "File name stem (default: ${DEFAULT-VALUE}).")
    String name = "approver";

    @Override
    public Integer call() throws IOException {
      Main main = Main.from(spec);
      if (!name.matches("[A-Za-z0-9._-]+")) {
        throw new UsageException("--name: use letters, digits, '.', '_' or '-' only");
      }
      Path priv = out.resolve(name + ".key");
      Path pub = out.resolve(name + ".pub");
      if (Files.exists(priv) || Files.exists(pub)) {
        throw new UsageException("will not overwrite " + (Files.exists(priv) ? priv : pub)
            + ": choose another --out or --name");
      }
      ApproverKey key = ApproverKey.generate();
      key.writePrivateKey(priv);
      Files.writeString(pub, key.publicKey() + "\n", StandardCharsets.US_ASCII);
      main.out().println(key.publicKey());
      main.err().println("pdkit: private key written to " + priv + " (keep it secret; it is never printed)");
      main.err().println("pdkit: public key written to " + pub + "; add it to the environment file:");
      main.err().println("  approvals:");
      main.err().println("    ed25519_public_keys:");
      main.err().println("      - " + key.publicKey());
      return Main.OK;
    }
  }

  /** {@code pdkit deploy approve --plan F --key K}. */
  @Command(name = "approve", description = {"Sign a saved plan's hash with an Ed25519 private key and add the",
      "signature to the plan file. Prints the plan first: read it before approving."})
  static final class ApproveCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--plan", required = true, paramLabel = "FILE", description = "The saved plan (from --plan-out).")
    Path plan = Path.of("plan.json");

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The approver's private key file (from keygen).")
    Path key = Path.of("approver.key");

    @Override
    public Integer call() {
      Main main = Main.from(spec);
      PlanFile saved = readPlan(plan);
      ApproverKey k = readKey(key);
      main.out().print(saved.plan().toText());
      PlanFile signed = saved.withSignature(k.sign(saved.plan(), clock.instant()));
      signed.write(plan);
      Instant made = saved.createdAt();
      main.err().println("pdkit: approved plan " + saved.plan().hash() + " for " + saved.plan().environment()
          + " (made " + made + ", " + saved.plan().count(Change.Action.CREATE) + "/"
          + saved.plan().count(Change.Action.UPDATE) + "/" + saved.plan().count(Change.Action.DELETE)
          + " create/update/delete) with key " + k.publicKey() + "; " + plan + " now has "
          + signed.signatures().size() + " signature" + (signed.signatures().size() == 1 ? "" : "s"));
      return Main.OK;
    }
  }
}
