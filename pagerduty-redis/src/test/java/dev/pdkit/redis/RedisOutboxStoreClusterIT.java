package dev.pdkit.redis;

/** The outbox contract on a three-master Redis Cluster. */
class RedisOutboxStoreClusterIT extends OutboxContract {
  @Override
  String url() {
    return RedisTestSupport.cluster().url();
  }

  @Override
  boolean cluster() {
    return true;
  }
}
