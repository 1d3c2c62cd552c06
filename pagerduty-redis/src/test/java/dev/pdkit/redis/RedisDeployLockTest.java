package dev.pdkit.redis;

/** The DeployLock contract on the standalone Redis ({@code REDIS_URL} or 127.0.0.1:6379). */
class RedisDeployLockTest extends DeployLockContract {
  @Override
  String url() {
    return RedisTestSupport.standaloneUrl();
  }
}
