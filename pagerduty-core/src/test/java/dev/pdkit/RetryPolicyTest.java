package dev.pdkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaults_areDocumented() {
    RetryPolicy p = RetryPolicy.ofDefaults();
    assertThat(p.maxAttempts()).isEqualTo(4);
    assertThat(p.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(p.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.maxElapsed()).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.honorServerDelay()).isTrue();
    assertThat(p.retries(408)).isTrue();
    assertThat(p.retries(429)).isTrue();
    assertThat(p.retries(500)).isTrue();
    assertThat(p.retries(599)).isTrue();
    assertThat(p.retries(400)).isFalse();
    assertThat(p.retries(404)).isFalse();
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(p.toString()).contains("maxAttempts=4");
  }

  @Test
  void custom_andToBuilder_roundTrip() {
    RetryPolicy p = RetryPolicy.custom().maxAttempts(6).initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(5)).maxElapsed(Duration.ofSeconds(30))
        .retryStatuses(Set.of(503)).honorServerDelay(false).build();
    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(p).isNotEqualTo(RetryPolicy.ofDefaults());
    assertThat(p.retries(503)).isTrue();
    assertThat(p.retries(500)).isFalse();
  }

  @Test
  void builder_rejectsNonsense() {
    assertThatThrownBy(() -> RetryPolicy.custom().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.custom().initialBackoff(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.custom().maxElapsed(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.custom().retryStatuses(Set.of(200)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.custom().initialBackoff(Duration.ofSeconds(10))
        .maxBackoff(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not exceed");
    assertThatThrownBy(() -> RetryPolicy.ofDefaults().backoff(0, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.ofDefaults().backoff(1, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void backoff_doublesUpToTheCap() {
    RetryPolicy p = RetryPolicy.ofDefaults();
    assertThat(p.backoff(1, 0.999999)).isLessThan(Duration.ofMillis(500));
    assertThat(p.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(20, 0.5)).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.backoff(1000, 0.5)).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.backoff(5, 0.0)).isEqualTo(Duration.ZERO);
  }

  @Property(tries = 300)
  void backoff_isWithinFullJitterBounds(@ForAll @IntRange(min = 1, max = 200) int retry,
      @ForAll @DoubleRange(min = 0.0, max = 0.999999) @net.jqwik.api.constraints.Scale(6) double jitter) {
    RetryPolicy p = RetryPolicy.ofDefaults();
    Duration d = p.backoff(retry, jitter);
    long ceiling = Math.min(p.maxBackoff().toNanos(),
        retry > 20 ? Long.MAX_VALUE : p.initialBackoff().toNanos() << (retry - 1));
    assertThat(d.isNegative()).isFalse();
    assertThat(d.toNanos()).isLessThanOrEqualTo(ceiling);
  }
}
