package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.EventSender;
import dev.pdkit.events.Severity;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reliability bar of issue 8: four sender instances (each with its own client, Redis
 * connection and scheduler, as separate processes would have) push 10,000 events through one Redis
 * outbox to the fake, which answers 20% 5xx and 5% 429, delays some requests and resets some
 * connections. One instance is killed mid-run (its scheduler, HTTP client and Redis connection die
 * without a shutdown); its claimed events are taken over after the claim timeout. Every dedup key
 * must reach the fake; duplicates are counted and printed.
 */
class SenderReliabilityIT {
  static final int EVENTS = 10_000;
  static final int INSTANCES = 4;

  private final List<AutoCloseable> closers = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).close();
      } catch (Exception e) {
        // already dead (the killed instance)
      }
    }
  }

  /** The fake keeps only its last 10,000 requests: read the journal often, by sequence number. */
  private static final class Journal {
    final ObjectMapper json = new ObjectMapper();
    final Map<String, Integer> delivered = new HashMap<>();
    final Map<Integer, Integer> statuses = new HashMap<>();
    long lastSeq;
    int requests;

    void drain(FakePagerDuty fake) throws Exception {
      List<RecordedRequest> snapshot = fake.requests();
      long max = lastSeq;
      for (RecordedRequest r : snapshot) {
        max = Math.max(max, r.sequence());
        if (r.sequence() <= lastSeq || !r.path().equals("/v2/enqueue")) {
          continue;
        }
        requests++;
        statuses.merge(r.status(), 1, Integer::sum);
        if (r.status() == 202) {
          JsonNode body = json.readTree(r.body());
          delivered.merge(body.path("dedup_key").asText(), 1, Integer::sum);
        }
      }
      lastSeq = max;
    }
  }

  private static final class Instance {
    PdkitRedis redis;
    PagerDuty client;
    ScheduledExecutorService scheduler;
    EventSender sender;
  }

  @Test
  void fourSendersOneKilled_everyDedupKeyArrives() throws Exception {
    FakePagerDuty fake = FakePagerDuty.builder().seed(8).start();
    closers.add(fake);
    Secret routingKey = Secret.of(fake.seedService("reliability").integrationKey());
    fake.addFault(Fault.builder().path("/v2/enqueue").status(503).probability(0.20).build());
    fake.addFault(Fault.builder().path("/v2/enqueue").status(429).probability(0.05).build());
    fake.addFault(Fault.builder().path("/v2/enqueue").delayMs(30).probability(0.05).build());
    fake.addFault(
        Fault.builder().path("/v2/enqueue").resetConnection(true).probability(0.02).build());

    String prefix = RedisTestSupport.uniquePrefix();
    String url = RedisTestSupport.standaloneUrl();
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      Instance in = new Instance();
      in.redis = PdkitRedis.builder().url(url).keyPrefix(prefix).build();
      in.client =
          PagerDuty.builder()
              .eventsUrl(fake.eventsUrl())
              .eventsRateLimit(RateLimiter.Limit.perMinute(10_000_000))
              .requestTimeout(Duration.ofSeconds(5))
              .build();
      in.scheduler = Executors.newScheduledThreadPool(2);
      OutboxStore outbox = in.redis.outboxStore("reliability");
      in.sender =
          EventSender.builder(in.client)
              .outbox(outbox)
              .consumerName("instance-" + i)
              .maxConcurrency(8)
              .queueCapacity(EVENTS)
              .maxAttempts(10_000)
              .initialBackoff(Duration.ofMillis(20))
              .maxBackoff(Duration.ofMillis(500))
              .circuitBreaker(50, Duration.ofMillis(200))
              .claimTimeout(Duration.ofSeconds(3))
              .pollInterval(Duration.ofMillis(100))
              .scheduler(in.scheduler)
              .build();
      closers.add(in.sender);
      closers.add(in.client);
      closers.add(in.redis);
      closers.add(in.scheduler::shutdownNow);
      instances.add(in);
    }

    long t0 = System.nanoTime();
    Instance victim = instances.get(INSTANCES - 1);
    boolean killed = false;
    Set<String> accepted = new HashSet<>();
    Journal journal = new Journal();
    for (int i = 0; i < EVENTS; i++) {
      if (i % 200 == 0) {
        journal.drain(fake);
      }
      if (!killed && i == EVENTS * 3 / 10) {
        // kill: no shutdown, no release; claims it holds time out and move to the others.
        victim.scheduler.shutdownNow();
        victim.client.close();
        victim.redis.close();
        killed = true;
      }
      int n = killed ? i % (INSTANCES - 1) : i % INSTANCES;
      String key = "rel-" + i;
      instances
          .get(n)
          .sender
          .submit(
              AlertEvent.trigger(routingKey)
                  .dedupKey(key)
                  .summary("reliability event " + i)
                  .source("it")
                  .severity(Severity.WARNING)
                  .build());
      accepted.add(key);
    }
    long submitted = System.nanoTime();

    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (!journal.delivered.keySet().containsAll(accepted) && System.nanoTime() < deadline) {
      journal.drain(fake);
      Thread.sleep(200);
    }
    journal.drain(fake);
    Map<String, Integer> deliveredTimes = journal.delivered;
    Map<Integer, Integer> statuses = journal.statuses;
    int requests = journal.requests;
    long done = System.nanoTime();
    Set<String> missing = new HashSet<>(accepted);
    missing.removeAll(deliveredTimes.keySet());
    long duplicates =
        deliveredTimes.values().stream().mapToLong(v -> v - 1L).sum();
    System.out.printf(
        "reliability (redis outbox): %d events, %d instances (1 killed at 30%%), %d requests %s,"
            + " submit %.1f s, all delivered after %.1f s, missing %d, duplicates %d%n",
        EVENTS,
        INSTANCES,
        requests,
        statuses,
        (submitted - t0) / 1e9,
        (done - t0) / 1e9,
        missing.size(),
        duplicates);
    assertThat(missing).as("dedup keys that never reached the fake").isEmpty();
  }
}
