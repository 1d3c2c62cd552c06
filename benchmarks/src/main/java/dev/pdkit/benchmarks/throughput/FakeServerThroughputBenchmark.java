package dev.pdkit.benchmarks.throughput;

import com.sun.net.httpserver.HttpServer;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.SeededService;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many requests per second the fake serves with many requests in flight: {@value #CLIENTS}
 * client threads, each with its own keep-alive HTTP/1.1 connection, send a mix of one Events v2
 * trigger (rotating over 8 dedup keys per client, so the fake holds 128 open incidents), one {@code GET /incidents?limit=25} and one {@code GET
 * /services/{id}} per three requests. Baseline in the same run: the same client against a minimal
 * JDK {@code HttpServer} (TCP_NODELAY, 2 worker threads) answering constant bodies.
 *
 * <p>The client is a few lines over a plain socket (request bytes out, status line, headers and
 * {@code Content-Length} body in), so the score measures the server rather than {@code
 * java.net.http}, whose own per-request cost caps a 2-core machine near 1,000 requests/s. Score =
 * requests per second (one operation = one request, summed over the client threads). Client and
 * server share the machine's cores.
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar FakeServerThroughput -f 1 -wi 2 -i 3 -rf json -rff benchmarks/target/fake-throughput.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(FakeServerThroughputBenchmark.CLIENTS)
public class FakeServerThroughputBenchmark {
  static final int CLIENTS = 16;

  /** The fake and the baseline server, shared by all client threads. */
  @State(Scope.Benchmark)
  public static class Servers {
    FakePagerDuty fake;
    String routingKey;
    String serviceId;
    HttpServer minimal;
    ExecutorService minimalPool;

    @Setup(Level.Trial)
    public void start() throws IOException {
      System.setProperty("sun.net.httpserver.nodelay", "true");
      fake = FakePagerDuty.builder().token("benchtoken").user("bench@example.com").start();
      SeededService svc = fake.seedService("Throughput service");
      routingKey = svc.integrationKey();
      serviceId = svc.serviceId();
      minimal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
      byte[] accepted = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}"
          .getBytes(StandardCharsets.UTF_8);
      byte[] page = "{\"incidents\":[],\"limit\":25,\"offset\":0,\"more\":false,\"total\":null}"
          .getBytes(StandardCharsets.UTF_8);
      minimal.createContext("/", exchange -> {
        try (InputStream in = exchange.getRequestBody()) {
          in.readAllBytes();
        }
        boolean post = exchange.getRequestMethod().equals("POST");
        byte[] answer = post ? accepted : page;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(post ? 202 : 200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      });
      minimalPool = Executors.newFixedThreadPool(2);
      minimal.setExecutor(minimalPool);
      minimal.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
      fake.close();
      minimal.stop(0);
      minimalPool.shutdownNow();
    }
  }

  /** One keep-alive connection per client thread to each server. */
  @State(Scope.Thread)
  public static class Client {
    private static final AtomicInteger IDS = new AtomicInteger();
    Conn toFake;
    Conn toMinimal;
    byte[][] fakeRequests;
    byte[][] minimalRequests;
    int next;

    @Setup(Level.Trial)
    public void connect(Servers s) throws IOException {
      int id = IDS.incrementAndGet();
      toFake = new Conn(s.fake.port());
      toMinimal = new Conn(s.minimal.getAddress().getPort());
      fakeRequests = new byte[8 * 3][];
      minimalRequests = new byte[8 * 3][];
      for (int i = 0; i < 8; i++) {
        String event = "{\"routing_key\":\"" + s.routingKey + "\",\"event_action\":\"trigger\",\"dedup_key\":\"tp-"
            + id + "-" + i + "\",\"payload\":{\"summary\":\"Queue depth above 10k\",\"source\":\"worker-7\","
            + "\"severity\":\"error\"}}";
        fakeRequests[3 * i] = post("/v2/enqueue", event);
        fakeRequests[3 * i + 1] = get("/incidents?limit=25");
        fakeRequests[3 * i + 2] = get("/services/" + s.serviceId);
        minimalRequests[3 * i] = fakeRequests[3 * i];
        minimalRequests[3 * i + 1] = fakeRequests[3 * i + 1];
        minimalRequests[3 * i + 2] = fakeRequests[3 * i + 2];
      }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      toFake.socket.close();
      toMinimal.socket.close();
    }

    private static byte[] post(String path, String json) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[h.length + body.length];
      System.arraycopy(h, 0, out, 0, h.length);
      System.arraycopy(body, 0, out, h.length, body.length);
      return out;
    }

    private static byte[] get(String path) {
      return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/vnd.pagerduty+json;version=2\r\n"
          + "Authorization: Token token=benchtoken\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** A blocking keep-alive HTTP/1.1 connection that reads Content-Length framed answers. */
  static final class Conn {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    Conn(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /** Sends one request and reads its answer; returns the status code. */
    int exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      int length = -1;
      for (String h = line(); !h.isEmpty(); h = line()) {
        if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Integer.parseInt(h.substring(15).trim());
        }
      }
      if (length < 0) {
        throw new IOException("answer without Content-Length: " + status);
      }
      in.skipNBytes(length);
      return code;
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      return sb.toString();
    }
  }

  @Benchmark
  public int fakeMixedRequests(Client c) throws IOException {
    byte[] req = c.fakeRequests[c.next++ % c.fakeRequests.length];
    return check(c.toFake.exchange(req));
  }

  @Benchmark
  public int minimalServerSameRequests(Client c) throws IOException {
    byte[] req = c.minimalRequests[c.next++ % c.minimalRequests.length];
    return check(c.toMinimal.exchange(req));
  }

  private static int check(int status) {
    if (status != 200 && status != 202) {
      throw new IllegalStateException("unexpected status " + status);
    }
    return status;
  }
}
