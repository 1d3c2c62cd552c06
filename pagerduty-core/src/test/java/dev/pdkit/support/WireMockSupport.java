package dev.pdkit.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.spi.RateLimiter;

/** WireMock on loopback and clients pointed at it that never sleep for real. */
public final class WireMockSupport {
  public static final String TOKEN = "y_NbAkKc66ryYTWUXYEu";

  private WireMockSupport() {}

  public static WireMockExtension extension() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
        .build();
  }

  /** A builder for {@code wm} with a token, a manual clock and an instant scheduler. */
  public static PagerDuty.Builder builder(WireMockExtension wm, ManualClock clock,
      RecordingScheduler scheduler) {
    PagerDuty.Builder b = PagerDuty.builder()
        .apiUrl(wm.baseUrl())
        .eventsUrl(wm.baseUrl())
        .apiToken(TOKEN)
        .clock(clock)
        .rateLimiter(RateLimiter.unlimited());
    ClientHooks.scheduler(b, scheduler);
    ClientHooks.random(b, () -> 0.5);
    return b;
  }

  /** A client with no retries, for tests of single exchanges. */
  public static PagerDuty noRetries(WireMockExtension wm) {
    ManualClock clock = new ManualClock();
    return builder(wm, clock, new RecordingScheduler(clock)).retryPolicy(RetryPolicy.none())
        .build();
  }
}
