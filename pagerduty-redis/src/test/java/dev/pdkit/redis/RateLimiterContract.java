package dev.pdkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.spi.RateLimiter;
import dev.pdkit.spi.RateLimiter.Limit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link PdkitRedis#rateLimiter()} must show, run on standalone and Cluster. */
abstract class RateLimiterContract extends RedisTestBase {

  /** Runs SCRIPT FLUSH on every server, so the next EVALSHA answers NOSCRIPT. */
  abstract void flushScripts();

  @Test
  void tryAcquire_withinPermits_grantsThenReportsWaitOfOnePermit() {
    RateLimiter rl = redis.rateLimiter();
    Limit limit = new Limit(5, Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertThat(rl.tryAcquire("events:abc", limit)).as("permit %d", i).isZero();
    }
    Duration wait = rl.tryAcquire("events:abc", limit);
    // one permit every 12 s; a few ms have already refilled
    assertThat(wait).isBetween(Duration.ofSeconds(11), Duration.ofSeconds(12));
    // another instance sees the same empty bucket
    assertThat(open().rateLimiter().tryAcquire("events:abc", limit)).isPositive();
    // other buckets are independent
    assertThat(rl.tryAcquire("events:other", limit)).isZero();
  }

  @Test
  void tryAcquire_afterAdvisedWait_grantsAgain() throws InterruptedException {
    RateLimiter rl = redis.rateLimiter();
    Limit limit = new Limit(2, Duration.ofMillis(400));
    Duration wait = Duration.ZERO;
    for (int i = 0; i < 20 && wait.isZero(); i++) { // a slow machine may refill in between
      wait = rl.tryAcquire("b", limit);
    }
    assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200));
    Thread.sleep(wait.toMillis() + 1);
    assertThat(rl.tryAcquire("b", limit)).isZero();
  }

  /**
   * Eight threads on four independent clients hammer one bucket of 20 permits per 500 ms for about
   * two seconds. Token bucket bound: at most {@code 20 + 20 * elapsed / 500ms} grants in total
   * (exact: every grant happened inside the measured interval), at most {@code 2 * 20} in any 500
   * ms window (plus slack for reply lag), and the limiter is not starving them either.
   */
  @Test
  void tryAcquire_manyInstancesConcurrently_neverExceedLimitOverAnyWindow() throws Exception {
    long permits = 20;
    Duration period = Duration.ofMillis(500);
    Limit limit = new Limit(permits, period);
    List<RateLimiter> limiters = new ArrayList<>();
    limiters.add(redis.rateLimiter());
    for (int i = 0; i < 3; i++) {
      limiters.add(open().rateLimiter());
    }
    ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    long runNanos = Duration.ofMillis(2000).toNanos();
    List<Future<?>> futures = new ArrayList<>();
    long[] window = new long[2];
    for (int t = 0; t < threads; t++) {
      RateLimiter rl = limiters.get(t % limiters.size());
      futures.add(
          pool.submit(
              () -> {
                go.await();
                long end = window[0] + runNanos;
                while (System.nanoTime() < end) {
                  Duration w = rl.tryAcquire("shared", limit);
                  if (w.isZero()) {
                    grants.add(System.nanoTime());
                  } else {
                    Thread.sleep(Math.min(5, Math.max(1, w.toMillis())));
                  }
                }
                return null;
              }));
    }
    window[0] = System.nanoTime();
    go.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    window[1] = System.nanoTime();
    pool.shutdown();

    double elapsedPeriods = (double) (window[1] - window[0]) / period.toNanos();
    long max = permits + (long) Math.ceil(permits * elapsedPeriods);
    assertThat((long) grants.size()).as("total grants").isLessThanOrEqualTo(max);
    assertThat((long) grants.size())
        .as("total grants (liveness)")
        .isGreaterThanOrEqualTo((long) (permits + permits * (elapsedPeriods - 1) * 0.5));

    List<Long> times = new ArrayList<>(grants);
    Collections.sort(times);
    int j = 0;
    for (int i = 0; i < times.size(); i++) {
      while (times.get(i) - times.get(j) > period.toNanos()) {
        j++;
      }
      // times are taken when the reply arrives, so they may lag the grant by scheduling delays:
      // allow a quarter period of lag on top of the bucket's 2 * permits per period
      assertThat(i - j + 1)
          .as("grants within one period ending at grant %d", i)
          .isLessThanOrEqualTo((int) (2 * permits + permits / 4));
    }
  }

  @Test
  void onServerLimit_fewerRemaining_tightensBucketUntilReset() {
    RateLimiter rl = redis.rateLimiter();
    Limit limit = Limit.perMinute(960);
    assertThat(rl.tryAcquire("rest:tok", limit)).isZero();

    open().rateLimiter().onServerLimit("rest:tok", 960, 2, Duration.ofSeconds(30));

    assertThat(rl.tryAcquire("rest:tok", limit)).isZero();
    assertThat(rl.tryAcquire("rest:tok", limit)).isZero();
    Duration wait = rl.tryAcquire("rest:tok", limit);
    assertThat(wait).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
  }

  @Test
  void onServerLimit_lowerServerLimit_lowersCapacity() {
    RateLimiter rl = redis.rateLimiter();
    rl.onServerLimit("rest:low", 3, 3, Duration.ZERO);
    Limit limit = new Limit(100, Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      assertThat(rl.tryAcquire("rest:low", limit)).isZero();
    }
    // capacity 3 per minute now: the next permit is 20 s away
    assertThat(rl.tryAcquire("rest:low", limit))
        .isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
  }

  @Test
  void tryAcquire_afterScriptFlush_reloadsScript() {
    RateLimiter rl = redis.rateLimiter();
    Limit limit = new Limit(10, Duration.ofMinutes(1));
    assertThat(rl.tryAcquire("flush", limit)).isZero();
    flushScripts();
    assertThat(rl.tryAcquire("flush", limit)).isZero();
  }

  @Test
  void tryAcquire_badBucketName_failsNamingIt() {
    assertThatThrownBy(() -> redis.rateLimiter().tryAcquire("a}b", Limit.perMinute(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket");
  }
}
