package dev.pdkit.benchmarks.deploy;

import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.ApplyResult;
import dev.pdkit.deploy.Deployer;
import dev.pdkit.spi.DeployLock;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one {@link Deployer#apply} of a config that creates {@code services} services (each with
 * one Events API v2 integration) plus one user and one escalation policy on an empty fake account,
 * at {@code concurrency} 1 (the baseline: one write after another) and 4. {@code latencyMs} adds a
 * delay to every request the fake answers (a fault rule that only delays), to stand in for the
 * round trip to api.pagerduty.com; at 0 the loopback fake is CPU-bound on this machine. Every
 * invocation starts from an empty account ({@link FakePagerDuty#reset()}).
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DeployApplyBenchmark -rf json -rff benchmarks/target/deploy-apply.json
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
@State(Scope.Benchmark)
public class DeployApplyBenchmark {
  @Param({"40"})
  public int services;

  @Param({"1", "4"})
  public int concurrency;

  @Param({"0", "20"})
  public int latencyMs;

  private FakePagerDuty fake;
  private PagerDuty pd;
  private Deployer deployer;
  private DesiredState desired;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    fake = FakePagerDuty.builder().user("lead@example.com").threads(8).start();
    pd = PagerDuty.builder()
        .apiUrl(fake.baseUrl())
        .apiToken(fake.apiToken())
        .from("lead@example.com")
        .retryPolicy(RetryPolicy.none())
        .restRateLimit(RateLimiter.Limit.perMinute(100_000_000L))
        .build();
    Path dir = Files.createTempDirectory("pdkit-deploy-bench");
    Files.createDirectories(dir.resolve("environments"));
    Files.writeString(dir.resolve("environments/bench.yaml"), "environment: bench\n");
    StringBuilder yaml = new StringBuilder("""
        version: 1
        defaults: { time_zone: Europe/Berlin }
        users:
          - { email: oncall@example.com, name: On Call, manage: true }
        escalation_policies:
          - key: main
            name: Main
            rules:
              - { delay: 10m, targets: ["user:oncall@example.com"] }
        services:
        """);
    for (int i = 0; i < services; i++) {
      yaml.append("  - key: svc-").append(i).append("\n    name: Service ").append(i)
          .append("\n    escalation_policy: main\n    integrations:\n")
          .append("      - { key: events, type: events_api_v2, name: Events }\n");
    }
    Files.writeString(dir.resolve("pagerduty.yaml"), yaml.toString());
    desired = ConfigLoader.forDirectory(dir).load("bench");
    deployer = Deployer.builder().client(pd).actor("bench").concurrency(concurrency)
        .lock(DeployLock.file(dir.resolve("locks"))).build();
  }

  @Setup(Level.Invocation)
  public void emptyAccount() {
    fake.reset();
    if (latencyMs > 0) {
      fake.addFault(Fault.builder().path("/").delayMs(latencyMs).build());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pd.close();
    fake.close();
  }

  @Benchmark
  public ApplyResult apply() {
    ApplyResult r = deployer.apply(desired);
    if (r.applied().size() != 2 + 2 * services) {
      throw new IllegalStateException("expected " + (2 + 2 * services) + " changes, applied " + r.applied().size());
    }
    return r;
  }
}
