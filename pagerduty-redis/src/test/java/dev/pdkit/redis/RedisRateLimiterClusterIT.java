package dev.pdkit.redis;

/** The RateLimiter contract on a three-master Redis Cluster. */
class RedisRateLimiterClusterIT extends RateLimiterContract {
  @Override
  String url() {
    return RedisTestSupport.cluster().url();
  }

  @Override
  boolean cluster() {
    return true;
  }

  @Override
  void flushScripts() {
    for (RedisServer node : RedisTestSupport.cluster().nodes()) {
      RedisServer.command(node.port(), "SCRIPT FLUSH");
    }
  }
}
