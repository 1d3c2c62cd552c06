package dev.pdkit.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.errors.ApiException;
import dev.pdkit.errors.BadRequestException;
import dev.pdkit.errors.ConflictException;
import dev.pdkit.errors.DecodingException;
import dev.pdkit.errors.ForbiddenException;
import dev.pdkit.errors.NotFoundException;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.PaymentRequiredException;
import dev.pdkit.errors.RateLimitedException;
import dev.pdkit.errors.RequestTooLargeException;
import dev.pdkit.errors.ServerErrorException;
import dev.pdkit.errors.TransportException;
import dev.pdkit.errors.UnauthorizedException;
import dev.pdkit.errors.UnprocessableEntityException;
import dev.pdkit.errors.ValidationException;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.internal.Futures;
import dev.pdkit.support.ManualClock;
import dev.pdkit.support.RecordingScheduler;
import dev.pdkit.support.WireMockSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JdkHttpTransportTest {
  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  private PagerDuty pd;

  @BeforeEach
  void setUp() {
    pd = WireMockSupport.noRetries(wm);
  }

  @AfterEach
  void tearDown() {
    pd.close();
  }

  private ApiResponse send(PagerDuty client, ApiRequest req) {
    return Futures.join(ClientHooks.context(client).transport().send(req));
  }

  private ApiResponse send(ApiRequest req) {
    return send(pd, req);
  }

  @Test
  void send_restGet_sendsAuthAcceptAndUserAgentButNoContentType() {
    wm.stubFor(get("/services/P1").willReturn(okJson("{\"service\":{\"id\":\"P1\"}}")));

    ApiResponse r = send(ApiRequest.builder("GET", "/services/P1").endpoint("GET /services/{id}")
        .build());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("service").path("id").asText()).isEqualTo("P1");
    wm.verify(getRequestedFor(urlEqualTo("/services/P1"))
        .withHeader("Authorization", equalTo("Token token=" + WireMockSupport.TOKEN))
        .withHeader("Accept", equalTo("application/vnd.pagerduty+json;version=2"))
        .withHeader("User-Agent", matching("pdkit/\\S+ java/\\S+"))
        .withHeader("Content-Type", absent())
        .withHeader("From", absent()));
  }

  @Test
  void send_plainHttpLoopback_usesHttp11WithoutAnH2cUpgrade() {
    // The JDK client's default HTTP/2 mode would add "Upgrade: h2c" to every plain-http request;
    // loopback fakes never accept it and it costs latency on each round trip.
    wm.stubFor(get("/abilities").willReturn(okJson("{\"abilities\":[]}")));

    send(ApiRequest.builder("GET", "/abilities").build());

    wm.verify(getRequestedFor(urlEqualTo("/abilities"))
        .withHeader("Upgrade", absent())
        .withHeader("HTTP2-Settings", absent()));
  }

  @Test
  void send_oauthToken_sendsBearer() {
    wm.stubFor(get("/users/me").willReturn(okJson("{}")));
    try (PagerDuty oauth = PagerDuty.builder().apiUrl(wm.baseUrl()).oauthToken("oauthTok123")
        .build()) {
      send(oauth, ApiRequest.builder("GET", "/users/me").build());
    }
    wm.verify(getRequestedFor(urlEqualTo("/users/me"))
        .withHeader("Authorization", equalTo("Bearer oauthTok123")));
  }

  record Body(String serviceName, int numberOfThings) {}

  @Test
  void send_postWithBody_sendsSnakeCaseJsonAndContentType() {
    wm.stubFor(post("/things").willReturn(aResponse().withStatus(201).withBody("{\"ok\":true}")));

    ApiResponse r = send(ApiRequest.builder("POST", "/things").body(new Body("web", 3)).build());

    assertThat(r.status()).isEqualTo(201);
    wm.verify(postRequestedFor(urlEqualTo("/things"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"service_name\":\"web\",\"number_of_things\":3}")));
  }

  @Test
  void send_queryWithRepeatedKeys_encodesEveryValue() {
    wm.stubFor(get(urlPathEqualTo("/incidents")).willReturn(okJson("{}")));

    send(ApiRequest.builder("GET", "/incidents")
        .queryAll("statuses[]", List.of("triggered", "acknowledged"))
        .query("since", "2026-01-01T00:00:00+02:00").query("skipped", null).build());

    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> reqs =
        wm.findAll(getRequestedFor(urlPathEqualTo("/incidents")));
    assertThat(reqs).hasSize(1);
    assertThat(reqs.get(0).queryParameter("statuses[]").values())
        .containsExactly("triggered", "acknowledged");
    assertThat(reqs.get(0).queryParameter("since").firstValue())
        .isEqualTo("2026-01-01T00:00:00+02:00");
    assertThat(reqs.get(0).getUrl()).doesNotContain("skipped");
  }

  @Test
  void send_extraHeaders_areSentButCannotReplaceAuthorization() {
    wm.stubFor(get("/x").willReturn(okJson("{}")));

    send(ApiRequest.builder("GET", "/x").header("X-EARLY-ACCESS", "flex")
        .header("Authorization", "Token token=evil").build());

    wm.verify(getRequestedFor(urlEqualTo("/x")).withHeader("X-EARLY-ACCESS", equalTo("flex"))
        .withHeader("Authorization", equalTo("Token token=" + WireMockSupport.TOKEN)));
  }

  @Test
  void send_defaultFrom_isSent_andPerCallFromOverridesIt() {
    wm.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    PagerDuty withFrom = pd.withOptions(o -> o.from("ops@example.com"));

    send(withFrom, ApiRequest.builder("GET", "/a").build());
    send(withFrom, ApiRequest.builder("GET", "/b").from("alice@example.com").build());

    wm.verify(getRequestedFor(urlEqualTo("/a")).withHeader("From", equalTo("ops@example.com")));
    wm.verify(getRequestedFor(urlEqualTo("/b")).withHeader("From", equalTo("alice@example.com")));
  }

  @Test
  void send_requiresFromWithoutAny_failsBeforeSendingAndSaysHowToSetIt() {
    wm.stubFor(any(anyUrl()).willReturn(okJson("{}")));

    assertThatThrownBy(() -> send(ApiRequest.builder("POST", "/incidents")
        .endpoint("POST /incidents").requiresFrom(true).body(Map.of()).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("POST /incidents requires a From header")
        .hasMessageContaining("PagerDuty.builder().from(")
        .hasMessageContaining("PAGERDUTY_FROM")
        .satisfies(e -> assertThat(((ValidationException) e).problems().get(0).field())
            .isEqualTo("From"));
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void send_requiresFromWithPerCallFrom_isSent() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{}")));

    send(ApiRequest.builder("POST", "/incidents").requiresFrom(true).from("bob@example.com")
        .body(Map.of("incident", Map.of())).build());

    wm.verify(postRequestedFor(urlEqualTo("/incidents"))
        .withHeader("From", equalTo("bob@example.com")));
  }

  @Test
  void send_eventsApi_hasNoAuthorizationHeader() {
    wm.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202)
        .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}")));

    ApiResponse r = send(ApiRequest.builder("POST", "/v2/enqueue").api(ApiRequest.Api.EVENTS)
        .body(Map.of("routing_key", "R0123456789abcdef0123456789abcde", "event_action", "trigger"))
        .rateLimitBucket("events:abc").build());

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("dedup_key").asText()).isEqualTo("k");
    wm.verify(postRequestedFor(urlEqualTo("/v2/enqueue")).withHeader("Authorization", absent())
        .withHeader("Content-Type", equalTo("application/json")));
  }

  @Test
  void send_restWithoutToken_failsBeforeSending() {
    try (PagerDuty anonymous = PagerDuty.builder().apiUrl(wm.baseUrl()).build()) {
      assertThatThrownBy(() -> send(anonymous, ApiRequest.builder("GET", "/services").build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("PAGERDUTY_API_KEY");
    }
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void send_byteArrayBody_isSentAsIs() {
    wm.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202).withBody("{}")));
    byte[] raw = "{\"event_action\":\"resolve\",\"dedup_key\":\"d\"}".getBytes();

    send(ApiRequest.builder("POST", "/v2/enqueue").api(ApiRequest.Api.EVENTS).body(raw).build());

    wm.verify(postRequestedFor(urlEqualTo("/v2/enqueue"))
        .withRequestBody(equalTo(new String(raw))));
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(402, PaymentRequiredException.class),
        Arguments.of(403, ForbiddenException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(405, ApiException.class),
        Arguments.of(408, ApiException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(413, RequestTooLargeException.class),
        Arguments.of(422, UnprocessableEntityException.class),
        Arguments.of(429, RateLimitedException.class),
        Arguments.of(500, ServerErrorException.class),
        Arguments.of(502, ServerErrorException.class),
        Arguments.of(503, ServerErrorException.class),
        Arguments.of(504, ServerErrorException.class),
        Arguments.of(418, ApiException.class));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("statuses")
  void send_errorStatus_mapsToItsException(int status, Class<? extends ApiException> type) {
    wm.stubFor(get("/services/P1").willReturn(aResponse().withStatus(status)
        .withHeader("x-request-id", "req-42")
        .withBody("{\"error\":{\"code\":2001,\"message\":\"Invalid Input Provided\","
            + "\"errors\":[\"Name cannot be empty.\"]}}")));

    assertThatThrownBy(() -> send(ApiRequest.builder("GET", "/services/P1")
        .endpoint("GET /services/{id}").build()))
        .isExactlyInstanceOf(type)
        .satisfies(t -> {
          ApiException e = (ApiException) t;
          assertThat(e.status()).isEqualTo(status);
          assertThat(e.endpoint()).isEqualTo("GET /services/{id}");
          assertThat(e.errorCode()).hasValue(2001);
          assertThat(e.errorMessage()).hasValue("Invalid Input Provided");
          assertThat(e.errorMessages()).containsExactly("Name cannot be empty.");
          assertThat(e.requestId()).hasValue("req-42");
          assertThat(e.getMessage()).contains("GET /services/{id} failed with HTTP " + status)
              .contains("Invalid Input Provided").contains("(code 2001)")
              .contains("Name cannot be empty.").contains("req-42")
              .doesNotContain(WireMockSupport.TOKEN);
          assertThat(e.isRetryable()).isEqualTo(status == 408 || status == 429 || status >= 500);
        });
  }

  static Stream<Arguments> errorBodies() {
    return Stream.of(
        Arguments.of("{\"error\":{\"code\":2001,\"message\":\"Invalid\",\"errors\":\"one string\"}}",
            2001, "Invalid", List.of("one string")),
        Arguments.of("{\"error\":{\"message\":\"Invalid\",\"errors\":{\"layers[0].start\":"
            + "[\"is required\",\"must be a date\"],\"name\":[\"too long\"]}}}",
            null, "Invalid",
            List.of("layers[0].start: is required", "layers[0].start: must be a date",
                "name: too long")),
        Arguments.of("{\"error\":{\"code\":\"2100\",\"message\":\"Not Found\"}}", 2100, "Not Found",
            List.of()),
        Arguments.of("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}",
            null, "invalid event: Event object is invalid",
            List.of("Length of 'routing_key' is incorrect (should be 32 characters)")),
        Arguments.of("{\"error\":\"Something broke\"}", null, "Something broke", List.of()),
        Arguments.of("<html><body>Bad   Gateway</body></html>", null,
            "<html><body>Bad Gateway</body></html>", List.of()),
        Arguments.of("", null, null, List.of()),
        Arguments.of("{\"unexpected\":true}", null, "{\"unexpected\":true}", List.of()),
        Arguments.of("[1,2]", null, "[1,2]", List.of()));
  }

  @ParameterizedTest
  @MethodSource("errorBodies")
  void send_errorBodyQuirks_areParsed(String body, Integer code, String message,
      List<String> messages) {
    wm.stubFor(get("/e").willReturn(aResponse().withStatus(400).withBody(body)));

    assertThatThrownBy(() -> send(ApiRequest.builder("GET", "/e").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          if (code == null) {
            assertThat(e.errorCode()).isEmpty();
          } else {
            assertThat(e.errorCode()).hasValue(code);
          }
          assertThat(e.errorMessage().orElse(null)).isEqualTo(message);
          assertThat(e.errorMessages()).containsExactlyElementsOf(messages);
        });
  }

  @Test
  void send_tooManyRequests_carriesRetryAfter() {
    wm.stubFor(get("/r").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
        .withBody("{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}")));

    assertThatThrownBy(() -> send(ApiRequest.builder("GET", "/r").build()))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7));
          assertThat(e.getMessage()).contains("7000 ms");
        });
  }

  @Test
  void json_invalidBody_throwsDecodingException() {
    wm.stubFor(get("/bad").willReturn(aResponse().withStatus(200).withBody("<html>oops")));

    ApiResponse r = send(ApiRequest.builder("GET", "/bad").build());

    assertThatThrownBy(r::json).isInstanceOf(DecodingException.class)
        .hasMessageContaining("is the API URL pointing at PagerDuty");
    assertThatThrownBy(() -> r.as(Body.class)).isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> r.member("service", Body.class))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void member_missingField_throwsDecodingExceptionNamingIt() {
    wm.stubFor(get("/m").willReturn(okJson("{\"other\":{}}")));

    ApiResponse r = send(ApiRequest.builder("GET", "/m").build());

    assertThatThrownBy(() -> r.member("service", Body.class))
        .isInstanceOf(DecodingException.class).hasMessageContaining("'service'");
    assertThat(r.header("content-type")).isPresent();
    assertThat(r.headers()).isNotEmpty();
    assertThat(r.body()).isNotEmpty();
  }

  @Test
  void send_emptyResponse_givesMissingNode() {
    wm.stubFor(any(urlEqualTo("/d")).willReturn(aResponse().withStatus(204)));

    ApiResponse r = send(ApiRequest.builder("DELETE", "/d").build());

    assertThat(r.status()).isEqualTo(204);
    assertThat(r.json().isMissingNode()).isTrue();
  }

  @Test
  void send_connectionRefused_throwsTransportException() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (PagerDuty dead = PagerDuty.builder().apiUrl("http://127.0.0.1:" + port).apiToken("tok1")
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> send(dead, ApiRequest.builder("GET", "/services").build()))
          .isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.connectionRefused()).isTrue();
            assertThat(e.isTimeout()).isFalse();
            assertThat(e.getMessage()).contains("could not connect to http://127.0.0.1:" + port);
          });
    }
  }

  @Test
  void send_slowServer_throwsTimeoutTransportException() {
    wm.stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(1_000)));
    try (PagerDuty impatient = PagerDuty.builder().apiUrl(wm.baseUrl()).apiToken("tok1")
        .requestTimeout(Duration.ofMillis(200)).retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> send(impatient, ApiRequest.builder("GET", "/slow").build()))
          .isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.isTimeout()).isTrue();
            assertThat(e.connectionRefused()).isFalse();
            assertThat(e.getMessage()).contains("requestTimeout");
          });
    }
  }

  @Test
  void send_afterClose_failsWithoutSending() {
    pd.close();

    assertThatThrownBy(() -> send(ApiRequest.builder("GET", "/x").build()))
        .isInstanceOf(PagerDutyException.class).hasMessageContaining("closed");
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void send_unserialisableBody_failsWithClearError() {
    assertThatThrownBy(() -> send(ApiRequest.builder("POST", "/x").body(new Object()).build()))
        .isInstanceOf(PagerDutyException.class)
        .hasMessageContaining("cannot serialise the request body");
  }

  @Test
  void parseRetryAfter_acceptsSecondsAndHttpDates() {
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    assertThat(JdkHttpTransport.parseRetryAfter("5", now)).isEqualTo(Duration.ofSeconds(5));
    assertThat(JdkHttpTransport.parseRetryAfter("1.5", now)).isEqualTo(Duration.ofMillis(1500));
    assertThat(JdkHttpTransport.parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(JdkHttpTransport.parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now))
        .isEqualTo(Duration.ZERO);
    assertThat(JdkHttpTransport.parseRetryAfter("soon", now)).isNull();
    assertThat(JdkHttpTransport.parseRetryAfter("-3", now)).isNull();
  }

  @Test
  void uri_baseWithPathAndTrailingSlash_joinsCleanly() {
    assertThat(JdkHttpTransport.uri(java.net.URI.create("https://h/pd/"), "/services",
        Map.of("query", List.of("a b&c")))).hasToString("https://h/pd/services?query=a%20b%26c");
  }

  @Test
  void toString_neverShowsToken() {
    assertThat(ClientHooks.context(pd).transport().toString())
        .doesNotContain(WireMockSupport.TOKEN).contains("<redacted>");
    assertThat(pd.toString()).doesNotContain(WireMockSupport.TOKEN);
    assertThat(ApiRequest.builder("GET", "/x").endpoint("GET /x").build().toString())
        .isEqualTo("ApiRequest[GET /x]");
  }

  static ManualClock unused() {
    return new ManualClock();
  }

  static RecordingScheduler unusedScheduler() {
    return new RecordingScheduler(unused());
  }
}
