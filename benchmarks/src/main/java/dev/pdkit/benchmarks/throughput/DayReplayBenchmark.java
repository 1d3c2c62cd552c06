package dev.pdkit.benchmarks.throughput;

import dev.pdkit.benchmarks.notify.FakeTarget;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.Severity;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
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
 * A "day" of the seed's 10K+ incidents replayed at full speed: 10,000 incidents opened by Events v2
 * triggers (each its own dedup key) and resolved by resolve events, {@value #IN_FLIGHT} requests
 * in flight, through the SDK against the fake. The score is the wall time of the whole day; the
 * process CPU seconds it took (client and fake together, same JVM) are printed and written to
 * {@code benchmarks/target/day-replay.json}.
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DayReplay -f 1 -rf json -rff benchmarks/target/day.json
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, batchSize = 1)
@Measurement(iterations = 2, batchSize = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DayReplayBenchmark {
  static final int INCIDENTS = 10_000;
  static final int IN_FLIGHT = 32;

  private FakeTarget target;
  private int day;
  private long cpuBefore;
  private long wallBefore;

  @Setup(Level.Iteration)
  public void setUp() {
    target = new FakeTarget();
    day++;
    cpuBefore = processCpuNanos();
    wallBefore = System.nanoTime();
  }

  @TearDown(Level.Iteration)
  public void tearDown() throws IOException {
    double cpu = (processCpuNanos() - cpuBefore) / 1e9;
    double wall = (System.nanoTime() - wallBefore) / 1e9;
    long open = target.fake.incidents().stream()
        .filter(i -> !"resolved".equals(i.path("status").asText()))
        .count();
    long total = target.fake.incidents().size();
    target.close();
    if (total != INCIDENTS || open != 0) {
      throw new IllegalStateException(
          "day replay left " + total + " incidents with " + open + " open; expected "
              + INCIDENTS + " all resolved");
    }
    String json = String.format(java.util.Locale.ROOT,
        "{\"incidents\":%d,\"wall_seconds\":%.3f,\"cpu_seconds\":%.3f}%n", INCIDENTS, wall, cpu);
    System.out.print("day replay: " + json);
    Path out = Path.of("benchmarks", "target");
    if (Files.isDirectory(out)) {
      Files.writeString(out.resolve("day-replay.json"), json, StandardCharsets.UTF_8);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Benchmark
  public int replayDay() {
    Semaphore window = new Semaphore(IN_FLIGHT);
    CompletableFuture<?>[] all = new CompletableFuture[INCIDENTS];
    for (int i = 0; i < INCIDENTS; i++) {
      String key = "day-" + day + "-" + i;
      window.acquireUninterruptibly();
      all[i] =
          target.client.events()
              .triggerAsync(
                  AlertEvent.trigger(target.routingKey)
                      .summary("Incident " + i + " of the day")
                      .source("replay")
                      .severity(i % 10 == 0 ? Severity.CRITICAL : Severity.WARNING)
                      .dedupKey(key)
                      .build())
              .thenCompose(r -> target.client.events().resolveAsync(target.routingKey, key))
              .whenComplete((r, e) -> window.release());
    }
    CompletableFuture.allOf(all).join();
    return all.length;
  }
}
