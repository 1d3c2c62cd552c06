package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.PagerDuty;
import dev.pdkit.events.EventSender;
import dev.pdkit.events.FileOutbox;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-outbox half of the reliability bar: a child JVM submits events through an {@link
 * EventSender} over a {@link FileOutbox} to a faulty fake and is killed with {@code kill -9}
 * mid-run; a new sender over the same directory delivers the rest. Every dedup key the child printed
 * (printed only after {@code submit} returned) must reach the fake.
 */
class FileOutboxReliabilityIT {
  @TempDir Path dir;

  @Test
  void killMinus9_midRun_restartDeliversEveryAcceptedEvent() throws Exception {
    try (FakePagerDuty fake = FakePagerDuty.builder().seed(9).start()) {
      String routingKey = fake.seedService("file-reliability").integrationKey();
      fake.addFault(Fault.builder().path("/v2/enqueue").status(503).probability(0.20).build());
      fake.addFault(Fault.builder().path("/v2/enqueue").status(429).probability(0.05).build());
      fake.addFault(
          Fault.builder().path("/v2/enqueue").resetConnection(true).probability(0.02).build());

      String cp = System.getProperty("surefire.test.class.path");
      if (cp == null || cp.isBlank()) {
        cp = System.getProperty("java.class.path");
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child =
          new ProcessBuilder(
                  java,
                  "-cp",
                  cp,
                  FileSenderChild.class.getName(),
                  dir.toString(),
                  fake.eventsUrl().toString(),
                  routingKey,
                  "5000")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      Set<String> printed = new HashSet<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("open");
        String line;
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((line = out.readLine()) != null
            && printed.size() < 1500
            && System.nanoTime() < stopAt) {
          printed.add(line);
        }
        assertThat(child.toHandle().destroyForcibly()).isTrue();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        while ((line = out.readLine()) != null) {
          if (line.startsWith("file-") && line.length() > 5) {
            printed.add(line);
          }
        }
      } finally {
        child.destroyForcibly();
      }
      printed.removeIf(k -> !k.matches("file-\\d+"));
      int beforeRestart = deliveredKeys(fake).size();

      try (PagerDuty client =
              PagerDuty.builder()
                  .eventsUrl(fake.eventsUrl())
                  .eventsRateLimit(RateLimiter.Limit.perMinute(10_000_000))
                  .build();
          OutboxStore outbox = FileOutbox.open(dir);
          EventSender sender =
              EventSender.builder(client)
                  .outbox(outbox)
                  .maxAttempts(10_000)
                  .initialBackoff(Duration.ofMillis(20))
                  .maxBackoff(Duration.ofMillis(500))
                  .queueCapacity(10_000)
                  .build()) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        Map<String, Integer> delivered = deliveredKeys(fake);
        while (!delivered.keySet().containsAll(printed) && System.nanoTime() < deadline) {
          Thread.sleep(300);
          delivered = deliveredKeys(fake);
        }
        Set<String> missing = new HashSet<>(printed);
        missing.removeAll(delivered.keySet());
        long duplicates = delivered.values().stream().mapToLong(v -> v - 1L).sum();
        System.out.printf(
            "reliability (file outbox, kill -9): %d events accepted before the kill, %d delivered"
                + " before it, %d delivered in total, missing %d, duplicates %d, outbox left %d%n",
            printed.size(),
            beforeRestart,
            delivered.size(),
            missing.size(),
            duplicates,
            outbox.size());
        assertThat(printed).hasSizeGreaterThan(100);
        assertThat(missing).as("accepted events that never reached the fake").isEmpty();
      }
    }
  }

  private static Map<String, Integer> deliveredKeys(FakePagerDuty fake) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> out = new HashMap<>();
    for (RecordedRequest r : fake.requests()) {
      if (r.path().equals("/v2/enqueue") && r.status() == 202) {
        JsonNode body = json.readTree(r.body());
        out.merge(body.path("dedup_key").asText(), 1, Integer::sum);
      }
    }
    return out;
  }
}
