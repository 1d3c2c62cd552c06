package dev.pdkit.redis;

/** The DeployLock contract on a three-master Redis Cluster. */
class RedisDeployLockClusterIT extends DeployLockContract {
  @Override
  String url() {
    return RedisTestSupport.cluster().url();
  }

  @Override
  boolean cluster() {
    return true;
  }
}
