package dev.pdkit.benchmarks.sender;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.DeliveryResult;
import dev.pdkit.events.EventSender;
import dev.pdkit.events.Severity;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.testkit.FakePagerDuty;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events delivered per second to the testkit fake: the {@link EventSender} (in-memory outbox, 16
 * concurrent deliveries) against the baseline, raw JDK {@code HttpClient.sendAsync} posting the same
 * body with the same concurrency bound, in the same run (target: sender at least 80% of raw). Each
 * invocation sends {@value #BATCH} trigger events with distinct dedup keys and waits for all.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar 'sender.SenderThroughputBenchmark' \
 *     -rf json -rff benchmarks/target/sender-throughput.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class SenderThroughputBenchmark {
  static final int BATCH = 1000;
  static final int CONCURRENCY = 16;

  private FakePagerDuty fake;
  private PagerDuty client;
  private EventSender sender;
  private HttpClient raw;
  private Secret routingKey;
  private URI enqueue;
  private long seq;

  @Setup(Level.Trial)
  public void start() {
    fake = FakePagerDuty.builder().start();
    routingKey = Secret.of(fake.seedService("bench").integrationKey());
    enqueue = URI.create(fake.eventsUrl().toString().replaceAll("/$", "") + "/v2/enqueue");
    client =
        PagerDuty.builder()
            .eventsUrl(fake.eventsUrl())
            .eventsRateLimit(RateLimiter.Limit.perMinute(Long.MAX_VALUE / 2))
            .build();
    sender =
        EventSender.builder(client)
            .outbox(OutboxStore.inMemory())
            .maxConcurrency(CONCURRENCY)
            .queueCapacity(BATCH * 2)
            .build();
    raw = HttpClient.newHttpClient();
  }

  @TearDown(Level.Trial)
  public void stop() {
    sender.shutdown(Duration.ofSeconds(5));
    client.close();
    fake.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int sender() {
    List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      futures.add(
          sender.submit(
              AlertEvent.trigger(routingKey)
                  .dedupKey("s-" + seq++)
                  .summary("disk full")
                  .source("db-1")
                  .severity(Severity.ERROR)
                  .build()));
    }
    int ok = 0;
    for (CompletableFuture<DeliveryResult> f : futures) {
      if (f.join().delivered()) {
        ok++;
      }
    }
    return ok;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int rawHttpClient() throws InterruptedException {
    Semaphore permits = new Semaphore(CONCURRENCY);
    List<CompletableFuture<HttpResponse<byte[]>>> futures = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      String body =
          "{\"routing_key\":\""
              + routingKey.reveal()
              + "\",\"event_action\":\"trigger\",\"dedup_key\":\"r-"
              + seq++
              + "\",\"payload\":{\"summary\":\"disk full\",\"source\":\"db-1\",\"severity\":\"error\"}}";
      HttpRequest req =
          HttpRequest.newBuilder(enqueue)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      permits.acquire();
      futures.add(
          raw.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
              .whenComplete((r, e) -> permits.release()));
    }
    int ok = 0;
    for (CompletableFuture<HttpResponse<byte[]>> f : futures) {
      if (f.join().statusCode() == 202) {
        ok++;
      }
    }
    return ok;
  }
}
