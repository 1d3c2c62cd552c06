package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Prints the median of 200 Events v2 trigger round trips to the fake (JDK HttpClient, keep-alive)
 * next to the same measurement against a minimal JDK HttpServer in the same JVM, so that a Nagle /
 * delayed-ACK regression (~40 ms per exchange) is visible. Asserts correctness only, never speed.
 */
class LatencyTest {
  private static final int CALLS = 200;

  @Test
  void triggerRoundTrip_medianOf200_printedWithBaseline() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (FakePagerDuty fake = FakePagerDuty.builder().token("t").start()) {
      SeededService svc = fake.seedService("latency");
      URI fakeUri = URI.create(fake.eventsUrl() + "/v2/enqueue");
      HttpServer raw = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      raw.setExecutor(Executors.newFixedThreadPool(2));
      byte[] answer = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}".getBytes(StandardCharsets.UTF_8);
      raw.createContext("/", ex -> {
        try (ex; InputStream in = ex.getRequestBody()) {
          in.readAllBytes();
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(202, answer.length);
          try (OutputStream os = ex.getResponseBody()) {
            os.write(answer);
          }
        }
      });
      raw.start();
      try {
        URI rawUri = URI.create("http://127.0.0.1:" + raw.getAddress().getPort() + "/v2/enqueue");
        IntFunction<String> body = i -> Http.trigger(svc.integrationKey(), "k" + (i & 7), "latency probe");
        double rawMedian = median(client, rawUri, body);
        double fakeMedian = median(client, fakeUri, body);
        System.out.printf("Events v2 trigger round trip, median of %d: fake %.3f ms, raw JDK server %.3f ms (ratio %.2f)%n",
            CALLS, fakeMedian, rawMedian, fakeMedian / rawMedian);
        System.out.println("sun.net.httpserver.nodelay=" + System.getProperty("sun.net.httpserver.nodelay"));
      } finally {
        raw.stop(0);
        ((java.util.concurrent.ExecutorService) raw.getExecutor()).shutdownNow();
      }
      assertThat(fake.incidents()).hasSize(8); // dedup keys k0..k7: one incident each
    }
  }

  @Test
  void throughput_fourClientThreads_printedWithBaseline() throws Exception {
    try (FakePagerDuty fake = FakePagerDuty.builder().token("t").start()) {
      SeededService svc = fake.seedService("throughput");
      HttpServer raw = rawServer();
      try {
        URI rawUri = URI.create("http://127.0.0.1:" + raw.getAddress().getPort() + "/v2/enqueue");
        double rawRate = rate(rawUri, svc.integrationKey());
        double fakeRate = rate(URI.create(fake.eventsUrl() + "/v2/enqueue"), svc.integrationKey());
        System.out.printf("Events v2 triggers (distinct dedup keys), 4 client threads x 500: fake %.0f req/s, raw JDK server %.0f req/s%n",
            fakeRate, rawRate);
      } finally {
        raw.stop(0);
        ((java.util.concurrent.ExecutorService) raw.getExecutor()).shutdownNow();
      }
      assertThat(fake.incidents()).hasSize(2_000);
      // concurrent triggers still get unique, gap-free incident numbers
      assertThat(fake.incidents().stream().map(i -> i.get("incident_number").asInt()).distinct().count()).isEqualTo(2_000);
      assertThat(fake.incidents().stream().mapToInt(i -> i.get("incident_number").asInt()).max().getAsInt()).isEqualTo(2_000);
    }
  }

  private static HttpServer rawServer() throws java.io.IOException {
    HttpServer raw = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    raw.setExecutor(Executors.newFixedThreadPool(4));
    byte[] answer = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}".getBytes(StandardCharsets.UTF_8);
    raw.createContext("/", ex -> {
      try (ex; InputStream in = ex.getRequestBody()) {
        in.readAllBytes();
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(202, answer.length);
        try (OutputStream os = ex.getResponseBody()) {
          os.write(answer);
        }
      }
    });
    raw.start();
    return raw;
  }

  private static double rate(URI uri, String routingKey) throws Exception {
    int threads = 4;
    int perThread = 500;
    java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(threads);
    java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
    long t0 = System.nanoTime();
    java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < perThread; i++) {
          HttpRequest req = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(Http.trigger(routingKey, "t" + thread + "-" + i, "load"))).build();
          if (client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
            ok.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> f : futures) {
      f.get(120, java.util.concurrent.TimeUnit.SECONDS);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    pool.shutdownNow();
    assertThat(ok.get()).isEqualTo(threads * perThread);
    return ok.get() / secs;
  }

  private static double median(HttpClient client, URI uri, IntFunction<String> body) throws Exception {
    long[] nanos = new long[CALLS];
    for (int i = -50; i < CALLS; i++) { // 50 warm-up calls
      HttpRequest req = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build();
      long t0 = System.nanoTime();
      HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
      long dt = System.nanoTime() - t0;
      assertThat(resp.statusCode()).isEqualTo(202);
      if (i >= 0) {
        nanos[i] = dt;
      }
    }
    Arrays.sort(nanos);
    return nanos[CALLS / 2] / 1e6;
  }
}
