package dev.pdkit.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where tests find Redis. The standalone Redis is {@code REDIS_URL} if set, else the one on
 * 127.0.0.1:6379 if it answers, else a {@code redis-server} started for this JVM. The Cluster is
 * always started for this JVM (three masters on free ports). Everything started here is stopped by
 * a shutdown hook when the test JVM exits; servers that a test starts itself it closes itself.
 */
final class RedisTestSupport {
  private static final List<AutoCloseable> started = new ArrayList<>();
  private static String standaloneUrl;
  private static RedisCluster cluster;

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(RedisTestSupport::stopAll, "pdkit-redis-test-cleanup"));
  }

  private RedisTestSupport() {}

  static synchronized void track(AutoCloseable c) {
    started.add(c);
  }

  private static synchronized void stopAll() {
    for (AutoCloseable c : started) {
      try {
        c.close();
      } catch (Exception e) {
        // the JVM is exiting; nothing more to do
      }
    }
  }

  /** URL of a standalone Redis shared by the tests of this JVM. */
  static synchronized String standaloneUrl() {
    if (standaloneUrl == null) {
      String env = System.getenv("REDIS_URL");
      if (env != null && !env.isBlank()) {
        standaloneUrl = env;
      } else if ("+PONG".equals(RedisServer.command(6379, "PING"))) {
        standaloneUrl = "redis://127.0.0.1:6379";
      } else {
        standaloneUrl = RedisServer.start().url();
      }
    }
    return standaloneUrl;
  }

  /** A three-master Redis Cluster shared by the tests of this JVM. */
  static synchronized RedisCluster cluster() {
    if (cluster == null) {
      cluster = RedisCluster.start();
    }
    return cluster;
  }

  /** A key prefix no other test (or run) uses. */
  static String uniquePrefix() {
    return "pdkit-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }
}
