package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pdkit.spi.CacheProvider.Cache;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.OutboxStore.Entry;
import dev.pdkit.spi.RateLimiter.Limit;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Crashes: a Redis server killed with SIGKILL and restarted (the client reconnects, re-loads its
 * scripts and re-subscribes; with an append-only file the outbox survives), and a consumer JVM
 * killed with SIGKILL while holding claimed entries (another instance takes them over).
 */
class RedisCrashIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static Entry entry(String id, String key) {
    return new Entry(id, key, id.getBytes(StandardCharsets.UTF_8), java.time.Instant.now(), 0);
  }

  @Test
  void redisKilledAndRestarted_everyProviderRecovers() {
    try (RedisServer server = RedisServer.start();
        PdkitRedis a = PdkitRedis.builder().url(server.url()).commandTimeout(TIMEOUT).build();
        PdkitRedis b = PdkitRedis.builder().url(server.url()).commandTimeout(TIMEOUT).build()) {
      Limit limit = new Limit(1000, Duration.ofMinutes(1));
      Cache<String> cacheA = a.cacheProvider().cache("c", String.class, Duration.ofMinutes(1), 10);
      Cache<String> cacheB = b.cacheProvider().cache("c", String.class, Duration.ofMinutes(1), 10);
      cacheA.put("k", "v");
      assertThat(cacheB.getIfPresent("k")).isEqualTo("v");
      assertThat(a.rateLimiter().tryAcquire("bucket", limit)).isZero();

      server.kill();

      // the cache fails open (a miss), the limiter fails with a message naming the server
      cacheA.put("k2", "lost");
      assertThat(cacheA.getIfPresent("k2")).isNull();
      assertThatThrownBy(() -> a.rateLimiter().tryAcquire("bucket", limit))
          .isInstanceOf(RedisStoreException.class)
          .hasMessageContaining("127.0.0.1:" + server.port())
          .hasMessageContaining("rate limiter acquire");

      server.restart(); // empty: no persistence, no scripts cached

      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> a.rateLimiter().tryAcquire("bucket", limit).isZero());
      assertThat(a.deployLock().tryAcquire("prod", "me", Duration.ofMinutes(1))).isPresent();
      OutboxStore out = a.outboxStore("events");
      out.append(entry("e1", "k"));
      assertThat(out.claim("w", 10, Duration.ofMinutes(1))).hasSize(1);

      // pub/sub re-subscribed: b's near-cache is invalidated by a again
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(
              () -> {
                cacheA.put("k", "v2");
                return "v2".equals(cacheB.getIfPresent("k"));
              });
      cacheA.invalidate("k");
      await().atMost(Duration.ofSeconds(2)).until(() -> cacheB.getIfPresent("k") == null);
    }
  }

  @Test
  void redisWithAppendOnlyFile_killedAndRestarted_outboxKeepsEveryEntry() {
    try (RedisServer server = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
        PdkitRedis redis = PdkitRedis.builder().url(server.url()).commandTimeout(TIMEOUT).build()) {
      OutboxStore out = redis.outboxStore("events");
      Set<String> appended = new HashSet<>();
      for (int i = 0; i < 100; i++) {
        out.append(entry("e" + i, "k" + (i % 7)));
        appended.add("e" + i);
      }
      List<Entry> inFlight = out.claim("before-crash", 5, Duration.ofMinutes(1));
      assertThat(inFlight).hasSize(5);

      server.kill();
      server.restart();

      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> out.size() == 100);
      Set<String> delivered = new HashSet<>();
      Duration claimTimeout = Duration.ofMillis(100);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (delivered.size() < 100 && System.nanoTime() < deadline) {
        List<Entry> batch = out.claim("after-crash", 20, claimTimeout);
        for (Entry e : batch) {
          delivered.add(e.id());
          out.acknowledge(e.id());
        }
        if (batch.isEmpty()) {
          RedisServer.sleep(20);
        }
      }
      assertThat(delivered).isEqualTo(appended);
      assertThat(out.size()).isZero();
    }
  }

  @Test
  void consumerJvmKilledWhileHoldingEntries_anotherInstanceClaimsThem() throws Exception {
    String url = RedisTestSupport.standaloneUrl();
    String prefix = RedisTestSupport.uniquePrefix();
    try (PdkitRedis redis = PdkitRedis.builder().url(url).keyPrefix(prefix).build()) {
      OutboxStore out = redis.outboxStore("events");
      for (int i = 0; i < 20; i++) {
        out.append(entry(String.format("e%02d", i), "k" + i));
      }
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      Process child =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  OutboxConsumerProcess.class.getName(),
                  url,
                  prefix,
                  "events",
                  "doomed",
                  "8")
              .redirectErrorStream(true)
              .start();
      List<String> childClaimed = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = r.readLine()) != null) {
          seen.append(line).append('\n');
          if (line.startsWith("CLAIMED ")) {
            childClaimed.addAll(List.of(line.substring(8).split(",")));
            break;
          }
        }
        assertThat(childClaimed).as("child output: %s", seen).hasSize(8);
        child.destroyForcibly(); // SIGKILL while it holds 8 entries
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      } finally {
        child.destroyForcibly();
      }

      Duration claimTimeout = Duration.ofMillis(300);
      List<Entry> rest = out.claim("survivor", 50, claimTimeout);
      assertThat(rest).extracting(Entry::id).doesNotContainAnyElementsOf(childClaimed).hasSize(12);
      rest.forEach(e -> out.acknowledge(e.id()));
      Thread.sleep(350);
      List<Entry> takenOver = out.claim("survivor", 50, claimTimeout);
      assertThat(takenOver).extracting(Entry::id).containsExactlyElementsOf(childClaimed);
      takenOver.forEach(e -> out.acknowledge(e.id()));
      assertThat(out.size()).isZero();
    } finally {
      RedisTestBase.deleteKeys(url, prefix);
    }
  }
}
