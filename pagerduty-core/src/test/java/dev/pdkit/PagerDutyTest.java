package dev.pdkit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.ValidationException;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.spi.CacheProvider;
import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.RateLimiter;
import dev.pdkit.support.WireMockSupport;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagerDutyTest {
  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  @Test
  void build_defaults_useUsRegionAndDocumentedOptions() {
    try (PagerDuty pd = PagerDuty.builder().apiToken("tok123").build()) {
      assertThat(pd.apiUrl()).isEqualTo(URI.create("https://api.pagerduty.com"));
      assertThat(pd.eventsUrl()).isEqualTo(URI.create("https://events.pagerduty.com"));
      assertThat(pd.region()).hasValue(Region.US);
      assertThat(pd.from()).isEmpty();
      assertThat(pd.hasApiToken()).isTrue();
      assertThat(pd.tokenFingerprint()).hasValue(Secret.of("tok123").fingerprint());
      assertThat(pd.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(pd.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(pd.retryPolicy()).isEqualTo(RetryPolicy.ofDefaults());
      assertThat(pd.restRateLimit()).isEqualTo(RateLimiter.Limit.perMinute(960));
      assertThat(pd.eventsRateLimit()).isEqualTo(RateLimiter.Limit.perMinute(120));
      assertThat(pd.userAgent()).matches("pdkit/\\S+ java/\\S+");
      assertThat(pd.userAgent()).doesNotContain("unknown");
      assertThat(pd.clock()).isNotNull();
      assertThat(pd.executor()).isNotNull();
      assertThat(pd.rateLimiter()).isNotNull();
      assertThat(pd.cacheProvider()).isNotNull();
      assertThat(pd.metricsListener()).isSameAs(MetricsListener.noop());
      assertThat(pd.raw()).isNotNull();
      assertThat(pd.toString()).doesNotContain("tok123");
    }
  }

  @Test
  void build_euRegion_usesEuHosts() {
    try (PagerDuty pd = PagerDuty.builder().region(Region.EU).build()) {
      assertThat(pd.apiUrl()).hasToString("https://api.eu.pagerduty.com");
      assertThat(pd.eventsUrl()).hasToString("https://events.eu.pagerduty.com");
      assertThat(pd.hasApiToken()).isFalse();
      assertThat(pd.tokenFingerprint()).isEmpty();
    }
  }

  @Test
  void build_explicitUrls_overrideRegionAndDropTrailingSlash() {
    try (PagerDuty pd = PagerDuty.builder().region(Region.EU)
        .apiUrl("https://proxy.example.com/pd/").eventsUrl(URI.create("https://ev.example.com"))
        .build()) {
      assertThat(pd.apiUrl()).hasToString("https://proxy.example.com/pd");
      assertThat(pd.eventsUrl()).hasToString("https://ev.example.com");
      assertThat(pd.region()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:1", "http://[::1]:9",
      "http://127.10.0.1", "http://app.localhost:80"})
  void build_plainHttpToLoopback_isAllowed(String url) {
    try (PagerDuty pd = PagerDuty.builder().apiUrl(url).build()) {
      assertThat(pd.apiUrl()).hasToString(url);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://api.pagerduty.com", "http://10.0.0.1:8080",
      "http://localhost.evil.com"})
  void build_plainHttpElsewhere_isRefusedWithClearError(String url) {
    assertThatThrownBy(() -> PagerDuty.builder().apiUrl(url).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.problems()).hasSize(1);
          assertThat(e.problems().get(0).field()).isEqualTo("apiUrl");
          assertThat(e.getMessage()).contains("plain http is only allowed to a loopback host")
              .contains("use https://");
        });
  }

  @Test
  void build_manyProblems_reportsEveryOneAtOnce() {
    assertThatThrownBy(() -> PagerDuty.builder().apiUrl("ftp://x").eventsUrl("https:///nohost")
        .from("not-an-email").httpClient(HttpClient.newHttpClient())
        .proxy(ProxySelector.getDefault()).build())
        .isInstanceOfSatisfying(ValidationException.class, e ->
            assertThat(e.problems()).extracting(ValidationException.Problem::field)
                .containsExactly("apiUrl", "eventsUrl", "from", "proxy"));
  }

  @Test
  void builder_invalidValues_failFast() {
    assertThatThrownBy(() -> PagerDuty.builder().apiUrl("ht tp://bad"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("apiUrl");
    assertThatThrownBy(() -> PagerDuty.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(ValidationException.class).hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> PagerDuty.builder().connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> PagerDuty.builder().userAgentSuffix("bad\nvalue"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PagerDuty.builder().apiToken(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PagerDuty.builder().apiToken((String) null))
        .isInstanceOf(NullPointerException.class).hasMessage("token");
    assertThatThrownBy(() -> PagerDuty.builder().apiUrl("https://h?x=1").build())
        .isInstanceOf(ValidationException.class).hasMessageContaining("without user info");
  }

  @Test
  void fromEnv_readsAllVariables() {
    Map<String, String> env = Map.of(
        "PAGERDUTY_API_KEY", "envtok99",
        "PAGERDUTY_API_URL", wm.baseUrl(),
        "PAGERDUTY_EVENTS_URL", "https://events.example.com",
        "PAGERDUTY_FROM", "ops@example.com");
    wm.stubFor(get("/users/me").willReturn(okJson("{\"user\":{}}")));

    try (PagerDuty pd = PagerDuty.fromEnv(env)) {
      assertThat(pd.apiUrl()).hasToString(wm.baseUrl());
      assertThat(pd.eventsUrl()).hasToString("https://events.example.com");
      assertThat(pd.from()).hasValue("ops@example.com");
      pd.raw().get("/users/me");
    }
    wm.verify(getRequestedFor(urlEqualTo("/users/me"))
        .withHeader("Authorization", equalTo("Token token=envtok99"))
        .withHeader("From", equalTo("ops@example.com")));
  }

  @Test
  void fromEnv_blankOrMissing_usesDefaults() {
    Map<String, String> env = new HashMap<>();
    env.put("PAGERDUTY_API_KEY", "  ");
    env.put("PAGERDUTY_FROM", "");
    try (PagerDuty pd = PagerDuty.fromEnv(env)) {
      assertThat(pd.hasApiToken()).isFalse();
      assertThat(pd.apiUrl()).isEqualTo(Region.US.apiUrl());
    }
    try (PagerDuty pd = PagerDuty.fromEnv()) {
      assertThat(pd).isNotNull();
    }
  }

  @Test
  void fromEnv_invalidValues_nameTheVariables() {
    Map<String, String> env = Map.of(
        "PAGERDUTY_API_URL", "http://api.pagerduty.com",
        "PAGERDUTY_EVENTS_URL", "::not a url",
        "PAGERDUTY_FROM", "nobody");
    assertThatThrownBy(() -> PagerDuty.fromEnv(env))
        .isInstanceOfSatisfying(ValidationException.class, e ->
            assertThat(e.problems()).extracting(ValidationException.Problem::field)
                .containsExactlyInAnyOrder("PAGERDUTY_API_URL", "PAGERDUTY_EVENTS_URL",
                    "PAGERDUTY_FROM"));
  }

  @Test
  void withOptions_derivesClientSharingResources() {
    try (PagerDuty pd = PagerDuty.builder().apiUrl(wm.baseUrl()).apiToken("tok123")
        .from("a@example.com").build()) {
      PagerDuty d = pd.withOptions(o -> o.from("b@example.com")
          .requestTimeout(Duration.ofSeconds(5)).retryPolicy(RetryPolicy.none())
          .restRateLimit(RateLimiter.Limit.perMinute(10))
          .eventsRateLimit(RateLimiter.Limit.perMinute(5)));
      assertThat(d.from()).hasValue("b@example.com");
      assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(d.retryPolicy()).isEqualTo(RetryPolicy.none());
      assertThat(d.restRateLimit().permits()).isEqualTo(10);
      assertThat(d.eventsRateLimit().permits()).isEqualTo(5);
      assertThat(d.executor()).isSameAs(pd.executor());
      assertThat(d.cacheProvider()).isSameAs(pd.cacheProvider());
      assertThat(d.rateLimiter()).isSameAs(pd.rateLimiter());
      assertThat(d.metricsListener()).isSameAs(pd.metricsListener());
      assertThat(pd.from()).hasValue("a@example.com");
      assertThat(pd.withOptions(o -> o.from(null)).from()).isEmpty();
      assertThatThrownBy(() -> pd.withOptions(o -> o.from("bad")))
          .isInstanceOf(ValidationException.class);

      d.close();
      assertThat(pd.isClosed()).isFalse();
      pd.close();
      assertThat(d.isClosed()).isTrue();
    }
  }

  @Test
  void close_ownedResources_areReleasedOnce() {
    PagerDuty pd = PagerDuty.builder().build();
    ExecutorService exec = (ExecutorService) pd.executor();
    CacheProvider.Cache<String> c = pd.cacheProvider().cache("c", String.class,
        Duration.ofMinutes(1), 10);
    c.put("k", "v");

    pd.close();
    pd.close();

    assertThat(pd.isClosed()).isTrue();
    assertThat(exec.isShutdown()).isTrue();
    assertThat(c.getIfPresent("k")).isNull();
  }

  @Test
  void close_callerOwnedResources_areLeftAlone() {
    ExecutorService exec = Executors.newSingleThreadExecutor();
    AtomicBoolean cacheClosed = new AtomicBoolean();
    CacheProvider cache = new CacheProvider() {
      @Override
      public <V> Cache<V> cache(String name, Class<V> t, Duration ttl, long max) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {
        cacheClosed.set(true);
      }
    };
    try {
      PagerDuty pd = PagerDuty.builder().executor(exec).cacheProvider(cache).build();
      pd.close();
      assertThat(exec.isShutdown()).isFalse();
      assertThat(cacheClosed).isFalse();
      assertThat(pd.executor()).isSameAs(exec);
    } finally {
      exec.shutdownNow();
    }
  }

  @Test
  void customHttpClient_isUsed() {
    wm.stubFor(get("/ping").willReturn(okJson("{\"ok\":true}")));
    HttpClient mine = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (PagerDuty pd = PagerDuty.builder().apiUrl(wm.baseUrl()).apiToken("t0k3n")
        .httpClient(mine).build()) {
      assertThat(pd.raw().get("/ping").path("ok").asBoolean()).isTrue();
    }
  }

  @Test
  void proxy_requestsGoThroughIt() {
    // A second WireMock acts as the proxy: with an absolute-URI request line it answers itself.
    WireMockServer proxy = new WireMockServer(
        com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort()
            .bindAddress("127.0.0.1"));
    proxy.start();
    try {
      proxy.stubFor(get(urlEqualTo("/via-proxy")).willReturn(okJson("{\"proxied\":true}")));
      try (PagerDuty pd = PagerDuty.builder().apiUrl("http://localhost:9/").apiToken("t0k3n")
          .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
          .retryPolicy(RetryPolicy.none()).build()) {
        assertThat(pd.raw().get("/via-proxy").path("proxied").asBoolean()).isTrue();
      }
      assertThat(proxy.getAllServeEvents()).hasSize(1);
      assertThat(proxy.getAllServeEvents().get(0).getRequest().getAbsoluteUrl())
          .contains("localhost:9/via-proxy");
    } finally {
      proxy.stop();
    }
  }

  @Test
  void clientHooks_contextExposesTransportAndSettings() {
    try (PagerDuty pd = PagerDuty.builder().apiToken("tok123").clock(Clock.systemUTC()).build()) {
      var ctx = ClientHooks.context(pd);
      assertThat(ctx.transport()).isNotNull();
      assertThat(ctx.settings().restBucket()).isEqualTo("rest:" + pd.tokenFingerprint().get());
      assertThat(ctx.cache()).isSameAs(pd.cacheProvider());
      assertThat(ctx.clock()).isSameAs(pd.clock());
    }
  }

  @Test
  void build_twoServiceLoaderProvidersViaProperty_badClassFailsFast() {
    System.setProperty(PagerDuty.RATE_LIMITER_PROPERTY, "no.such.Limiter");
    try {
      assertThatThrownBy(() -> PagerDuty.builder().build())
          .isInstanceOf(PagerDutyException.class)
          .hasMessageContaining("pdkit.rateLimiter").hasMessageContaining("no.such.Limiter");
    } finally {
      System.clearProperty(PagerDuty.RATE_LIMITER_PROPERTY);
    }
  }
}
