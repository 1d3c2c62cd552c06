package dev.pdkit.benchmarks.notify;

import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.Secret;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.SeededService;

/**
 * A fake PagerDuty seeded with one service and an Events v2 integration, and an SDK client pointed
 * at it. Shared by the notification and escalation benchmarks.
 *
 * <p>The client's own rate limits are lifted (PagerDuty's 120 events/min per key would otherwise
 * measure the limiter, not the client), and retries are off so a deliberate slowdown shows as is.
 *
 * <p>{@code -Dpdkit.bench.faultDelayMs=N} adds a fault rule to the fake that delays every request
 * by N ms: the gate's self-test uses it to prove the gate fails on a slowdown.
 */
public final class FakeTarget implements AutoCloseable {
  public final FakePagerDuty fake;
  public final SeededService service;
  public final Secret routingKey;
  public final PagerDuty client;

  public FakeTarget() {
    fake = FakePagerDuty.builder().user("bench@example.com").start();
    service = fake.seedService("Benchmark service");
    routingKey = Secret.of(service.integrationKey());
    client = clientFor(fake, "bench@example.com");
    applyFaultDelay(fake);
  }

  /**
   * A client for benchmarks against {@code fake}: no retries and no client-side rate limit, so the
   * figures are of one request each, not of PagerDuty's 960-a-minute pacing.
   */
  public static PagerDuty clientFor(FakePagerDuty fake, String from) {
    return PagerDuty.builder()
        .apiUrl(fake.baseUrl())
        .eventsUrl(fake.eventsUrl())
        .apiToken(fake.apiToken())
        .from(from)
        .retryPolicy(RetryPolicy.none())
        .restRateLimit(RateLimiter.Limit.perMinute(100_000_000L))
        .eventsRateLimit(RateLimiter.Limit.perMinute(100_000_000L))
        .build();
  }

  /** The gate's self-test: {@code -Dpdkit.bench.faultDelayMs=N} delays every request to the fake. */
  public static void applyFaultDelay(FakePagerDuty fake) {
    long delay = Long.getLong("pdkit.bench.faultDelayMs", 0L);
    if (delay > 0) {
      fake.addFault(Fault.builder().path("/**").delayMs(delay).build());
    }
  }

  @Override
  public void close() {
    client.close();
    fake.close();
  }
}
