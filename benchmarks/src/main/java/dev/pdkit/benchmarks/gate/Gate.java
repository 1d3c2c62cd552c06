package dev.pdkit.benchmarks.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CI latency gate's judge. Reads the JMH JSON of the gate run, writes {@code gate.json} and
 * {@code gate.md} beside it, prints the SDK/raw and SDK/peer ratios, and exits 1 when a hard limit
 * of the seed is broken: p99 simple notification at or above 100 ms, or p99 complex escalation at
 * or above 500 ms. Exit 2 when the results are missing or unreadable.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.pdkit.benchmarks.gate.Gate JMH_JSON OUT_DIR}
 * (normally through {@code benchmarks/run-gate}).
 */
public final class Gate {
  static final double SIMPLE_P99_LIMIT_MS = 100;
  static final double COMPLEX_P99_LIMIT_MS = 500;

  private static final String NOTIFY = "dev.pdkit.benchmarks.notify.SimpleNotificationBenchmark.";
  private static final String ESCALATE =
      "dev.pdkit.benchmarks.escalation.ComplexEscalationBenchmark.escalationWorkflow";

  private Gate() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: Gate JMH_JSON OUT_DIR");
      System.exit(2);
    }
    int code;
    try {
      code = judge(Path.of(args[0]), Path.of(args[1]));
    } catch (IllegalStateException e) {
      System.err.println("gate: error: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  /** Writes the gate files and returns the exit code (0 pass, 1 a limit is broken). */
  static int judge(Path jmhJson, Path outDir) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    if (!Files.isRegularFile(jmhJson)) {
      throw new IllegalStateException("no JMH results at " + jmhJson + " (did the run fail?)");
    }
    JsonNode results = mapper.readTree(jmhJson.toFile());
    Percentiles sdk = find(results, NOTIFY + "sdkTrigger");
    Percentiles rawFake = find(results, NOTIFY + "rawHttpClientToFake");
    Percentiles rawMinimal = find(results, NOTIFY + "rawHttpClientToMinimalServer");
    Percentiles peer = find(results, NOTIFY + "peerClientTrigger");
    Percentiles complex = find(results, ESCALATE);

    ObjectNode gate = mapper.createObjectNode();
    gate.put("simple_notification_p50_ms", round(sdk.p50));
    gate.put("simple_notification_p99_ms", round(sdk.p99));
    gate.put("simple_notification_p999_ms", round(sdk.p999));
    gate.put("complex_escalation_p50_ms", round(complex.p50));
    gate.put("complex_escalation_p99_ms", round(complex.p99));
    gate.put("raw_httpclient_to_fake_p50_ms", round(rawFake.p50));
    gate.put("raw_httpclient_to_minimal_server_p50_ms", round(rawMinimal.p50));
    gate.put("peer_client_p50_ms", round(peer.p50));
    gate.put("sdk_vs_raw_p50_ratio", round(sdk.p50 / rawFake.p50));
    gate.put("sdk_vs_minimal_server_p50_ratio", round(sdk.p50 / rawMinimal.p50));
    gate.put("sdk_vs_peer_p50_ratio", round(sdk.p50 / peer.p50));
    gate.put("simple_notification_p99_limit_ms", SIMPLE_P99_LIMIT_MS);
    gate.put("complex_escalation_p99_limit_ms", COMPLEX_P99_LIMIT_MS);

    List<String> failures = new ArrayList<>();
    if (sdk.p99 >= SIMPLE_P99_LIMIT_MS) {
      failures.add(String.format(Locale.ROOT,
          "simple notification p99 %.3f ms is at or above the %.0f ms limit", sdk.p99,
          SIMPLE_P99_LIMIT_MS));
    }
    if (complex.p99 >= COMPLEX_P99_LIMIT_MS) {
      failures.add(String.format(Locale.ROOT,
          "complex escalation p99 %.3f ms is at or above the %.0f ms limit", complex.p99,
          COMPLEX_P99_LIMIT_MS));
    }
    gate.put("passed", failures.isEmpty());
    gate.putPOJO("failures", failures);
    gate.put("measured_at", Instant.now().toString());

    Files.createDirectories(outDir);
    mapper.writerWithDefaultPrettyPrinter().writeValue(outDir.resolve("gate.json").toFile(), gate);
    String md = markdown(sdk, rawFake, rawMinimal, peer, complex, failures);
    Files.writeString(outDir.resolve("gate.md"), md, StandardCharsets.UTF_8);
    System.out.print(md);
    for (String f : failures) {
      System.err.println("gate: FAILED: " + f);
    }
    return failures.isEmpty() ? 0 : 1;
  }

  private static String markdown(Percentiles sdk, Percentiles rawFake, Percentiles rawMinimal,
      Percentiles peer, Percentiles complex, List<String> failures) {
    StringBuilder b = new StringBuilder();
    b.append("# pdkit latency gate\n\n");
    b.append("| measurement | p50 ms | p99 ms | p99.9 ms |\n|---|---:|---:|---:|\n");
    row(b, "simple notification, SDK -> fake", sdk);
    row(b, "raw JDK HttpClient -> fake", rawFake);
    row(b, "raw JDK HttpClient -> minimal JDK server", rawMinimal);
    row(b, "peer client (dikhan 3.1.2) -> fake", peer);
    row(b, "complex escalation workflow, SDK -> fake", complex);
    b.append(String.format(Locale.ROOT,
        "%nRatios at p50: SDK/raw-HttpClient %.2f, SDK/minimal-server %.2f, SDK/peer %.2f%n",
        sdk.p50 / rawFake.p50, sdk.p50 / rawMinimal.p50, sdk.p50 / peer.p50));
    b.append(String.format(Locale.ROOT,
        "Limits: simple notification p99 < %.0f ms, complex escalation p99 < %.0f ms: %s%n",
        SIMPLE_P99_LIMIT_MS, COMPLEX_P99_LIMIT_MS, failures.isEmpty() ? "PASS" : "FAIL"));
    return b.toString();
  }

  private static void row(StringBuilder b, String name, Percentiles p) {
    b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", name, p.p50, p.p99,
        p.p999));
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  private static Percentiles find(JsonNode results, String benchmark) {
    for (JsonNode r : results) {
      if (benchmark.equals(r.path("benchmark").asText())) {
        JsonNode metric = r.path("primaryMetric");
        double toMs = toMillis(metric.path("scoreUnit").asText());
        JsonNode pct = metric.path("scorePercentiles");
        if (pct.isMissingNode() || pct.size() == 0) {
          throw new IllegalStateException(benchmark + " has no percentiles (run it in SampleTime mode)");
        }
        return new Percentiles(pct.path("50.0").asDouble() * toMs,
            pct.path("99.0").asDouble() * toMs, pct.path("99.9").asDouble() * toMs);
      }
    }
    throw new IllegalStateException("the JMH results have no " + benchmark);
  }

  private static double toMillis(String unit) {
    return switch (unit) {
      case "ns/op" -> 1e-6;
      case "us/op" -> 1e-3;
      case "ms/op" -> 1;
      case "s/op" -> 1e3;
      default -> throw new IllegalStateException("unexpected JMH unit " + unit);
    };
  }

  record Percentiles(double p50, double p99, double p999) {}
}
