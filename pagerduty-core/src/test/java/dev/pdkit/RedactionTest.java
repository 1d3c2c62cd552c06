package dev.pdkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.internal.Futures;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.support.ManualClock;
import dev.pdkit.support.RecordingScheduler;
import dev.pdkit.support.WireMockSupport;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event at TRACE across a run that exercises authentication, errors that echo
 * secrets, retries, events bodies and transport failures, and checks that no secret appears in any
 * log line, exception message or toString. Server-side loggers (WireMock's Jetty) are excluded:
 * the server legitimately receives the token; what matters is what pdkit prints.
 */
class RedactionTest {
  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  private static final String TOKEN = "u+Secr3tTokenValue_abc";
  private static final String OAUTH = "oauthS3cretBearerValue";
  private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";
  private static final String INTEGRATION_KEY = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6";

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<String> texts = new ArrayList<>();
  private Level rootLevel;
  private Level pdkitLevel;

  @BeforeEach
  void capture() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    pdkitLevel = ctx.getLogger("dev.pdkit").getLevel();
    root.setLevel(Level.TRACE);
    ctx.getLogger("dev.pdkit").setLevel(Level.TRACE);
    ctx.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
    ctx.getLogger("wiremock").setLevel(Level.INFO);
    appender.setContext(ctx);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void release() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    root.setLevel(rootLevel);
    ctx.getLogger("dev.pdkit").setLevel(pdkitLevel);
  }

  private void record(Throwable t) {
    assertThat(t).isNotNull();
    for (Throwable c = t; c != null; c = c.getCause()) {
      texts.add(String.valueOf(c.getMessage()));
      texts.add(c.toString());
    }
  }

  private Throwable fail(PagerDuty pd, ApiRequest req) {
    Throwable t = catchThrowable(() -> Futures.join(ClientHooks.context(pd).transport().send(req)));
    record(t);
    return t;
  }

  @Test
  void fullRun_atTrace_neverPrintsASecret() throws Exception {
    wm.stubFor(get("/users/me").willReturn(okJson("{\"user\":{\"id\":\"PU1\"}}")));
    wm.stubFor(get("/services/P1/integrations/PI1").willReturn(okJson(
        "{\"integration\":{\"id\":\"PI1\",\"integration_key\":\"" + INTEGRATION_KEY + "\"}}")));
    wm.stubFor(get("/echo").willReturn(aResponse().withStatus(401).withBody(
        "{\"error\":{\"code\":2006,\"message\":\"Invalid token " + TOKEN + "\","
            + "\"errors\":[\"token " + TOKEN + " revoked\"]}}")));
    wm.stubFor(get("/flaky").inScenario("f").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
            .withBody("{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}"))
        .willSetStateTo("ok"));
    wm.stubFor(get("/flaky").inScenario("f").whenScenarioStateIs("ok")
        .willReturn(okJson("{\"ok\":true}")));
    wm.stubFor(post("/v2/enqueue").withRequestBody(
            com.github.tomakehurst.wiremock.client.WireMock.containing("trigger"))
        .willReturn(aResponse().withStatus(202)
            .withBody("{\"status\":\"success\",\"message\":\"Event processed\","
                + "\"dedup_key\":\"dk\"}")));
    wm.stubFor(post("/v2/enqueue").withRequestBody(
            com.github.tomakehurst.wiremock.client.WireMock.containing("resolve"))
        .willReturn(aResponse().withStatus(400).withBody("{\"status\":\"invalid event\","
            + "\"message\":\"Event object is invalid\",\"errors\":[\"routing_key "
            + ROUTING_KEY + " is not valid\"]}")));
    wm.stubFor(post(urlPathEqualTo("/retry-post")).inScenario("p")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
        .willSetStateTo("up"));
    wm.stubFor(post(urlPathEqualTo("/retry-post")).inScenario("p").whenScenarioStateIs("up")
        .willReturn(okJson("{\"echo\":{\"token\":\"" + TOKEN + "\"}}")));

    ManualClock clock = new ManualClock();
    RecordingScheduler scheduler = new RecordingScheduler(clock);
    PagerDuty.Builder b = WireMockSupport.builder(wm, clock, scheduler).apiToken(TOKEN)
        .from("ops@example.com");
    try (PagerDuty pd = b.build()) {
      texts.add(pd.toString());
      texts.add(ClientHooks.context(pd).transport().toString());
      texts.add(ClientHooks.context(pd).settings().toString());
      texts.add(pd.raw().get("/users/me").toString());
      pd.raw().get("/services/P1/integrations/PI1");
      fail(pd, ApiRequest.builder("GET", "/echo").endpoint("GET /echo").build());
      pd.raw().get("/flaky");
      var transport = ClientHooks.context(pd).transport();
      Futures.join(transport.send(ApiRequest.builder("POST", "/v2/enqueue")
          .api(ApiRequest.Api.EVENTS).rateLimitBucket("events:" + Secret.of(ROUTING_KEY)
              .fingerprint())
          .body(Map.of("routing_key", ROUTING_KEY, "event_action", "trigger",
              "payload", Map.of("summary", "disk full", "source", "db-1",
                  "severity", "critical"))).build()));
      fail(pd, ApiRequest.builder("POST", "/v2/enqueue").api(ApiRequest.Api.EVENTS)
          .body(("{\"routing_key\":\"" + ROUTING_KEY + "\",\"event_action\":\"resolve\"}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());
      Futures.join(transport.send(ApiRequest.builder("POST", "/retry-post").idempotent(true)
          .body(Map.of("nested", Map.of("password", "hunter2hunter2", "note",
              "uses " + TOKEN))).build()));
      fail(pd.withOptions(o -> o.from(null)), ApiRequest.builder("POST", "/incidents")
          .requiresFrom(true).body(Map.of()).build());
    }

    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (PagerDuty dead = PagerDuty.builder().apiUrl("http://127.0.0.1:" + closedPort)
        .oauthToken(OAUTH).retryPolicy(RetryPolicy.none()).build()) {
      texts.add(dead.toString());
      fail(dead, ApiRequest.builder("GET", "/users/me").build());
    }
    texts.add(Secret.of(TOKEN).toString());

    List<String> logged = new ArrayList<>();
    for (ILoggingEvent e : appender.list) {
      if (e.getLoggerName().startsWith("org.eclipse.jetty")
          || e.getLoggerName().startsWith("wiremock")
          || e.getLoggerName().startsWith("com.github.tomakehurst")) {
        continue;
      }
      logged.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        logged.add(t.getClassName() + ": " + t.getMessage());
        for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
          logged.add(s.getSTEAsString());
        }
      }
    }

    // the run really logged requests and bodies, so the check below is meaningful
    assertThat(logged).anyMatch(l -> l.contains("GET /users/me -> 200"));
    assertThat(logged).anyMatch(l -> l.contains("retries in 2000 ms"));
    assertThat(logged).anyMatch(l -> l.contains("request body") && l.contains("<redacted>")
        && l.contains("disk full"));
    assertThat(logged).anyMatch(l -> l.contains("response body") && l.contains("integration_key"));
    assertThat(texts).anyMatch(t -> t.contains("Invalid token <redacted>"));
    assertThat(texts).anyMatch(t -> t.contains("routing_key <redacted> is not valid"));

    List<String> all = new ArrayList<>(logged);
    all.addAll(texts);
    for (String secret : List.of(TOKEN, OAUTH, ROUTING_KEY, INTEGRATION_KEY, "hunter2hunter2")) {
      assertThat(all).as("no line may contain " + secret.substring(0, 4) + "...")
          .noneMatch(l -> l.contains(secret));
    }
  }
}
