package dev.pdkit.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.spi.RateLimiter;
import dev.pdkit.spi.RateLimiter.Limit;
import dev.pdkit.support.ManualClock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {
  private final ManualClock clock = new ManualClock();
  private final TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(clock);

  @Test
  void tryAcquire_burstUpToLimit_thenSaysHowLongToWait() {
    Limit limit = Limit.perMinute(120);
    for (int i = 0; i < 120; i++) {
      assertThat(limiter.tryAcquire("b", limit)).isZero();
    }
    assertThat(limiter.tryAcquire("b", limit)).isEqualTo(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(499));
    assertThat(limiter.tryAcquire("b", limit)).isPositive();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire("b", limit)).isZero();
  }

  @Test
  void tryAcquire_longRunRate_neverExceedsTheLimit() {
    Limit limit = new Limit(10, Duration.ofSeconds(1));
    int granted = 0;
    for (int step = 0; step < 10_000; step++) {
      if (limiter.tryAcquire("b", limit).isZero()) {
        granted++;
      }
      clock.advance(Duration.ofMillis(1));
    }
    // 10 s at 10/s plus the initial burst of 10
    assertThat(granted).isBetween(100, 110);
  }

  @Test
  void buckets_areIndependent() {
    Limit one = Limit.perMinute(1);
    assertThat(limiter.tryAcquire("a", one)).isZero();
    assertThat(limiter.tryAcquire("b", one)).isZero();
    assertThat(limiter.tryAcquire("a", one)).isPositive();
    assertThat(limiter.available("a")).isLessThan(1);
    assertThat(limiter.available("missing")).isNaN();
  }

  @Test
  void onServerLimit_zeroRemaining_blocksUntilReset_andLowRemainingCapsTokens() {
    Limit limit = Limit.perMinute(960);
    limiter.tryAcquire("b", limit);
    limiter.onServerLimit("b", 960, 5, Duration.ofSeconds(30));
    assertThat(limiter.available("b")).isEqualTo(5.0);
    limiter.onServerLimit("b", 960, 0, Duration.ofSeconds(30));
    assertThat(limiter.tryAcquire("b", limit)).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(30));
    assertThat(limiter.tryAcquire("b", limit)).isZero();
    limiter.onServerLimit("unknown", 1, 0, Duration.ofSeconds(1));
    assertThat(limiter.available("unknown")).isNaN();
  }

  @Test
  void tryAcquire_changedLimit_appliesAtOnce() {
    limiter.tryAcquire("b", Limit.perMinute(100));
    assertThat(limiter.tryAcquire("b", Limit.perMinute(1))).isZero();
    assertThat(limiter.tryAcquire("b", Limit.perMinute(1))).isPositive();
  }

  @Test
  void tryAcquire_concurrentCallers_neverOverGrant() throws Exception {
    Limit limit = Limit.perMinute(500);
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 2000; i++) {
      pool.execute(() -> {
        if (limiter.tryAcquire("b", limit).isZero()) {
          granted.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(granted).hasValue(500);
  }

  @Test
  void limits_andFactories_validate() {
    assertThatThrownBy(() -> new Limit(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limit(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RateLimiter.inMemory()).isInstanceOf(TokenBucketRateLimiter.class);
    assertThat(RateLimiter.unlimited().tryAcquire("x", Limit.perMinute(1))).isZero();
    RateLimiter.unlimited().onServerLimit("x", 1, 0, Duration.ZERO);
  }
}
