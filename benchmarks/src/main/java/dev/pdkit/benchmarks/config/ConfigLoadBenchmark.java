package dev.pdkit.benchmarks.config;

import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.spi.CacheProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load + validate a generated config folder with 1,000 services (10 files of 100), 200 schedules,
 * 200 escalation policies, 50 teams and 400 users, merged with a production overlay. Goal: under
 * 1 s. {@code loadAndValidate} parses everything each time; {@code loadAndValidateCached} re-uses
 * parsed files through {@link CacheProvider#caffeine()} (only the merge and the checks run).
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ConfigLoadBenchmark -f 1 -wi 3 -i 5 \
 *     -rf json -rff benchmarks/target/config-load.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigLoadBenchmark {
  static final int SERVICES = 1000;
  static final int SCHEDULES = 200;
  static final int POLICIES = 200;
  static final int TEAMS = 50;
  static final int USERS = 400;

  private Path dir;
  private ConfigLoader plain;
  private ConfigLoader cached;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("pdkit-config-bench");
    generate(dir);
    plain = ConfigLoader.builder().directory(dir).environmentVariables(Map.of()).build();
    cached = ConfigLoader.builder().directory(dir).environmentVariables(Map.of())
        .cacheProvider(CacheProvider.caffeine()).build();
    DesiredState s = plain.load("production");
    if (s.services().size() != SERVICES || s.schedules().size() != SCHEDULES
        || s.escalationPolicies().size() != POLICIES) {
      throw new IllegalStateException("generated config did not load as expected");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public DesiredState loadAndValidate() {
    return plain.load("production");
  }

  @Benchmark
  public DesiredState loadAndValidateCached() {
    return cached.load("production");
  }

  /** Writes the generated config into {@code dir}. */
  public static void generate(Path dir) {
    try {
      Files.createDirectories(dir.resolve("services"));
      Files.createDirectories(dir.resolve("environments"));
      StringBuilder b = new StringBuilder("version: 1\ndefaults:\n  time_zone: Europe/Berlin\n  from: ops@example.com\n");
      b.append("users:\n");
      for (int i = 0; i < USERS; i++) {
        b.append("  - email: user").append(i).append("@example.com\n    name: User ").append(i).append("\n    manage: true\n");
      }
      b.append("teams:\n");
      for (int t = 0; t < TEAMS; t++) {
        b.append("  - key: team-").append(t).append("\n    name: Team ").append(t).append("\n    members:\n");
        for (int m = 0; m < 4; m++) {
          b.append("      - { user: user").append((t * 8 + m) % USERS).append("@example.com, role: ")
              .append(m == 0 ? "manager" : "responder").append(" }\n");
        }
      }
      b.append("schedules:\n");
      for (int s = 0; s < SCHEDULES; s++) {
        b.append("  - key: sched-").append(s).append("\n    name: Schedule ").append(s)
            .append("\n    team: team-").append(s % TEAMS).append("\n    layers:\n")
            .append("      - name: Weekly\n        start: 2026-01-05T09:00:00+01:00\n        turn_length: 7d\n")
            .append("        users: [user").append(s % USERS).append("@example.com, user").append((s + 1) % USERS).append("@example.com]\n")
            .append("      - name: Daytime\n        start: 2026-01-05T09:00:00+01:00\n        turn_length: 1d\n")
            .append("        users: [user").append((s + 2) % USERS).append("@example.com]\n")
            .append("        restrictions:\n")
            .append("          - { type: weekly, start_day: monday, start_time: \"09:00\", duration: 8h }\n")
            .append("          - { type: weekly, start_day: wednesday, start_time: \"09:00\", duration: 8h }\n");
      }
      b.append("escalation_policies:\n");
      for (int p = 0; p < POLICIES; p++) {
        b.append("  - key: ep-").append(p).append("\n    name: Policy ").append(p)
            .append("\n    team: team-").append(p % TEAMS).append("\n    num_loops: 2\n    rules:\n")
            .append("      - delay: 15m\n        targets: [ \"schedule:sched-").append(p % SCHEDULES).append("\" ]\n")
            .append("      - delay: 30m\n        targets: [ \"user:user").append(p % USERS).append("@example.com\" ]\n");
      }
      b.append("templates:\n  db-down:\n    summary: \"{{service}} down\"\n    severity: critical\n");
      Files.writeString(dir.resolve("pagerduty.yaml"), b.toString());
      for (int f = 0; f < 10; f++) {
        StringBuilder s = new StringBuilder("services:\n");
        for (int i = f * 100; i < (f + 1) * 100; i++) {
          s.append("  - key: svc-").append(i).append("\n    name: Service ").append(i)
              .append("\n    description: Generated service ").append(i)
              .append("\n    team: team-").append(i % TEAMS)
              .append("\n    escalation_policy: ep-").append(i % POLICIES)
              .append("\n    urgency: high\n    acknowledgement_timeout: 30m\n    auto_resolve_timeout: 4h\n")
              .append("    alert_grouping: { type: time, timeout: 5m }\n")
              .append("    integrations:\n      - key: events\n        type: events_api_v2\n        name: Events\n");
        }
        Files.writeString(dir.resolve("services/generated-" + f + ".yaml"), s.toString());
      }
      StringBuilder env = new StringBuilder("environment: production\ndefaults:\n  name_prefix: \"[prod] \"\nservices:\n");
      for (int i = 0; i < SERVICES; i += 10) {
        env.append("  - key: svc-").append(i).append("\n    urgency: low\n");
      }
      env.append("escalation_policies:\n  - key: ep-0\n    num_loops: 3\n");
      Files.writeString(dir.resolve("environments/production.yaml"), env.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
