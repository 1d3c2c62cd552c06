package dev.pdkit.cli.deploy;

import dev.pdkit.PagerDuty;
import dev.pdkit.audit.AuditLog;
import dev.pdkit.audit.AuditVerification;
import dev.pdkit.audit.JsonLinesAuditSink;
import dev.pdkit.cli.config.ExampleConfig;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.ApplyResult;
import dev.pdkit.deploy.ApproverKey;
import dev.pdkit.deploy.Change;
import dev.pdkit.deploy.DeployRefusedException;
import dev.pdkit.deploy.Deployer;
import dev.pdkit.deploy.Plan;
import dev.pdkit.deploy.PlanFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The deploy step of {@code pdkit demo}. */
public final class DeployDemo {
  private DeployDemo() {}

  /**
   * Deploys the bundled example config's protected {@code production} environment to {@code pd}:
   * plan, a refused unapproved apply, approval with a fresh Ed25519 key, apply, a re-plan with zero
   * changes, and the audit log's verification. Prints to {@code out} only.
   */
  public static void run(PrintStream out, PagerDuty pd, int step) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("pdkit-demo-deploy");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the deploy demo", e);
    }
    try {
      Path config = ExampleConfig.writeTo(tmp.resolve("config"));
      ApproverKey approver = ApproverKey.generate();
      // the example's production is protected but names no approver; add the demo's key
      Files.writeString(config.resolve("environments/production.yaml"), "approvals:\n  ed25519_public_keys:\n    - "
          + approver.publicKey() + "\n", StandardOpenOption.APPEND);
      DesiredState desired = ConfigLoader.builder().directory(config).environmentVariables(Map.of()).build()
          .load("production");
      Path log = tmp.resolve("pdkit-audit.jsonl");
      Deployer deployer = Deployer.builder().client(pd).actor("pdkit-demo")
          .auditSink(JsonLinesAuditSink.open(log)).build();

      out.println(step + ". Deploy the bundled example config (environment production, protected: true):");
      Plan plan = deployer.plan(desired);
      out.println("   plan: " + counts(plan) + " (plan hash " + plan.hash().substring(0, 12) + "...)");
      try {
        deployer.apply(desired);
        throw new IllegalStateException("the demo's protected environment applied without approval");
      } catch (DeployRefusedException e) {
        out.println("   apply without an approved plan -> refused (" + e.reason() + ")");
      }
      Path planFile = tmp.resolve("production.plan.json");
      PlanFile.of(plan, Instant.now()).write(planFile);
      PlanFile approved = PlanFile.read(planFile).withSignature(approver.sign(plan, Instant.now()));
      long t0 = System.nanoTime();
      ApplyResult result = deployer.apply(desired, approved, null);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      out.println("   saved plan signed with a new Ed25519 approver key -> applied " + result.applied().size()
          + " changes in " + ms + " ms (users, team, schedule, escalation policy, services, integrations)");
      Plan again = deployer.plan(desired);
      AuditVerification audit = AuditLog.verify(log);
      out.println("   re-plan: " + counts(again) + (again.isEmpty() ? " (no perma-diff)" : "") + "; audit log: "
          + audit.lines() + " entries, hash chain " + (audit.valid() ? "intact" : "BROKEN: " + audit.problem()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo's example config", e);
    } finally {
      try (Stream<Path> s = Files.walk(tmp)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary folder; the OS cleans it up
      }
    }
  }

  private static String counts(Plan p) {
    return p.count(Change.Action.CREATE) + " to create, " + p.count(Change.Action.UPDATE) + " to update, "
        + p.count(Change.Action.DELETE) + " to delete";
  }
}
