package dev.pdkit.benchmarks.health;

import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.health.HealthCheck;
import dev.pdkit.health.HealthReport;
import dev.pdkit.model.Ability;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Restriction;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleLayer;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.testkit.FakePagerDuty;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Latency of a {@link HealthCheck} against the fake on loopback, with one SDK REST round trip
 * ({@code GET /abilities}) measured in the same run as the baseline, so the checks read as a
 * multiple of one request.
 *
 * <p>The account: 3 users, 5 schedules (a 24/7 weekly rotation plus a restricted daytime layer), 5
 * escalation policies (schedule, then a user), 10 services with one Events API v2 integration
 * each. {@code fullCheck} runs every check except {@code config} (no desired state; the deploy
 * planner has its own benchmark); {@code quickCheck} runs token, abilities and the Events probe.
 * The setup prints how many requests one full check makes.
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar HealthCheckBenchmark -f 1 -wi 2 -i 3 -rf json -rff benchmarks/target/health.json
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class HealthCheckBenchmark {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private FakePagerDuty fake;
  private PagerDuty pd;
  private HealthCheck full;
  private HealthCheck quick;

  @Setup(Level.Trial)
  public void setUp() {
    fake = FakePagerDuty.builder().user("lead@example.com").clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
    pd = PagerDuty.builder()
        .apiUrl(fake.baseUrl())
        .eventsUrl(fake.eventsUrl())
        .apiToken(fake.apiToken())
        .from("lead@example.com")
        .retryPolicy(RetryPolicy.none())
        .restRateLimit(RateLimiter.Limit.perMinute(100_000_000L))
        .eventsRateLimit(RateLimiter.Limit.perMinute(100_000_000L))
        .build();
    String a = fake.seedUser("a@example.com");
    String b = fake.seedUser("b@example.com");
    String c = fake.seedUser("c@example.com");
    OffsetDateTime start = OffsetDateTime.parse("2026-01-05T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      Schedule s = pd.schedules().create(Schedule.builder().name("Schedule " + i).timeZone("Europe/Berlin")
          .addLayer(ScheduleLayer.builder().start(start).rotationVirtualStart(start)
              .rotationTurnLengthSeconds(7 * 86_400).addUser(a).addUser(b).build())
          .addLayer(ScheduleLayer.builder().start(start).rotationVirtualStart(start)
              .rotationTurnLengthSeconds(86_400).addUser(c)
              .addRestriction(Restriction.daily(LocalTime.of(9, 0), 8 * 3600)).build())
          .build());
      EscalationPolicy p = pd.escalationPolicies().create(EscalationPolicy.builder().name("Policy " + i)
          .addRule(EscalationRule.of(15, Reference.schedule(s.id())))
          .addRule(EscalationRule.of(30, Reference.user(c)))
          .build());
      fake.seedService("Service " + i + "a", p.id());
      fake.seedService("Service " + i + "b", p.id());
    }
    full = HealthCheck.builder().client(pd).clock(fake.clock()).build();
    quick = HealthCheck.builder().client(pd).clock(fake.clock()).full(false).build();
    fake.clearRequests();
    HealthReport r = full.run();
    if (!r.healthy()) {
      throw new IllegalStateException("the benchmark account should be healthy:\n" + r.toText());
    }
    System.err.println("health: one full check made " + fake.requests().size() + " requests to the fake");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pd.close();
    fake.close();
  }

  /** Baseline: one SDK REST round trip. */
  @Benchmark
  public List<Ability> baselineAbilities() {
    return pd.abilities().list();
  }

  @Benchmark
  public HealthReport quickCheck() {
    return quick.run();
  }

  @Benchmark
  public HealthReport fullCheck() {
    return full.run();
  }
}
