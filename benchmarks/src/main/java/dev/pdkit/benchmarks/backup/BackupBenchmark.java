package dev.pdkit.benchmarks.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.backup.BackupRecord;
import dev.pdkit.backup.Backups;
import dev.pdkit.backup.Decryption;
import dev.pdkit.backup.Encryption;
import dev.pdkit.backup.Manifest;
import dev.pdkit.backup.RestoreOptions;
import dev.pdkit.backup.RestoreResult;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Backup and restore of an account of {@value #RESOURCES} resources against the fake: 3,000 users,
 * 300 teams with 2,700 memberships, 500 schedules with 1,000 overrides, 300 escalation policies,
 * 500 services with 1,000 integrations, 700 maintenance windows. (Few services: the fake recomputes
 * every policy's service list on each service write, which is quadratic.)
 *
 * <ul>
 *   <li>{@code capture}: the baseline, every record read and counted, nothing written;
 *   <li>{@code create}: the same read into a passphrase-encrypted archive file (Argon2id, deflate,
 *       AES-GCM chunks);
 *   <li>{@code restore}: that archive read, checked and restored into an emptied fake (10,000
 *       creates), then planned again to verify.
 * </ul>
 *
 * <p>Each operation's peak heap (sum of the heap pools' peaks after a GC and a peak reset before
 * it; client and fake share the JVM, so the fake's own data is included) and the archive size are
 * printed and written to {@code benchmarks/target/backup.json}. Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx2g -jar benchmarks/target/benchmarks.jar BackupBenchmark -f 0 -rf json -rff benchmarks/target/backup-jmh.json
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, batchSize = 1)
@Measurement(iterations = 3, batchSize = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class BackupBenchmark {
  static final int RESOURCES = 10_000;
  private static final String PASSPHRASE = "benchmark passphrase, not a secret";

  private FakePagerDuty source;
  private FakePagerDuty target;
  private PagerDuty sourcePd;
  private PagerDuty targetPd;
  private Path dir;
  private Path archive;
  private final Map<String, List<Double>> peaks = new java.util.TreeMap<>();
  private long archiveBytes;

  /**
   * The seeded source account, shared by the three benchmarks when they run in one JVM ({@code -f
   * 0}): seeding 10,000 resources through the API takes minutes on a loaded machine.
   */
  private static FakePagerDuty seeded;
  private static PagerDuty seededPd;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    // the fake's JDK HTTP server reads this when its classes load; without it every response can
    // wait for a delayed ACK (the other fake benchmarks set it too)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    synchronized (BackupBenchmark.class) {
      if (seeded == null) {
        seeded = FakePagerDuty.builder().token("src").user("ops@example.com").start();
        seededPd = client(seeded);
        long t0 = System.nanoTime();
        seed(seededPd, seeded.now());
        System.out.printf("seeded %d resources in %.1f s%n", RESOURCES, (System.nanoTime() - t0) / 1e9);
      }
    }
    source = seeded;
    sourcePd = seededPd;
    target = FakePagerDuty.builder().token("dst").user("ops@example.com").seed(7).start();
    targetPd = client(target);
    dir = Files.createTempDirectory("pdkit-backup-bench");
    archive = dir.resolve("bench.pdbackup");
    create(); // the archive restore reads
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    StringBuilder json = new StringBuilder("{\"resources\":" + RESOURCES + ",\"archive_bytes\":" + archiveBytes);
    peaks.forEach((op, list) -> json.append(",\"").append(op).append("_peak_heap_mib\":").append(list));
    json.append("}\n");
    System.out.print("backup benchmark: " + json);
    Path out = Path.of("benchmarks/target");
    if (Files.isDirectory(out)) {
      Files.writeString(out.resolve("backup.json"), json, StandardCharsets.UTF_8);
    }
    targetPd.close();
    target.close();
    Files.deleteIfExists(archive);
    Files.deleteIfExists(dir);
  }

  @Setup(Level.Invocation)
  public void beforeEach() {
    target.reset();
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private void recordPeak(String op) {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    peaks.computeIfAbsent(op, k -> new ArrayList<>()).add(Math.round(sum / 1048576.0 * 10) / 10.0);
  }

  @Benchmark
  public long capture() {
    AtomicLong n = new AtomicLong();
    Backups.builder().client(sourcePd).clock(source.clock()).build().capture(r -> n.incrementAndGet());
    recordPeak("capture");
    if (n.get() < RESOURCES) {
      throw new IllegalStateException("captured " + n.get() + " records, expected at least " + RESOURCES);
    }
    return n.get();
  }

  @Benchmark
  public long create() throws IOException {
    try (OutputStream out = Files.newOutputStream(archive, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      Manifest m = Backups.builder().client(sourcePd).clock(source.clock()).build()
          .create(out, Encryption.passphrase(Secret.of(PASSPHRASE)));
      recordPeak("create");
      archiveBytes = Files.size(archive);
      if (m.entries() < RESOURCES) {
        throw new IllegalStateException("archived " + m.entries() + " records, expected " + RESOURCES);
      }
      return m.entries();
    }
  }

  @Benchmark
  public int restore() {
    RestoreResult r = Backups.builder().client(targetPd).clock(target.clock()).build().restore(archive,
        Decryption.passphrase(Secret.of(PASSPHRASE)), RestoreOptions.builder().createMissingUsers(true).build());
    recordPeak("restore");
    if (!r.verified() || r.applied().size() < RESOURCES - 1) {
      throw new IllegalStateException("restore applied " + r.applied().size() + ", verified " + r.verified());
    }
    return r.applied().size();
  }

  private static PagerDuty client(FakePagerDuty fake) {
    // no client-side pacing: PagerDuty's 960 requests/min would make this a benchmark of the limiter
    return PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken(fake.apiToken()).from(fake.adminEmail())
        .restRateLimit(RateLimiter.Limit.perMinute(100_000_000L)).build();
  }

  // ------------------------------------------------------------------ seeding, 16 requests in flight

  private static final class Pipe {
    private final Semaphore slots = new Semaphore(16);
    private final List<CompletableFuture<JsonNode>> pending = new ArrayList<>();

    CompletableFuture<JsonNode> post(PagerDuty pd, String path, Object body) {
      slots.acquireUninterruptibly();
      CompletableFuture<JsonNode> f = pd.raw().postAsync(path, body).whenComplete((r, e) -> slots.release());
      pending.add(f);
      return f;
    }

    CompletableFuture<JsonNode> put(PagerDuty pd, String path, Object body) {
      slots.acquireUninterruptibly();
      CompletableFuture<JsonNode> f = pd.raw().putAsync(path, body).whenComplete((r, e) -> slots.release());
      pending.add(f);
      return f;
    }

    List<String> ids(String entity) {
      List<String> out = new ArrayList<>();
      for (CompletableFuture<JsonNode> f : pending) {
        out.add(f.join().path(entity).path("id").asText());
      }
      pending.clear();
      return out;
    }
  }

  static void seed(PagerDuty pd, Instant now) {
    Pipe p = new Pipe();
    for (int i = 0; i < 3000 - 1; i++) { // plus the startup user
      p.post(pd, "/users", Map.of("user", Map.of("type", "user", "name", "User " + i,
          "email", "user" + i + "@example.com", "time_zone", "Europe/Berlin")));
    }
    List<String> users = p.ids("user");
    for (int i = 0; i < 300; i++) {
      p.post(pd, "/teams", Map.of("team", Map.of("type", "team", "name", "Team " + i, "description", "team " + i)));
    }
    List<String> teams = p.ids("team");
    for (int t = 0; t < teams.size(); t++) {
      for (int m = 0; m < 9; m++) {
        p.put(pd, "/teams/" + teams.get(t) + "/users/" + users.get((t * 9 + m) % users.size()),
            Map.of("role", m == 0 ? "manager" : "responder"));
      }
    }
    p.ids("x");
    Instant start = now.truncatedTo(ChronoUnit.DAYS);
    for (int i = 0; i < 500; i++) {
      List<Object> layerUsers = new ArrayList<>();
      for (int u = 0; u < 3; u++) {
        layerUsers.add(Map.of("user", Map.of("id", users.get((i * 3 + u) % users.size()), "type", "user_reference")));
      }
      p.post(pd, "/schedules", Map.of("schedule", Map.of("type", "schedule", "name", "Schedule " + i,
          "time_zone", "Europe/Berlin", "teams", List.of(Map.of("id", teams.get(i % teams.size()), "type", "team_reference")),
          "schedule_layers", List.of(Map.of("name", "Layer 1", "start", start.toString(),
              "rotation_virtual_start", start.toString(), "rotation_turn_length_seconds", 604800, "users", layerUsers)))));
    }
    List<String> schedules = p.ids("schedule");
    for (int i = 0; i < schedules.size(); i++) {
      Instant os = start.plus(Duration.ofDays(1 + i % 20));
      p.post(pd, "/schedules/" + schedules.get(i) + "/overrides", Map.of("overrides", List.of(
          Map.of("start", os.toString(), "end", os.plus(Duration.ofHours(12)).toString(),
              "user", Map.of("id", users.get(i), "type", "user_reference")),
          Map.of("start", os.plus(Duration.ofDays(1)).toString(), "end", os.plus(Duration.ofHours(36)).toString(),
              "user", Map.of("id", users.get(i + 1), "type", "user_reference")))));
    }
    p.ids("x");
    for (int i = 0; i < 300; i++) {
      p.post(pd, "/escalation_policies", Map.of("escalation_policy", Map.of("type", "escalation_policy",
          "name", "Policy " + i, "teams", List.of(Map.of("id", teams.get(i % teams.size()), "type", "team_reference")),
          "escalation_rules", List.of(
              Map.of("escalation_delay_in_minutes", 15, "targets",
                  List.of(Map.of("id", schedules.get(i % schedules.size()), "type", "schedule_reference"))),
              Map.of("escalation_delay_in_minutes", 30, "targets",
                  List.of(Map.of("id", users.get(i % users.size()), "type", "user_reference")))))));
    }
    List<String> policies = p.ids("escalation_policy");
    for (int i = 0; i < 500; i++) {
      p.post(pd, "/services", Map.of("service", Map.of("type", "service", "name", "service-" + i,
          "description", "service " + i, "escalation_policy",
          Map.of("id", policies.get(i % policies.size()), "type", "escalation_policy_reference"))));
    }
    List<String> services = p.ids("service");
    for (String s : services) {
      p.post(pd, "/services/" + s + "/integrations", Map.of("integration",
          Map.of("type", "events_api_v2_inbound_integration", "name", "Monitoring")));
      p.post(pd, "/services/" + s + "/integrations", Map.of("integration",
          Map.of("type", "events_api_v2_inbound_integration", "name", "Deploys")));
    }
    p.ids("x");
    Instant ws = now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    for (int i = 0; i < 700; i++) {
      p.post(pd, "/maintenance_windows", Map.of("maintenance_window", Map.of("type", "maintenance_window",
          "start_time", ws.plus(Duration.ofHours(i)).toString(), "end_time", ws.plus(Duration.ofHours(i + 1)).toString(),
          "description", "window " + i, "services",
          List.of(Map.of("id", services.get(i % services.size()), "type", "service_reference")))));
    }
    p.ids("x");
  }
}
