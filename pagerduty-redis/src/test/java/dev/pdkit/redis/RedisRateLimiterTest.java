package dev.pdkit.redis;

/** The RateLimiter contract on the standalone Redis ({@code REDIS_URL} or 127.0.0.1:6379). */
class RedisRateLimiterTest extends RateLimiterContract {
  @Override
  String url() {
    return RedisTestSupport.standaloneUrl();
  }

  @Override
  void flushScripts() {
    raw().scriptFlush();
  }
}
