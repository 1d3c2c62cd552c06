package dev.pdkit.redis;

/** The cache contract on the standalone Redis ({@code REDIS_URL} or 127.0.0.1:6379). */
class RedisCacheProviderTest extends CacheContract {
  @Override
  String url() {
    return RedisTestSupport.standaloneUrl();
  }
}
