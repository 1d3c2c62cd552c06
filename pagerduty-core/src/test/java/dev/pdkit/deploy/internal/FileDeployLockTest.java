package dev.pdkit.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.spi.DeployLock;
import dev.pdkit.spi.DeployLock.Lease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeployLockTest {
  @TempDir Path dir;

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    volatile Instant now = Instant.parse("2026-11-28T01:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void tryAcquire_heldByAnother_isEmptyAndNamesHolder_untilReleased() {
    DeployLock lock = DeployLock.file(dir);
    Lease a = lock.tryAcquire("deploy:production", "ci-1", Duration.ofMinutes(1)).orElseThrow();
    assertThat(a.name()).isEqualTo("deploy:production");
    assertThat(a.owner()).isEqualTo("ci-1");

    assertThat(lock.tryAcquire("deploy:production", "ci-2", Duration.ofMinutes(1))).isEmpty();
    assertThat(lock.holder("deploy:production")).hasValueSatisfying(h -> assertThat(h).startsWith("ci-1 (lease until"));
    assertThat(lock.tryAcquire("deploy:staging", "ci-2", Duration.ofMinutes(1))).isPresent();

    a.close();
    a.close(); // idempotent
    assertThat(lock.holder("deploy:production")).isEmpty();
    assertThat(lock.tryAcquire("deploy:production", "ci-2", Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void lease_expired_isTakenByAnother_andOldHolderCanNeitherRenewNorRelease() {
    MutableClock clock = new MutableClock();
    FileDeployLock lock = new FileDeployLock(dir, clock);
    Lease old = lock.tryAcquire("deploy:prod", "ci-1", Duration.ofSeconds(30)).orElseThrow();
    clock.now = clock.now.plusSeconds(29);
    assertThat(lock.tryAcquire("deploy:prod", "ci-2", Duration.ofMinutes(1))).isEmpty();
    assertThat(old.renew(Duration.ofSeconds(30))).isTrue();
    clock.now = clock.now.plusSeconds(31);

    Lease fresh = lock.tryAcquire("deploy:prod", "ci-2", Duration.ofMinutes(1)).orElseThrow();
    assertThat(old.renew(Duration.ofMinutes(1))).isFalse();
    old.close(); // must not release ci-2's lease
    assertThat(lock.tryAcquire("deploy:prod", "ci-3", Duration.ofMinutes(1))).isEmpty();
    assertThat(lock.holder("deploy:prod")).hasValueSatisfying(h -> assertThat(h).startsWith("ci-2"));
    assertThat(fresh.renew(Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void lease_ofDeadProcessOnThisHost_isTakenOverBeforeExpiry() throws Exception {
    FileDeployLock lock = new FileDeployLock(dir, Clock.systemUTC());
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(lock.file("deploy:prod"), new FileDeployLock.LeaseData("crashed-ci", "t0k3n",
        Instant.now().plus(Duration.ofHours(1)), host, p.pid()).format());

    assertThat(lock.tryAcquire("deploy:prod", "ci-2", Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void lease_ofLiveProcessOnAnotherHost_blocksUntilExpiry() throws Exception {
    FileDeployLock lock = new FileDeployLock(dir, Clock.systemUTC());
    Files.writeString(lock.file("deploy:prod"), new FileDeployLock.LeaseData("other-host-ci", "t0k3n",
        Instant.now().plus(Duration.ofHours(1)), "some-other-host", 1).format());
    assertThat(lock.tryAcquire("deploy:prod", "ci-2", Duration.ofMinutes(1))).isEmpty();
    assertThat(lock.holder("deploy:prod")).hasValueSatisfying(h -> assertThat(h).startsWith("other-host-ci"));
  }

  @Test
  void tryAcquire_twoThreadsRacing_exactlyOneWinsEachRound() throws Exception {
    DeployLock lock = DeployLock.file(dir);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        List<Future<Optional<Lease>>> fs = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          String owner = "thread-" + t;
          fs.add(pool.submit(() -> {
            go.await();
            Optional<Lease> l = lock.tryAcquire("deploy:race", owner, Duration.ofMinutes(1));
            l.ifPresent(x -> wins.incrementAndGet());
            return l;
          }));
        }
        go.countDown();
        List<Lease> leases = new ArrayList<>();
        for (Future<Optional<Lease>> f : fs) {
          f.get(30, TimeUnit.SECONDS).ifPresent(leases::add);
        }
        assertThat(wins.get()).as("round " + round).isEqualTo(1);
        leases.forEach(Lease::close);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void file_oddNames_mapToDistinctSafeFiles() {
    FileDeployLock lock = new FileDeployLock(dir, Clock.systemUTC());
    assertThat(lock.file("deploy:prod").getFileName().toString()).isEqualTo("deploy_003aprod.lease");
    assertThat(lock.file("deploy:../x")).isNotEqualTo(lock.file("deploy:.._x"));
    assertThat(lock.file("deploy:../x").getParent()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThatThrownBy(() -> lock.tryAcquire("deploy:x", "o", Duration.ZERO)).hasMessageContaining("ttl");
  }

  @Test
  void tryAcquire_unwritableDirectory_saysWhichFileAndWhatToDo() throws Exception {
    Path file = dir.resolve("not-a-dir");
    Files.writeString(file, "x");
    DeployLock lock = DeployLock.file(file);
    assertThatThrownBy(() -> lock.tryAcquire("deploy:x", "o", Duration.ofMinutes(1)))
        .hasMessageContaining("deploy lock file").hasMessageContaining("lock directory");
  }
}
