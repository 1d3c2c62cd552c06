package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pdkit.spi.CacheProvider.Cache;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link PdkitRedis#cacheProvider()} must show, run on standalone and Cluster. */
abstract class CacheContract extends RedisTestBase {

  record User(String id, String email, List<String> teams) {}

  private static final Duration TTL = Duration.ofMinutes(5);

  /** Writes a key straight into Redis, bypassing pdkit (no invalidation is published). */
  void rawSet(String key, String value) {
    raw().set(prefix + "cache:{users}:k:" + key, value);
  }

  @Test
  void put_thenGetOnAnotherInstance_returnsEqualValue() {
    Cache<User> a = redis.cacheProvider().cache("users", User.class, TTL, 100);
    Cache<User> b = open().cacheProvider().cache("users", User.class, TTL, 100);
    User u = new User("P1", "a@example.com", List.of("T1", "T2"));

    a.put("a@example.com", u);

    assertThat(b.getIfPresent("a@example.com")).isEqualTo(u);
    assertThat(b.getIfPresent("missing@example.com")).isNull();
  }

  @Test
  void getIfPresent_afterTtl_returnsNull() {
    Cache<User> a = redis.cacheProvider().cache("short", User.class, Duration.ofMillis(300), 100);
    a.put("k", new User("P1", "e", List.of()));
    assertThat(a.getIfPresent("k")).isNotNull();

    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(25))
        .until(() -> a.getIfPresent("k") == null);
  }

  @Test
  void nearCache_servesWithoutRedis_untilInvalidatedElsewhere_withinMilliseconds() {
    Cache<User> a = redis.cacheProvider().cache("users", User.class, TTL, 100);
    Cache<User> b = open().cacheProvider().cache("users", User.class, TTL, 100);
    User old = new User("P1", "old@example.com", List.of());
    a.put("k", old);
    sleepMillis(100); // let the put's own invalidation reach b first
    assertThat(b.getIfPresent("k")).isEqualTo(old); // b's near-cache holds it now

    // Change Redis behind pdkit's back: b keeps answering from memory, proving the near-cache.
    rawSet("k", "{\"id\":\"P2\",\"email\":\"raw@example.com\",\"teams\":[]}");
    assertThat(b.getIfPresent("k")).isEqualTo(old);

    long start = System.nanoTime();
    a.invalidate("k");
    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(1))
        .until(() -> b.getIfPresent("k") == null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void put_onOneInstance_replacesNearCachedValueOnOthers() {
    Cache<User> a = redis.cacheProvider().cache("users", User.class, TTL, 100);
    Cache<User> b = open().cacheProvider().cache("users", User.class, TTL, 100);
    a.put("k", new User("P1", "v1", List.of()));
    assertThat(b.getIfPresent("k").email()).isEqualTo("v1");

    a.put("k", new User("P1", "v2", List.of()));

    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(2))
        .until(() -> "v2".equals(b.getIfPresent("k").email()));
  }

  @Test
  void invalidateAll_dropsEveryEntryOnEveryInstance() {
    Cache<User> a = redis.cacheProvider().cache("users", User.class, TTL, 100);
    Cache<User> b = open().cacheProvider().cache("users", User.class, TTL, 100);
    for (int i = 0; i < 10; i++) {
      a.put("k" + i, new User("P" + i, "e", List.of()));
      assertThat(b.getIfPresent("k" + i)).isNotNull();
    }

    b.invalidateAll();

    await()
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              for (int i = 0; i < 10; i++) {
                assertThat(a.getIfPresent("k" + i)).isNull();
                assertThat(b.getIfPresent("k" + i)).isNull();
              }
            });
    a.put("k1", new User("P1", "again", List.of()));
    assertThat(b.getIfPresent("k1").email()).isEqualTo("again");
  }

  @Test
  void put_beyondMaxEntries_evictsSoonestExpiring() {
    Cache<User> a = redis.cacheProvider().cache("small", User.class, TTL, 3);
    for (int i = 0; i < 5; i++) {
      a.put("k" + i, new User("P" + i, "e", List.of()));
      sleepMillis(2); // distinct expiry times
    }
    Cache<User> fresh = open().cacheProvider().cache("small", User.class, TTL, 3);

    assertThat(fresh.getIfPresent("k0")).isNull();
    assertThat(fresh.getIfPresent("k1")).isNull();
    assertThat(fresh.getIfPresent("k2")).isNotNull();
    assertThat(fresh.getIfPresent("k3")).isNotNull();
    assertThat(fresh.getIfPresent("k4")).isNotNull();
  }

  @Test
  void cache_sameNameTwice_sharesEntries() {
    Cache<User> first = redis.cacheProvider().cache("users", User.class, TTL, 100);
    Cache<User> second = redis.cacheProvider().cache("users", User.class, TTL, 100);
    first.put("k", new User("P1", "e", List.of()));
    assertThat(second.getIfPresent("k")).isEqualTo(first.getIfPresent("k"));
    second.invalidate("k");
    assertThat(first.getIfPresent("k")).isNull();
  }

  @Test
  void getIfPresent_storedValueOfAnotherShape_isAMiss() {
    Cache<User> a = redis.cacheProvider().cache("users", User.class, TTL, 100);
    rawSet("k", "not json at all");
    assertThat(a.getIfPresent("k")).isNull();
  }

  @Test
  void nearCacheOff_everyReadGoesToRedis() {
    PdkitRedis noNear =
        open(PdkitRedis.builder().url(url()).keyPrefix(prefix).nearCacheMaxAge(Duration.ZERO));
    Cache<User> c = noNear.cacheProvider().cache("users", User.class, TTL, 100);
    c.put("k", new User("P1", "v1", List.of()));
    assertThat(c.getIfPresent("k").email()).isEqualTo("v1");
    rawSet("k", "{\"id\":\"P1\",\"email\":\"raw\",\"teams\":[]}");
    assertThat(c.getIfPresent("k").email()).isEqualTo("raw");
  }

  @Test
  void cache_badArguments_failWithNamedField() {
    var p = redis.cacheProvider();
    assertThatThrownBy(() -> p.cache("a{b}", User.class, TTL, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> p.cache("ok", User.class, Duration.ZERO, 1))
        .hasMessageContaining("ttl");
    assertThatThrownBy(() -> p.cache("ok", User.class, TTL, 0))
        .hasMessageContaining("maxEntries");
  }

  static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
