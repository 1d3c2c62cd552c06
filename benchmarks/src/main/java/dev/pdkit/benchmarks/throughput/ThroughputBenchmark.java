package dev.pdkit.benchmarks.throughput;

import dev.pdkit.benchmarks.notify.FakeTarget;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.EventResult;
import dev.pdkit.events.Severity;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
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
 * Async throughput: {@value #IN_FLIGHT} triggers in flight at once, through the SDK's async API and
 * through the raw JDK {@code HttpClient.sendAsync} with the same JSON, to the same fake. Scores are
 * events per second (one operation = one event).
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ThroughputBenchmark -f 1 -wi 2 -i 3 -rf json -rff benchmarks/target/throughput.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ThroughputBenchmark {
  static final int IN_FLIGHT = 32;

  private FakeTarget target;
  private AlertEvent event;
  private HttpClient raw;
  private HttpRequest rawRequest;

  @Setup(Level.Trial)
  public void setUp() {
    target = new FakeTarget();
    event =
        AlertEvent.trigger(target.routingKey)
            .summary("Queue depth above 10k")
            .source("worker-7")
            .severity(Severity.ERROR)
            .dedupKey("throughput-sdk")
            .build();
    raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String body =
        "{\"routing_key\":\"" + target.routingKey.reveal() + "\",\"event_action\":\"trigger\","
            + "\"dedup_key\":\"throughput-raw\",\"payload\":{\"summary\":\"Queue depth above 10k\","
            + "\"source\":\"worker-7\",\"severity\":\"error\"}}";
    rawRequest =
        HttpRequest.newBuilder(target.fake.eventsUrl().resolve("/v2/enqueue"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public int sdkAsync() {
    @SuppressWarnings("unchecked")
    CompletableFuture<EventResult>[] all = new CompletableFuture[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      all[i] = target.client.events().triggerAsync(event);
    }
    CompletableFuture.allOf(all).join();
    return all.length;
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public int rawHttpClientAsync() {
    @SuppressWarnings("unchecked")
    CompletableFuture<HttpResponse<byte[]>>[] all = new CompletableFuture[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      all[i] = raw.sendAsync(rawRequest, HttpResponse.BodyHandlers.ofByteArray());
    }
    CompletableFuture.allOf(all).join();
    for (CompletableFuture<HttpResponse<byte[]>> f : all) {
      if (f.join().statusCode() != 202) {
        throw new IllegalStateException("expected 202, got " + f.join().statusCode());
      }
    }
    return all.length;
  }
}
