package dev.pdkit.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.errors.ServerErrorException;
import dev.pdkit.internal.Futures;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.support.ManualClock;
import dev.pdkit.support.RecordingScheduler;
import dev.pdkit.support.WireMockSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blocking methods do the exchange on the calling thread ({@code HttpClient.send}); async ones on
 * the client's threads. Seen through the thread that reports each exchange to the metrics.
 */
class SyncExchangeTest {
  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  private final List<Thread> exchangeThreads = new CopyOnWriteArrayList<>();
  private PagerDuty pd;

  @BeforeEach
  void setUp() {
    ManualClock clock = new ManualClock();
    pd = WireMockSupport.builder(wm, clock, new RecordingScheduler(clock))
        .retryPolicy(RetryPolicy.none())
        .metricsListener(new MetricsListener() {
          @Override
          public void onExchange(String endpoint, int status, Duration latency, int attempt) {
            exchangeThreads.add(Thread.currentThread());
          }
        })
        .build();
    wm.stubFor(get(urlPathEqualTo("/abilities")).willReturn(okJson("{\"abilities\":[\"sso\"]}")));
  }

  @AfterEach
  void tearDown() {
    pd.close();
  }

  @Test
  void blockingCall_exchangesOnTheCallingThread() {
    assertThat(pd.abilities().list()).hasSize(1);
    assertThat(exchangeThreads).containsExactly(Thread.currentThread());
    assertThat(Futures.callerWaits()).as("the mark does not outlive the call").isFalse();
  }

  @Test
  void asyncCall_exchangesOnTheClientsThreads() {
    assertThat(pd.abilities().listAsync().join()).hasSize(1);
    assertThat(exchangeThreads).hasSize(1).doesNotContain(Thread.currentThread());
  }

  @Test
  void concurrently_insideABlockingCall_startsRequestsOnTheClientsThreads() {
    List<Integer> sizes = Futures.sync(() -> {
      var a = Futures.concurrently(() -> pd.abilities().listAsync());
      var b = Futures.concurrently(() -> pd.abilities().listAsync());
      assertThat(Futures.callerWaits()).as("the mark is back after the fan-out").isTrue();
      return a.thenCombine(b, (x, y) -> List.of(x.size(), y.size()));
    });
    assertThat(sizes).containsExactly(1, 1);
    assertThat(exchangeThreads).hasSize(2).doesNotContain(Thread.currentThread());
  }

  @Test
  void blockingCall_errorStatus_mapsAsTheAsyncPathDoes() {
    wm.stubFor(get(urlPathEqualTo("/abilities")).willReturn(serverError()));
    assertThatThrownBy(() -> pd.abilities().list()).isInstanceOf(ServerErrorException.class);
    assertThatThrownBy(() -> Futures.join(pd.abilities().listAsync()))
        .isInstanceOf(ServerErrorException.class);
    assertThat(exchangeThreads).hasSize(2).startsWith(Thread.currentThread());
  }
}
