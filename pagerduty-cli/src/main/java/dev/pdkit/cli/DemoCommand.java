package dev.pdkit.cli;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.EventResult;
import dev.pdkit.events.Severity;
import dev.pdkit.model.Assignment;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.Incident;
import dev.pdkit.model.IncidentStatus;
import dev.pdkit.model.Integration;
import dev.pdkit.model.LogEntry;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Service;
import dev.pdkit.model.User;
import dev.pdkit.rest.IncidentQuery;
import dev.pdkit.rest.LogEntryQuery;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pdkit demo}: a tour of pdkit against an embedded fake PagerDuty; no account, no setup.
 * Everything goes through the SDK over HTTP on loopback, exactly as it would against PagerDuty.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"A tour against an embedded fake PagerDuty (no account needed): sets up a"
        + " service with an Events API v2 integration through the SDK, then triggers,"
        + " acknowledges and resolves an alert and shows what happened to the incident."})
final class DemoCommand implements Callable<Integer> {
  private static final String EMAIL = "oncall@example.com";
  private static final String TOKEN = "pdkit-demo-token";
  /** Real PagerDuty processes events asynchronously; bound how long the demo waits for it. */
  private static final Duration EVENT_WAIT = Duration.ofSeconds(10);

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Main main = Main.from(spec);
    PrintStream out = main.out();
    long started = System.nanoTime();
    // The fake's JDK HTTP server reads this when its classes load (see FakeServerMain).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    out.println("pdkit demo: a tour against an embedded fake PagerDuty (no account needed)");
    try (FakePagerDuty fake = FakePagerDuty.builder().token(TOKEN).user(EMAIL).start();
        PagerDuty pd = PagerDuty.builder().apiUrl(fake.baseUrl()).eventsUrl(fake.eventsUrl())
            .apiToken(TOKEN).from(EMAIL).build()) {
      out.println();
      out.println("1. Started a fake PagerDuty at " + fake.baseUrl()
          + " (REST v2 at the root, Events v2 at /v2/enqueue)");

      User user = pd.users().findByEmail(EMAIL).orElseThrow(() -> new PagerDutyException(
          "the fake has no user " + EMAIL + "; it should have been created at start"));
      EscalationPolicy policy = pd.escalationPolicies().create(EscalationPolicy.builder()
          .name("Checkout on-call").addRule(EscalationRule.of(30, Reference.user(id(user.id()))))
          .build());
      Service service = pd.services().create(Service.builder().name("checkout")
          .description("Created by pdkit demo").escalationPolicy(id(policy.id())).build());
      Integration integration = pd.services().createIntegration(id(service.id()),
          Integration.eventsApiV2("Monitoring"));
      Secret routingKey = integration.integrationKey();
      if (routingKey == null) {
        throw new PagerDutyException("the Events API v2 integration came back without an"
            + " integration_key");
      }
      out.println("2. Through the SDK: escalation policy \"" + policy.name() + "\" ("
          + policy.id() + ") paging " + user.name() + " <" + user.email() + ">,");
      out.println("   service \"" + service.name() + "\" (" + service.id()
          + ") with an Events API v2 integration (routing key fingerprint "
          + routingKey.fingerprint() + ")");

      EventResult triggered = pd.events().trigger(AlertEvent.trigger(routingKey)
          .summary("Checkout error rate above 5% on checkout-1")
          .source("checkout-1.example.com").severity(Severity.CRITICAL).component("payments")
          .customDetail("error_rate", 0.071).link("https://runbooks.example.com/checkout",
              "Runbook").build());
      String dedupKey = Objects.requireNonNull(triggered.dedupKey(), "dedup key");
      out.println("3. pd.events().trigger(...) -> " + triggered.status() + ": "
          + triggered.message() + " (dedup key " + dedupKey + ")");
      Incident incident = awaitIncident(pd, id(service.id()), dedupKey, IncidentStatus.TRIGGERED);
      out.println("   incident #" + incident.incidentNumber() + " \"" + incident.title()
          + "\" is " + status(incident) + ", urgency " + lower(incident.urgency())
          + ", assigned to " + assignees(incident));

      EventResult acked = pd.events().acknowledge(routingKey, dedupKey);
      out.println("4. pd.events().acknowledge(...) -> " + acked.status() + ": " + acked.message());
      incident = awaitIncident(pd, id(service.id()), dedupKey, IncidentStatus.ACKNOWLEDGED);
      out.println("   incident #" + incident.incidentNumber() + " is " + status(incident));

      EventResult resolved = pd.events().resolve(routingKey, dedupKey);
      out.println("5. pd.events().resolve(...) -> " + resolved.status() + ": "
          + resolved.message());
      incident = awaitIncident(pd, id(service.id()), dedupKey, IncidentStatus.RESOLVED);
      out.println("   incident #" + incident.incidentNumber() + " is " + status(incident)
          + (incident.resolvedAt() == null ? "" : " at " + incident.resolvedAt()));

      // PagerDuty lists log entries newest first; entries made in the same instant (the fake's
      // clock stands still) keep that order, so reverse it before the stable sort by time.
      List<LogEntry> log = new ArrayList<>(
          pd.incidents().logEntries(incident.id(), LogEntryQuery.none()).toList());
      Collections.reverse(log);
      log.sort(Comparator.comparing(LogEntry::createdAt,
          Comparator.nullsFirst(Comparator.naturalOrder())));
      out.println("6. Its log, oldest first: " + log.stream().map(DemoCommand::describe)
          .collect(Collectors.joining(", ")));
      dev.pdkit.cli.config.ExampleConfig.demo(out, pd, routingKey);
      escalation(out, fake, pd, user);
      backupRestore(out, fake, pd);
      deploy(out, pd);
      health(out, fake, pd);
    }
    out.println();
    out.printf(Locale.ROOT, "Done in %.1f s. Next: pdkit events trigger --help,"
        + " pdkit fake serve --port 8080%n", (System.nanoTime() - started) / 1e9);
    return Main.OK;
  }

  /**
   * The incident the alert with {@code dedupKey} opened, once it has {@code status}. PagerDuty
   * (and the fake) key an event-made incident by the alert's dedup key.
   */
  private static Incident awaitIncident(PagerDuty pd, String serviceId, String dedupKey,
      IncidentStatus status) throws InterruptedException {
    IncidentQuery query = IncidentQuery.builder().serviceIds(serviceId).incidentKey(dedupKey)
        .dateRangeAll().build();
    long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
    Optional<Incident> found = Optional.empty();
    while (System.nanoTime() < deadline) {
      found = pd.incidents().list(query).stream().findFirst();
      if (found.isPresent() && found.get().status() == status) {
        return found.get();
      }
      Thread.sleep(50);
    }
    throw new PagerDutyException("no " + lower(status) + " incident for dedup key " + dedupKey
        + " within " + EVENT_WAIT.toSeconds() + " s"
        + found.map(i -> " (incident #" + i.incidentNumber() + " is " + status(i) + ")")
            .orElse(" (no incident at all)"));
  }

  private static String id(@Nullable String id) {
    return Objects.requireNonNull(id, "PagerDuty returned an entity without id");
  }

  private static String status(Incident i) {
    return i.status() == null ? "of unknown status" : i.status().name().toLowerCase(Locale.ROOT);
  }

  private static String lower(@Nullable Object o) {
    return o == null ? "unknown" : o.toString().toLowerCase(Locale.ROOT);
  }

  private static String assignees(Incident i) {
    if (i.assignments().isEmpty()) {
      return "nobody";
    }
    return i.assignments().stream().map(Assignment::assignee)
        .map(r -> r.summary() != null ? r.summary() : r.id())
        .collect(Collectors.joining(", "));
  }

  /**
   * Step 8: nobody acknowledges, so the incident escalates on the fake's virtual clock. Shows the
   * timeline the on-call engine predicts, then who PagerDuty (the fake) actually paged, and when.
   */
  private static void escalation(PrintStream out, FakePagerDuty fake, PagerDuty pd, User first)
      throws InterruptedException {
    User second = pd.users().create(User.builder().name("Backup Engineer")
        .email("backup@example.com").build());
    EscalationPolicy policy = pd.escalationPolicies().create(EscalationPolicy.builder()
        .name("Payments on-call").numLoops(1)
        .addRule(EscalationRule.of(5, Reference.user(id(first.id()))))
        .addRule(EscalationRule.of(10, Reference.user(id(second.id()))))
        .build());
    Service service = pd.services().create(Service.builder().name("payments")
        .description("Created by pdkit demo").escalationPolicy(id(policy.id())).build());
    Integration integration = pd.services().createIntegration(id(service.id()),
        Integration.eventsApiV2("Monitoring"));
    Secret key = Objects.requireNonNull(integration.integrationKey(), "integration key");
    java.time.Instant triggeredAt = fake.now();
    Map<String, String> names = Map.of(id(first.id()), first.name(), id(second.id()),
        second.name());

    out.println("8. Escalation: policy \"" + policy.name() + "\" pages " + first.name()
        + ", then " + second.name() + " after 5 min, then loops once (10 min later).");
    dev.pdkit.oncall.EscalationTimeline predicted = dev.pdkit.escalation.Escalations.of(pd)
        .previewTimeline(id(service.id()), triggeredAt);
    out.println("   the on-call engine predicts, if nobody acknowledges: " + predicted.steps()
        .stream().map(step -> "+" + step.offset().toMinutes() + " min level " + step.level()
            + " " + step.userIds().stream().map(u -> names.getOrDefault(u, u))
            .collect(Collectors.joining("+")))
        .collect(Collectors.joining(", ")));

    String dedupKey = "payments-latency";
    pd.events().trigger(AlertEvent.trigger(key).summary("Payments p99 latency above 2 s")
        .source("payments-1").severity(Severity.CRITICAL).dedupKey(dedupKey).build());
    Incident incident = awaitIncident(pd, id(service.id()), dedupKey, IncidentStatus.TRIGGERED);
    out.println("   +0 min: incident #" + incident.incidentNumber() + " assigned to "
        + assignees(incident));
    for (int minutes : new int[] {5, 15}) {
      fake.advanceClock(Duration.between(fake.now(), triggeredAt.plus(Duration.ofMinutes(minutes))));
      incident = pd.incidents().get(incident.id());
      out.println("   +" + minutes + " min (fake clock advanced, nobody acknowledged): assigned to "
          + assignees(incident));
    }
    pd.events().acknowledge(key, dedupKey);
    incident = awaitIncident(pd, id(service.id()), dedupKey, IncidentStatus.ACKNOWLEDGED);
    out.println("   acknowledged: escalation stops; incident #" + incident.incidentNumber()
        + " is " + status(incident));
  }

  /**
   * Step 11: the health report after the deploy, checked against the example's production config
   * (as {@code pdkit health --full-check --report -e production} prints it; "now" is the fake's
   * clock).
   */
  private static void health(PrintStream out, FakePagerDuty fake, PagerDuty pd) {
    java.nio.file.Path tmp = null;
    try {
      tmp = java.nio.file.Files.createTempDirectory("pdkit-demo-health");
      dev.pdkit.config.DesiredState production = dev.pdkit.config.ConfigLoader.builder()
          .directory(dev.pdkit.cli.config.ExampleConfig.writeTo(tmp.resolve("config")))
          .environmentVariables(Map.of()).build().load("production");
      dev.pdkit.health.HealthReport report = dev.pdkit.health.HealthCheck.builder().client(pd)
          .desiredState(production).clock(fake.clock()).build().run();
      out.println("11. Health after the deploy (pdkit health --full-check --report -e production): token,"
          + " Events API, config drift, services, integrations, on-call and 7-day coverage:");
      report.toText().lines().forEach(l -> out.println("   " + l));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the example config to a temporary folder", e);
    } finally {
      if (tmp != null) {
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(tmp)) {
          paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
          // a leftover temporary folder is harmless
        }
      }
    }
  }

  /** Step 10: plan, approve and apply the bundled example config's protected environment. */
  private static void deploy(PrintStream out, PagerDuty pd) {
    dev.pdkit.cli.deploy.DeployDemo.run(out, pd, 10);
  }

  private static String describe(LogEntry e) {
    String type = e.type().replace("_log_entry", "");
    return e.agent() != null && e.agent().summary() != null
        ? type + " (" + e.agent().summary() + ")" : type;
  }

  /**
   * Step 9: back the demo account up into an encrypted archive, wipe the fake, restore the
   * archive, and check: a new plan finds nothing left to restore, the health check, and a second
   * backup with the same content modulo ids.
   */
  private static void backupRestore(PrintStream out, FakePagerDuty fake, PagerDuty pd) {
    java.nio.file.Path dir;
    try {
      dir = java.nio.file.Files.createTempDirectory("pdkit-demo-backups");
    } catch (java.io.IOException e) {
      throw new PagerDutyException("cannot create a temporary directory for the demo backup: " + e.getMessage(), e);
    }
    try {
      // a random passphrase: the demo archive is thrown away at the end
      Secret passphrase = Secret.of(java.util.UUID.randomUUID().toString());
      dev.pdkit.backup.Backups backups = dev.pdkit.backup.Backups.builder().client(pd).clock(fake.clock())
          .store(dev.pdkit.backup.BackupStore.directory(dir)).build();
      dev.pdkit.backup.BackupStore.Saved saved = backups.create(dev.pdkit.backup.Encryption.passphrase(passphrase));
      dev.pdkit.backup.Manifest m = saved.manifest();
      java.nio.file.Path archive = java.nio.file.Path.of(saved.backup().location());
      out.println("9. Backup and restore: " + m.entries() + " records (" + m.counts().entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey().wire()).collect(Collectors.joining(", "))
          + ") in an encrypted archive of " + saved.backup().size() + " bytes");
      dev.pdkit.backup.Decryption key = dev.pdkit.backup.Decryption.passphrase(passphrase);
      List<dev.pdkit.backup.BackupRecord> before = dev.pdkit.backup.Backups.readVerified(archive, key);
      fake.reset();
      out.println("    wiped the fake (reset): " + pd.services().list().toList().size() + " services, "
          + pd.escalationPolicies().list().toList().size() + " escalation policies left");
      dev.pdkit.backup.RestoreResult r = backups.restore(archive, key,
          dev.pdkit.backup.RestoreOptions.builder().createMissingUsers(true).healthCheck(true).build());
      out.println("    restored: " + r.applied().size() + " created or updated, "
          + r.plan().count(dev.pdkit.backup.RestoreChange.Action.UNCHANGED) + " already there (startup users), "
          + r.plan().count(dev.pdkit.backup.RestoreChange.Action.SKIP) + " skipped; "
          + (r.verified() ? "a new plan finds nothing left to restore"
              : r.verification().pending().size() + " differences left"));
      if (r.health() != null) {
        out.println("    health after the restore: " + r.health().summary());
      }
      List<dev.pdkit.backup.BackupRecord> after = new ArrayList<>();
      backups.capture(after::add);
      List<String> diff = dev.pdkit.backup.BackupContent.of(before, fake.now())
          .differences(dev.pdkit.backup.BackupContent.of(after, fake.now()));
      out.println("    a new backup " + (diff.isEmpty() ? "has the same content, modulo ids"
          : "differs: " + String.join("; ", diff)) + "; " + r.notes().size()
          + " integration(s) got new routing keys (PagerDuty never reuses one)");
    } finally {
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (java.io.IOException e) {
        out.println("    (could not remove " + dir + ": " + e.getMessage() + ")");
      }
    }
  }
}
