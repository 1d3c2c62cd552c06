package dev.pdkit.redis;

/** The outbox contract on the standalone Redis ({@code REDIS_URL} or 127.0.0.1:6379). */
class RedisOutboxStoreTest extends OutboxContract {
  @Override
  String url() {
    return RedisTestSupport.standaloneUrl();
  }
}
