package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cache contract on a three-master Redis Cluster. */
class RedisCacheProviderClusterIT extends CacheContract {
  @Override
  String url() {
    return RedisTestSupport.cluster().url();
  }

  @Override
  boolean cluster() {
    return true;
  }

  @Test
  void create_onClusterNode_detectsCluster() {
    assertThat(redis.isCluster()).isTrue();
  }
}
