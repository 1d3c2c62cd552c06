package dev.pdkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsRecorderTest {

  @Test
  void snapshot_percentilesStatusesRetriesAndWaits() {
    MetricsRecorder m = MetricsRecorder.create();
    for (int i = 1; i <= 100; i++) {
      m.onExchange("GET /services", i <= 95 ? 200 : 429, Duration.ofMillis(i), 1);
    }
    m.onExchange("GET /services", 0, Duration.ofMillis(5), 2);
    m.onRetry("GET /services", 2, Duration.ofSeconds(1), "429");
    m.onRetry("GET /services", 3, Duration.ofSeconds(2), "429");
    m.onRetry("GET /services", 2, Duration.ofSeconds(2), "connection refused");
    m.onRateLimitWait("rest:abc", Duration.ofMillis(300));
    m.onRateLimitWait("rest:abc", Duration.ofMillis(700));
    m.onQueue(12, Duration.ofSeconds(3));
    m.onDelivery("delivered");
    m.onDelivery("delivered");
    m.onDelivery("dead_lettered");

    MetricsRecorder.Snapshot s = m.snapshot();
    MetricsRecorder.EndpointStats e = s.endpoints().get("GET /services");
    assertThat(e.exchanges()).isEqualTo(101);
    assertThat(e.statusCount(200)).isEqualTo(95);
    assertThat(e.statusCount(429)).isEqualTo(5);
    assertThat(e.statusCount(0)).isEqualTo(1);
    assertThat(e.statusCount(500)).isZero();
    assertThat(e.retries()).isEqualTo(3);
    assertThat(e.retryReasons()).containsEntry("429", 2L).containsEntry("connection refused", 1L);
    assertThat(e.samples()).isEqualTo(101);
    assertThat(e.p50()).isEqualTo(Duration.ofMillis(50));
    assertThat(e.p90()).isEqualTo(Duration.ofMillis(90));
    assertThat(e.p99()).isEqualTo(Duration.ofMillis(99));
    assertThat(e.max()).isEqualTo(Duration.ofMillis(100));
    MetricsRecorder.RateLimitStats r = s.rateLimits().get("rest:abc");
    assertThat(r.waits()).isEqualTo(2);
    assertThat(r.totalWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.maxWait()).isEqualTo(Duration.ofMillis(700));
    assertThat(s.queueDepth()).isEqualTo(12);
    assertThat(s.oldestQueued()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.deliveries()).containsEntry("delivered", 2L).containsEntry("dead_lettered", 1L);
    assertThat(s.totalExchanges()).isEqualTo(101);
    assertThat(s.totalRetries()).isEqualTo(3);
    assertThat(m.toString()).contains("GET /services");
  }

  @Test
  void ringBuffer_keepsOnlyTheMostRecentSamples() {
    MetricsRecorder m = MetricsRecorder.create(10);
    for (int i = 1; i <= 100; i++) {
      m.onExchange("e", 200, Duration.ofMillis(i), 1);
    }
    MetricsRecorder.EndpointStats e = m.snapshot().endpoints().get("e");
    assertThat(e.samples()).isEqualTo(10);
    assertThat(e.exchanges()).isEqualTo(100);
    assertThat(e.p50()).isEqualTo(Duration.ofMillis(95));
    assertThat(e.max()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void reset_forgetsEverything_andEmptyEndpointHasZeroPercentiles() {
    MetricsRecorder m = MetricsRecorder.create();
    m.onExchange("e", 200, Duration.ofMillis(1), 1);
    m.onRateLimitWait("b", Duration.ofMillis(1));
    m.onDelivery("x");
    m.onQueue(1, Duration.ofSeconds(1));
    m.reset();
    assertThat(m.snapshot().endpoints()).isEmpty();
    assertThat(m.snapshot().rateLimits()).isEmpty();
    assertThat(m.snapshot().deliveries()).isEmpty();
    assertThat(m.snapshot().queueDepth()).isZero();
    m.onRetry("only-retries", 2, Duration.ZERO, "503");
    MetricsRecorder.EndpointStats e = m.snapshot().endpoints().get("only-retries");
    assertThat(e.p99()).isEqualTo(Duration.ZERO);
    assertThat(e.max()).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> MetricsRecorder.create(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noop_ignoresEverything() {
    MetricsListener n = MetricsListener.noop();
    n.onExchange("e", 200, Duration.ZERO, 1);
    n.onRetry("e", 2, Duration.ZERO, "x");
    n.onRateLimitWait("b", Duration.ZERO);
    n.onQueue(0, Duration.ZERO);
    n.onDelivery("x");
    assertThat(n).isSameAs(MetricsListener.noop());
  }
}
