package dev.pdkit.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Opens a {@link PdkitRedis} with a key prefix of its own per test, so tests on the shared Redis do
 * not see each other; closes every instance it opened and deletes the test's keys afterwards.
 */
abstract class RedisTestBase {
  protected String prefix;
  protected PdkitRedis redis;
  private final List<PdkitRedis> opened = new ArrayList<>();

  /** Where the Redis under test is. */
  abstract String url();

  /** Whether {@link #url()} is a cluster (keys are not cleaned up: the cluster is private). */
  boolean cluster() {
    return false;
  }

  @BeforeEach
  void openRedis() {
    prefix = RedisTestSupport.uniquePrefix();
    redis = open();
  }

  /** Another instance on the same Redis and prefix: as if another process. */
  PdkitRedis open() {
    return open(PdkitRedis.builder().url(url()).keyPrefix(prefix));
  }

  PdkitRedis open(PdkitRedis.Builder builder) {
    PdkitRedis r = builder.build();
    opened.add(r);
    return r;
  }

  private AbstractRedisClient rawClient;
  private RedisClusterCommands<String, String> raw;

  /** Plain Lettuce commands on the Redis under test, for arranging and inspecting state. */
  RedisClusterCommands<String, String> raw() {
    if (raw == null) {
      if (cluster()) {
        RedisClusterClient c =
            RedisClusterClient.create(
                java.util.Arrays.stream(url().split(",")).map(RedisURI::create).toList());
        rawClient = c;
        raw = c.connect().sync();
      } else {
        RedisClient c = RedisClient.create(url());
        rawClient = c;
        raw = c.connect().sync();
      }
    }
    return raw;
  }

  @AfterEach
  void closeRedis() {
    opened.forEach(PdkitRedis::close);
    if (rawClient != null) {
      rawClient.shutdown();
    }
    if (!cluster()) {
      deleteKeys(url(), prefix);
    }
  }

  static void deleteKeys(String url, String prefix) {
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
        if (!page.getKeys().isEmpty()) {
          c.sync().del(page.getKeys().toArray(new String[0]));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }
}
