package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.redis.internal.Keys;
import dev.pdkit.redis.internal.LuaScript;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PdkitRedisTest {

  @Test
  void fromEnv_withoutRedisUrl_failsSayingWhatToSet() {
    assertThatThrownBy(() -> PdkitRedis.fromEnv(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REDIS_URL")
        .hasMessageContaining("redis://");
  }

  @Test
  void fromEnv_withRedisUrl_connects() {
    try (PdkitRedis r = PdkitRedis.fromEnv(Map.of("REDIS_URL", RedisTestSupport.standaloneUrl()))) {
      assertThat(r.isCluster()).isFalse();
      assertThat(r.keyPrefix()).isEqualTo("pdkit:");
      assertThat(r.toString()).contains("prefix=pdkit:");
    }
  }

  @Test
  void url_malformed_failsWithoutEchoingThePassword() {
    assertThatThrownBy(() -> PdkitRedis.builder().url("ftp://:s3cret@host:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Redis URL #1 is not valid")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> PdkitRedis.builder().url(" , "))
        .hasMessageContaining("empty");
  }

  @Test
  void build_withoutUrl_namesMissingField() {
    assertThatThrownBy(() -> PdkitRedis.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing required: url");
  }

  @Test
  void build_nothingListening_failsNamingServerNotPassword() throws IOException {
    int port = RedisServer.freePort();
    assertThatThrownBy(
            () ->
                PdkitRedis.builder()
                    .url("redis://:hunter2@127.0.0.1:" + port)
                    .commandTimeout(Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(RedisStoreException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("REDIS_URL")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void builder_badOptions_failNamingThem() {
    var b = PdkitRedis.builder();
    assertThatThrownBy(() -> b.keyPrefix("a{b")).hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> b.commandTimeout(Duration.ZERO)).hasMessageContaining("commandTimeout");
    assertThatThrownBy(() -> b.nearCacheMaxAge(Duration.ofSeconds(-1)))
        .hasMessageContaining("nearCacheMaxAge");
    assertThatThrownBy(() -> b.nearCacheMaxEntries(-1)).hasMessageContaining("nearCacheMaxEntries");
  }

  @Test
  void close_withSharedResources_leavesThemOpenAndIsIdempotent() {
    ClientResources shared = DefaultClientResources.create();
    try {
      PdkitRedis r =
          PdkitRedis.builder()
              .url(RedisTestSupport.standaloneUrl())
              .clientResources(shared)
              .topology(Topology.STANDALONE)
              .build();
      r.close();
      r.close();
      assertThatThrownBy(() -> r.outboxStore("x")).isInstanceOf(IllegalStateException.class);
      // the caller's resources still work
      RedisClient other = RedisClient.create(shared, RedisURI.create(RedisTestSupport.standaloneUrl()));
      try (StatefulRedisConnection<String, String> c = other.connect()) {
        assertThat(c.sync().ping()).isEqualTo("PONG");
      } finally {
        other.shutdown();
      }
    } finally {
      shared.shutdown();
    }
  }

  @Test
  void luaScript_sha1_matchesWhatRedisComputes() {
    LuaScript s = LuaScript.of("t", "return 1");
    RedisClient c = RedisClient.create(RedisTestSupport.standaloneUrl());
    try (StatefulRedisConnection<String, String> conn = c.connect()) {
      assertThat(conn.sync().scriptLoad(s.source())).isEqualTo(s.sha1());
    } finally {
      c.shutdown();
    }
    assertThat(s.toString()).contains("t").contains(s.sha1());
  }

  @Test
  void keys_useOneHashTagPerStructure() {
    Keys k = new Keys("p:");
    assertThat(k.bucket("rest:abc")).isEqualTo("p:ratelimit:{rest:abc}");
    assertThat(k.lock("production")).isEqualTo("p:lock:{production}");
    assertThat(k.cacheBase("users")).isEqualTo("p:cache:{users}:");
    assertThat(k.cacheChannel("users")).startsWith("p:cache:{users}:");
    assertThat(k.outboxBase("events")).isEqualTo("p:outbox:{events}:");
    assertThatThrownBy(() -> Keys.checkName("bucket", "")).hasMessageContaining("bucket");
    assertThatThrownBy(() -> Keys.checkName("bucket", "a\nb")).hasMessageContaining("control");
  }
}
