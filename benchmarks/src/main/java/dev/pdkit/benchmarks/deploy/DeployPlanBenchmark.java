package dev.pdkit.benchmarks.deploy;

import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.benchmarks.config.ConfigLoadBenchmark;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.Deployer;
import dev.pdkit.deploy.Plan;
import dev.pdkit.model.Ability;
import dev.pdkit.model.Service;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * A deploy plan of a large account against the fake on loopback: the config of {@link
 * ConfigLoadBenchmark} (1,000 services each with an integration, 200 escalation policies, 200
 * schedules of two layers, 50 teams, 400 users) is applied once in the setup, so {@code plan} reads
 * the whole live account and diffs it to an empty plan: the common "nothing changed" case a CI
 * pipeline runs on every commit.
 *
 * <p>Baselines in the same run: one SDK round trip ({@code GET /abilities}) and one SDK listing of
 * all 1,000 services with {@code include[]=integrations} (10 pages of 100), so the plan reads as a
 * multiple of the reads it cannot avoid. The setup prints, and writes to {@code
 * benchmarks/target/deploy-plan-requests.json}, how many requests one plan makes, by endpoint, and
 * per managed resource (from the fake's request journal).
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DeployPlanBenchmark -f 1 -wi 2 -i 3 \
 *     -rf json -rff benchmarks/target/deploy-plan.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class DeployPlanBenchmark {
  private Path dir;
  private FakePagerDuty fake;
  private PagerDuty pd;
  private Deployer deployer;
  private DesiredState desired;
  private ListQuery withIntegrations;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("pdkit-deploy-bench");
    ConfigLoadBenchmark.generate(dir);
    desired = ConfigLoader.builder().directory(dir).environmentVariables(Map.of()).build().load("production");
    fake = FakePagerDuty.builder().user("ops@example.com").start();
    pd = PagerDuty.builder()
        .apiUrl(fake.baseUrl())
        .apiToken(fake.apiToken())
        .from("ops@example.com")
        .retryPolicy(RetryPolicy.none())
        .restRateLimit(RateLimiter.Limit.perMinute(100_000_000L))
        .build();
    deployer = Deployer.builder().client(pd).actor("bench").build();
    withIntegrations = ListQuery.builder().include("integrations").build();
    long t0 = System.nanoTime();
    int applied = deployer.apply(desired).applied().size();
    System.err.printf("deploy-plan: initial apply of %d changes took %.1f s%n", applied, (System.nanoTime() - t0) / 1e9);

    fake.clearRequests();
    Plan p = deployer.plan(desired);
    if (!p.isEmpty()) {
      throw new IllegalStateException("re-plan after apply should be empty:\n" + p.toText());
    }
    List<RecordedRequest> requests = fake.requests();
    int resources = desired.users().size() + desired.teams().size() + desired.schedules().size()
        + desired.escalationPolicies().size() + desired.services().size()
        + desired.services().stream().mapToInt(s -> s.integrations().size()).sum();
    Map<String, Long> byEndpoint = new TreeMap<>(requests.stream().collect(Collectors.groupingBy(
        r -> r.method() + " " + r.path().replaceAll("/P[A-Z0-9]+", "/{id}"), Collectors.counting())));
    String json = "{\"requests\": " + requests.size() + ", \"resources\": " + resources
        + ", \"requests_per_resource\": " + String.format(java.util.Locale.ROOT, "%.4f", requests.size() / (double) resources)
        + ", \"by_endpoint\": {" + byEndpoint.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
            .collect(Collectors.joining(", ")) + "}}";
    System.err.println("deploy-plan: one plan made " + json);
    Path target = Path.of("benchmarks/target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("deploy-plan-requests.json"), json + "\n");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pd.close();
    fake.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Baseline: one SDK REST round trip. */
  @Benchmark
  public List<Ability> baselineOneRequest() {
    return pd.abilities().list();
  }

  /** Baseline: list every service with its integrations (10 pages of 100). */
  @Benchmark
  public List<Service> baselineListServices() {
    return pd.services().list(withIntegrations).toList();
  }

  /** Plan the unchanged 1,000-service config against the live account. */
  @Benchmark
  public Plan plan() {
    return deployer.plan(desired);
  }
}
