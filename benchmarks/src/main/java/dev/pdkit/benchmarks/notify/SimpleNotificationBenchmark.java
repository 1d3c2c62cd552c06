package dev.pdkit.benchmarks.notify;

import com.github.dikhan.pagerduty.client.events.PagerDutyEventsClient;
import com.github.dikhan.pagerduty.client.events.domain.Payload;
import com.github.dikhan.pagerduty.client.events.domain.TriggerIncident;
import com.sun.net.httpserver.HttpServer;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.EventResult;
import dev.pdkit.events.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
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
 * The "simple notification": one Events v2 trigger round trip on loopback, measured four ways in
 * the same run so the numbers read as ratios:
 *
 * <ul>
 *   <li>{@code sdkTrigger}: {@code pd.events().trigger(...)} to the fake (validation, JSON,
 *       transport, rate limiter, response decoding);
 *   <li>{@code rawHttpClientToFake}: the raw JDK {@code HttpClient} posting the same JSON bytes to
 *       the same fake (the floor for any client of the fake);
 *   <li>{@code rawHttpClientToMinimalServer}: the raw JDK client against a minimal JDK {@code
 *       HttpServer} (TCP_NODELAY) answering a constant 202 (the floor of the loopback stack);
 *   <li>{@code peerClientTrigger}: the peer Java client com.github.dikhan:pagerduty-client 3.1.2
 *       (Unirest / Apache HttpClient) to the same fake.
 * </ul>
 *
 * <p>Every trigger uses a fixed dedup key per variant, so the fake appends to one open alert and
 * its state does not grow into the measurement.
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar SimpleNotification -f 1 -wi 2 -i 3 -rf json -rff benchmarks/target/notify.json
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class SimpleNotificationBenchmark {
  private FakeTarget target;
  private AlertEvent sdkEvent;
  private HttpClient raw;
  private HttpRequest rawToFake;
  private HttpRequest rawToMinimal;
  private HttpServer minimal;
  private PagerDutyEventsClient peer;
  private TriggerIncident peerEvent;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    target = new FakeTarget();
    sdkEvent =
        AlertEvent.trigger(target.routingKey)
            .summary("CPU above 90% on web-1")
            .source("web-1")
            .severity(Severity.CRITICAL)
            .dedupKey("bench-sdk")
            .build();

    raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    byte[] body = rawBody(target.routingKey.reveal(), "bench-raw");
    rawToFake =
        HttpRequest.newBuilder(target.fake.eventsUrl().resolve("/v2/enqueue"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();

    minimal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] answer =
        "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"bench-raw\"}"
            .getBytes(StandardCharsets.UTF_8);
    minimal.createContext(
        "/v2/enqueue",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(202, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    minimal.setExecutor(Executors.newFixedThreadPool(2));
    minimal.start();
    rawToMinimal =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + minimal.getAddress().getPort() + "/v2/enqueue"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();

    peer = PagerDutyEventsClient.create(target.fake.eventsUrl().resolve("/v2/enqueue").toString());
    peerEvent =
        TriggerIncident.TriggerIncidentBuilder.newBuilder(
                target.routingKey.reveal(),
                Payload.Builder.newBuilder()
                    .setSummary("CPU above 90% on web-1")
                    .setSource("web-1")
                    .setSeverity(com.github.dikhan.pagerduty.client.events.domain.Severity.CRITICAL)
                    .build())
            .setDedupKey("bench-peer")
            .build();
  }

  static byte[] rawBody(String routingKey, String dedupKey) {
    return ("{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\",\"dedup_key\":\""
            + dedupKey + "\",\"payload\":{\"summary\":\"CPU above 90% on web-1\","
            + "\"source\":\"web-1\",\"severity\":\"critical\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
    minimal.stop(0);
    ((java.util.concurrent.ExecutorService) minimal.getExecutor()).shutdownNow();
  }

  @Benchmark
  public EventResult sdkTrigger() {
    return target.client.events().trigger(sdkEvent);
  }

  @Benchmark
  public int rawHttpClientToFake() throws IOException, InterruptedException {
    HttpResponse<byte[]> r = raw.send(rawToFake, HttpResponse.BodyHandlers.ofByteArray());
    return check(r);
  }

  @Benchmark
  public int rawHttpClientToMinimalServer() throws IOException, InterruptedException {
    HttpResponse<byte[]> r = raw.send(rawToMinimal, HttpResponse.BodyHandlers.ofByteArray());
    return check(r);
  }

  @Benchmark
  public Object peerClientTrigger() throws Exception {
    return peer.trigger(peerEvent);
  }

  private static int check(HttpResponse<byte[]> r) {
    if (r.statusCode() != 202) {
      throw new IllegalStateException("expected 202, got " + r.statusCode());
    }
    return r.body().length;
  }
}
