package dev.pdkit.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.internal.Futures;
import dev.pdkit.internal.ratelimit.TokenBucketRateLimiter;
import dev.pdkit.spi.MetricsRecorder;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.support.ManualClock;
import dev.pdkit.support.RecordingScheduler;
import dev.pdkit.support.WireMockSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitingTest {
  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  private ManualClock clock;
  private RecordingScheduler scheduler;
  private MetricsRecorder metrics;

  @BeforeEach
  void setUp() {
    clock = new ManualClock();
    scheduler = new RecordingScheduler(clock);
    metrics = MetricsRecorder.create();
  }

  private PagerDuty client(RateLimiter limiter, RateLimiter.Limit rest, RateLimiter.Limit events) {
    return WireMockSupport.builder(wm, clock, scheduler).rateLimiter(limiter)
        .restRateLimit(rest).eventsRateLimit(events).metricsListener(metrics)
        .retryPolicy(RetryPolicy.none()).build();
  }

  private static ApiResponse send(PagerDuty pd, ApiRequest req) {
    return Futures.join(ClientHooks.context(pd).transport().send(req));
  }

  @Test
  void rest_overTheLimit_waitsForARefillWithoutBlocking() {
    wm.stubFor(get("/x").willReturn(okJson("{}")));
    TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(clock);

    try (PagerDuty pd = client(limiter, RateLimiter.Limit.perMinute(2),
        RateLimiter.Limit.perMinute(120))) {
      for (int i = 0; i < 3; i++) {
        send(pd, ApiRequest.builder("GET", "/x").build());
      }
      String bucket = "rest:" + pd.tokenFingerprint().orElseThrow();
      assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(30));
      var waits = metrics.snapshot().rateLimits().get(bucket);
      assertThat(waits.waits()).isEqualTo(1);
      assertThat(waits.totalWait()).isEqualTo(Duration.ofSeconds(30));
      assertThat(waits.maxWait()).isEqualTo(Duration.ofSeconds(30));
    }
    wm.verify(3, anyRequestedFor(anyUrl()));
  }

  @Test
  void events_useTheirOwnBucketAndLimit() {
    wm.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202).withBody("{}")));
    List<String> asked = new CopyOnWriteArrayList<>();
    List<RateLimiter.Limit> limits = new CopyOnWriteArrayList<>();
    RateLimiter spy = (bucket, limit) -> {
      asked.add(bucket);
      limits.add(limit);
      return Duration.ZERO;
    };

    try (PagerDuty pd = client(spy, RateLimiter.Limit.perMinute(960),
        RateLimiter.Limit.perMinute(120))) {
      send(pd, ApiRequest.builder("POST", "/v2/enqueue").api(ApiRequest.Api.EVENTS)
          .rateLimitBucket("events:abc123").body(Map.of("event_action", "trigger")).build());
      send(pd, ApiRequest.builder("POST", "/v2/enqueue").api(ApiRequest.Api.EVENTS)
          .body(Map.of("event_action", "trigger")).build());
    }

    assertThat(asked).containsExactly("events:abc123", "events:default");
    assertThat(limits).containsOnly(RateLimiter.Limit.perMinute(120));
  }

  @Test
  void serverReportsNoneRemaining_nextRequestWaitsForTheReset() {
    wm.stubFor(get("/x").willReturn(okJson("{}").withHeader("ratelimit-limit", "960")
        .withHeader("ratelimit-remaining", "0").withHeader("ratelimit-reset", "10")));
    TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(clock);

    try (PagerDuty pd = client(limiter, RateLimiter.Limit.perMinute(960),
        RateLimiter.Limit.perMinute(120))) {
      send(pd, ApiRequest.builder("GET", "/x").build());
      assertThat(limiter.available("rest:" + pd.tokenFingerprint().orElseThrow())).isZero();
      send(pd, ApiRequest.builder("GET", "/x").build());
    }

    assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void serverLimitHeaders_areReportedToTheLimiter() {
    wm.stubFor(get("/x").willReturn(okJson("{}").withHeader("ratelimit-limit", "960")
        .withHeader("ratelimit-remaining", "958").withHeader("ratelimit-reset", "42")));
    wm.stubFor(get("/partial").willReturn(okJson("{}").withHeader("ratelimit-limit", "960")));
    wm.stubFor(get("/garbled").willReturn(okJson("{}").withHeader("ratelimit-limit", "lots")
        .withHeader("ratelimit-remaining", "1").withHeader("ratelimit-reset", "1")));
    List<String> reports = new CopyOnWriteArrayList<>();
    RateLimiter spy = new RateLimiter() {
      @Override
      public Duration tryAcquire(String bucket, Limit limit) {
        return Duration.ZERO;
      }

      @Override
      public void onServerLimit(String bucket, long limit, long remaining, Duration reset) {
        reports.add(bucket + " " + limit + " " + remaining + " " + reset.toSeconds());
      }
    };

    try (PagerDuty pd = client(spy, RateLimiter.Limit.perMinute(960),
        RateLimiter.Limit.perMinute(120))) {
      send(pd, ApiRequest.builder("GET", "/x").build());
      send(pd, ApiRequest.builder("GET", "/partial").build());
      send(pd, ApiRequest.builder("GET", "/garbled").build());
      assertThat(reports).containsExactly(
          "rest:" + pd.tokenFingerprint().orElseThrow() + " 960 958 42");
    }
  }

  @Test
  void brokenLimiter_failsOpen() {
    wm.stubFor(get("/x").willReturn(okJson("{}").withHeader("ratelimit-limit", "1")
        .withHeader("ratelimit-remaining", "1").withHeader("ratelimit-reset", "1")));
    RateLimiter broken = new RateLimiter() {
      @Override
      public Duration tryAcquire(String bucket, Limit limit) {
        throw new IllegalStateException("redis is down");
      }

      @Override
      public void onServerLimit(String bucket, long limit, long remaining, Duration reset) {
        throw new IllegalStateException("redis is down");
      }
    };

    try (PagerDuty pd = client(broken, RateLimiter.Limit.perMinute(1),
        RateLimiter.Limit.perMinute(1))) {
      assertThat(send(pd, ApiRequest.builder("GET", "/x").build()).status()).isEqualTo(200);
    }
  }

  @Test
  void defaultClient_usesInMemoryLimiterWith960PerMinute() {
    wm.stubFor(get("/x").willReturn(okJson("{}")));
    PagerDuty.Builder b = PagerDuty.builder().apiUrl(wm.baseUrl()).apiToken("tok123")
        .clock(clock);
    ClientHooks.scheduler(b, scheduler);
    try (PagerDuty pd = b.build()) {
      assertThat(pd.rateLimiter()).isInstanceOf(TokenBucketRateLimiter.class);
      send(pd, ApiRequest.builder("GET", "/x").build());
      assertThat(((TokenBucketRateLimiter) pd.rateLimiter())
          .available("rest:" + pd.tokenFingerprint().orElseThrow())).isEqualTo(959.0);
    }
  }
}
