package dev.pdkit.benchmarks.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.Severity;
import dev.pdkit.internal.events.EventBodies;
import dev.pdkit.internal.json.Json;
import dev.pdkit.internal.rest.Pagers;
import dev.pdkit.model.Incident;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.SeededService;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Client overhead without the network: building and encoding one trigger event as the SDK sends
 * it, and decoding a page of 25 incidents as the fake serves them (captured once from the fake at
 * setup, so the JSON is realistic). Run with {@code -prof gc} for allocation per operation.
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar JsonOverhead -f 1 -wi 2 -i 3 -prof gc -rf json -rff benchmarks/target/json.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JsonOverheadBenchmark {
  private Secret routingKey;
  private byte[] incidentPage;
  private ObjectReader incidentsReader;
  private Function<JsonNode, Incident> incidentDecoder;

  @Setup(Level.Trial)
  public void setUp() throws IOException, InterruptedException {
    try (FakePagerDuty fake = FakePagerDuty.builder().user("json@example.com").start()) {
      SeededService service = fake.seedService("JSON");
      routingKey = Secret.of(service.integrationKey());
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 25; i++) {
        byte[] body = Json.write(EventBodies.alert(event(i)));
        http.send(HttpRequest.newBuilder(fake.eventsUrl().resolve("/v2/enqueue"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
      incidentPage = http.send(HttpRequest.newBuilder(fake.baseUrl().resolve("/incidents?limit=25"))
              .header("Authorization", "Token token=" + fake.apiToken()).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray()).body();
    }
    incidentsReader = Json.mapper().readerFor(new TypeReference<List<Incident>>() {});
    incidentDecoder = Pagers.decoder(Incident.class);
    List<Incident> decoded = decodeIncidentPage();
    if (decoded.size() != 25 || !decoded.equals(decodeIncidentPageViaTree())) {
      throw new IllegalStateException("expected 25 incidents in the captured page, decoded alike"
          + " both ways");
    }
  }

  private AlertEvent event(int i) {
    return AlertEvent.trigger(routingKey)
        .summary("Disk 91% full on db-" + i)
        .source("db-" + i)
        .severity(Severity.WARNING)
        .component("postgres")
        .group("storage")
        .customDetails(Map.of("used_bytes", 91L * 1024 * 1024 * 1024, "mount", "/var/lib/pg"))
        .dedupKey("disk-db-" + i)
        .build();
  }

  @Benchmark
  public byte[] encodeTrigger() {
    return Json.write(EventBodies.alert(event(7)));
  }

  /**
   * A page as the SDK decodes it ({@code pd.incidents().list(...)} goes through the same {@code
   * Pagers.decodePage}): one streaming pass from the bytes into the records.
   */
  @Benchmark
  public List<Incident> decodeIncidentPage() {
    return Pagers.decodePage(incidentPage, "incidents", "GET /incidents", incidentDecoder)
        .items();
  }

  /**
   * The way the SDK decoded pages before: the whole body as a JSON tree, then each item converted
   * from the tree. The in-run baseline for {@link #decodeIncidentPage}.
   */
  @Benchmark
  public List<Incident> decodeIncidentPageViaTree() throws IOException {
    JsonNode tree = Json.mapper().readTree(incidentPage);
    return incidentsReader.readValue(tree.get("incidents"));
  }
}
