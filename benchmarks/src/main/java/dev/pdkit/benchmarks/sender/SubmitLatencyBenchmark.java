package dev.pdkit.benchmarks.sender;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.DeliveryResult;
import dev.pdkit.events.EventSender;
import dev.pdkit.events.Severity;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
 * Latency of {@link EventSender#submit} with the in-memory outbox: validation, dedup key,
 * serialisation, append and queueing (target p99 under 50 µs). PagerDuty is unreachable (a closed
 * port) and the circuit breaker opens after the first failure, so the measurement is the accept path
 * alone, which is what a caller waits for: submit never waits for the network.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar 'sender.SubmitLatencyBenchmark' \
 *     -rf json -rff benchmarks/target/sender-submit.json
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@State(Scope.Benchmark)
public class SubmitLatencyBenchmark {
  private PagerDuty client;
  private EventSender sender;
  private AlertEvent event;

  @Setup(Level.Trial)
  public void client() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    client =
        PagerDuty.builder()
            .eventsUrl("http://127.0.0.1:" + closedPort)
            .eventsRateLimit(RateLimiter.Limit.perMinute(Long.MAX_VALUE / 2))
            .build();
    event =
        AlertEvent.trigger(Secret.of("0123456789abcdef0123456789abcdef"))
            .summary("disk /var is 97% full on db-1")
            .source("db-1.example.com")
            .severity(Severity.CRITICAL)
            .component("postgres")
            .customDetail("free_bytes", 1_234_567)
            .build();
  }

  @Setup(Level.Iteration)
  public void sender() {
    sender =
        EventSender.builder(client)
            .outbox(OutboxStore.inMemory())
            .queueCapacity(2_000_000)
            .circuitBreaker(1, Duration.ofHours(1))
            .build();
  }

  @TearDown(Level.Iteration)
  public void stopSender() {
    sender.shutdown(Duration.ZERO);
  }

  @TearDown(Level.Trial)
  public void stopClient() {
    client.close();
  }

  @Benchmark
  public CompletableFuture<DeliveryResult> submit() {
    return sender.submit(event);
  }
}
