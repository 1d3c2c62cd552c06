package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pdkit.spi.DeployLock;
import dev.pdkit.spi.DeployLock.Lease;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link PdkitRedis#deployLock()} must show, run on standalone and Cluster. */
abstract class DeployLockContract extends RedisTestBase {

  @Test
  void tryAcquire_heldByAnother_isEmptyUntilReleased() {
    DeployLock a = redis.deployLock();
    DeployLock b = open().deployLock();
    Optional<Lease> lease = a.tryAcquire("production", "ci-1", Duration.ofMinutes(1));
    assertThat(lease).isPresent();
    assertThat(lease.get().owner()).isEqualTo("ci-1");
    assertThat(lease.get().name()).isEqualTo("production");

    assertThat(b.tryAcquire("production", "ci-2", Duration.ofMinutes(1))).isEmpty();
    assertThat(b.tryAcquire("staging", "ci-2", Duration.ofMinutes(1))).isPresent();

    lease.get().close();
    assertThat(b.tryAcquire("production", "ci-2", Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void lease_expired_isTakenByAnother_andOldHolderCannotRenewOrRelease() {
    DeployLock a = redis.deployLock();
    DeployLock b = open().deployLock();
    Lease old = a.tryAcquire("production", "ci-1", Duration.ofMillis(200)).orElseThrow();

    Lease fresh =
        await()
            .atMost(Duration.ofSeconds(3))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> b.tryAcquire("production", "ci-2", Duration.ofMinutes(1)),
                Optional::isPresent)
            .orElseThrow();

    assertThat(old.renew(Duration.ofMinutes(1))).isFalse();
    old.close(); // must not delete ci-2's lock
    assertThat(a.tryAcquire("production", "ci-3", Duration.ofMinutes(1))).isEmpty();
    assertThat(fresh.renew(Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void renew_beforeExpiry_keepsLockPastOriginalTtl() throws InterruptedException {
    DeployLock a = redis.deployLock();
    Lease lease = a.tryAcquire("production", "ci-1", Duration.ofMillis(300)).orElseThrow();
    assertThat(lease.renew(Duration.ofSeconds(30))).isTrue();
    Thread.sleep(450);
    assertThat(open().deployLock().tryAcquire("production", "ci-2", Duration.ofMinutes(1)))
        .isEmpty();
    lease.close();
    assertThat(lease.renew(Duration.ofSeconds(1))).isFalse();
  }
}
