package dev.pdkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsCommandTest {
  static final String KEY = "0123456789abcdef0123456789abcdef";
  static final String ACCEPTED =
      "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"srv-key\"}";
  static WireMockServer server;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
  }

  String eventsUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  CliRun pdkit(String... args) {
    return CliRun.of(Map.of("PAGERDUTY_ROUTING_KEY", KEY, "PAGERDUTY_EVENTS_URL", eventsUrl()),
        args);
  }

  void accept(String path) {
    server.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody(ACCEPTED)));
  }

  @Test
  void trigger_accepted_printsAnswerAndExits0() {
    accept("/v2/enqueue");
    CliRun run = pdkit("events", "trigger", "--summary", "Disk full", "--source", "db-1",
        "--severity", "critical", "--dedup-key", "disk-db-1", "--component", "disk",
        "--group", "db", "--class", "capacity", "--custom-details", "{\"free_bytes\":0}",
        "--link", "https://e.com/runbook|Runbook", "--image", "https://e.com/g.png|https://e.com|graph",
        "--client", "Monitor", "--client-url", "https://monitor.e.com",
        "--timestamp", "2015-07-17T08:42:58.315+0000");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().trim()).isEqualTo(ACCEPTED);
    assertThat(run.err()).isEmpty();
    server.verify(postRequestedFor(urlEqualTo("/v2/enqueue")).withRequestBody(equalToJson("""
        {"routing_key":"%s","event_action":"trigger","dedup_key":"disk-db-1",
         "payload":{"summary":"Disk full","source":"db-1","severity":"critical",
           "timestamp":"2015-07-17T08:42:58.315Z","component":"disk","group":"db",
           "class":"capacity","custom_details":{"free_bytes":0}},
         "images":[{"src":"https://e.com/g.png","href":"https://e.com","alt":"graph"}],
         "links":[{"href":"https://e.com/runbook","text":"Runbook"}],
         "client":"Monitor","client_url":"https://monitor.e.com"}
        """.formatted(KEY))));
  }

  @Test
  void trigger_withoutDedupKey_sendsGeneratedUuid() {
    accept("/v2/enqueue");
    CliRun run = pdkit("events", "trigger", "--summary", "s", "--source", "h",
        "--severity", "info");
    assertThat(run.exitCode()).as(run.err()).isZero();
    server.verify(postRequestedFor(urlEqualTo("/v2/enqueue")).withRequestBody(
        matchingJsonPath("$.dedup_key", com.github.tomakehurst.wiremock.client.WireMock.matching(
            "[0-9a-f-]{36}"))));
  }

  @Test
  void acknowledgeAndResolve_sendActionAndKey() {
    accept("/v2/enqueue");
    assertThat(pdkit("events", "acknowledge", "--dedup-key", "k1").exitCode()).isZero();
    assertThat(pdkit("events", "resolve", "--dedup-key", "k1", "--routing-key", KEY).exitCode())
        .isZero();
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).getBodyAsString()).contains("\"event_action\":\"acknowledge\"",
        "\"dedup_key\":\"k1\"").doesNotContain("payload");
    assertThat(requests.get(1).getBodyAsString()).contains("\"event_action\":\"resolve\"");
  }

  @Test
  void change_postsToChangeEnqueue() {
    server.stubFor(post(urlEqualTo("/v2/change/enqueue")).willReturn(aResponse().withStatus(202)
        .withBody("{\"status\":\"success\",\"message\":\"Change event processed\"}")));
    CliRun run = pdkit("events", "change", "--summary", "deployed v2", "--source", "ci",
        "--link", "https://ci.e.com/1", "--custom-details", "{\"build\":\"220\"}");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().trim())
        .isEqualTo("{\"status\":\"success\",\"message\":\"Change event processed\"}");
    server.verify(postRequestedFor(urlEqualTo("/v2/change/enqueue")).withRequestBody(
        equalToJson("{\"routing_key\":\"" + KEY + "\",\"payload\":{\"summary\":\"deployed v2\","
            + "\"source\":\"ci\",\"custom_details\":{\"build\":\"220\"}},"
            + "\"links\":[{\"href\":\"https://ci.e.com/1\"}]}")));
  }

  @Test
  void trigger_missingSummary_exits2WithOneLineNamingField() {
    CliRun run = pdkit("events", "trigger", "--source", "h", "--severity", "info");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("pdkit: error: ").contains("payload.summary");
    assertThat(run.out()).isEmpty();
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void trigger_summaryOf2000WithRejectPolicy_exits2NamingField() {
    CliRun run = pdkit("events", "trigger", "--summary", "s".repeat(2000), "--source", "h",
        "--severity", "info");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("pdkit: error: ").contains("payload.summary", "2,000", "--truncate");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void trigger_summaryOf2000WithTruncate_sends1024Chars() {
    accept("/v2/enqueue");
    CliRun run = pdkit("events", "trigger", "--summary", "s".repeat(2000), "--source", "h",
        "--severity", "info", "--truncate");
    assertThat(run.exitCode()).as(run.err()).isZero();
    server.verify(postRequestedFor(urlEqualTo("/v2/enqueue")).withRequestBody(
        matchingJsonPath("$.payload.summary",
            com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                "s".repeat(1023) + "\u2026"))));
  }

  @Test
  void trigger_noRoutingKey_exits2SayingHowToProvideIt() {
    CliRun run = CliRun.of(Map.of("PAGERDUTY_EVENTS_URL", eventsUrl()), "events", "trigger",
        "--summary", "s", "--source", "h", "--severity", "info");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .contains("--routing-key", "PAGERDUTY_ROUTING_KEY");
  }

  @Test
  void trigger_serverErrorAfterRetries_exits1WithoutSecret() {
    // Retry-After: 0 keeps the transport's real backoff out of the test's run time.
    server.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(500)
        .withHeader("Retry-After", "0").withBody("{\"status\":\"error\",\"message\":\"boom\"}")));
    CliRun run = pdkit("events", "trigger", "--summary", "s", "--source", "h",
        "--severity", "info");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().startsWith("pdkit: error: ")
        .doesNotContain(KEY);
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/v2/enqueue"))).size())
        .isGreaterThan(1);
  }

  @Test
  void trigger_badRequest_exits1ListingPagerDutysErrors() {
    server.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(400)
        .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}")));
    CliRun run = pdkit("events", "trigger", "--summary", "s", "--source", "h",
        "--severity", "info");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString()
        .contains("Length of 'routing_key' is incorrect");
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")))).hasSize(1);
  }

  @Test
  void trigger_badSeverity_exits2NamingField() {
    CliRun run = pdkit("events", "trigger", "--summary", "s", "--source", "h",
        "--severity", "high");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .contains("payload.severity", "critical, error, warning, info");
  }

  @Test
  void trigger_badCustomDetailsAndTimestamp_exit2NamingField() {
    CliRun run = pdkit("events", "trigger", "--summary", "s", "--source", "h",
        "--severity", "info", "--custom-details", "{nope");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("payload.custom_details");
    CliRun ts = pdkit("events", "trigger", "--summary", "s", "--source", "h",
        "--severity", "info", "--timestamp", "yesterday");
    assertThat(ts.exitCode()).isEqualTo(2);
    assertThat(ts.errLines()).singleElement().asString().contains("payload.timestamp");
  }

  @Test
  void wrongLengthRoutingKey_exits2WithoutPrintingIt() {
    String key = "secret-routing-key-31-chars-xxx";
    CliRun run = pdkit("events", "change", "--routing-key", key, "--summary", "s");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("routing_key")
        .doesNotContain(key);
  }

  @Test
  void unknownOption_exits2WithOneLineAndHelpHint_redactingSecrets() {
    CliRun run = pdkit("events", "trigger", "--routing-key", KEY, "--sumary", KEY);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("pdkit: error: ").contains("--sumary", "pdkit events trigger --help")
        .doesNotContain(KEY);
  }

  @Test
  void verbose_addsStackTrace() {
    CliRun run = pdkit("--verbose", "events", "trigger", "--source", "h", "--severity", "info");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines().get(0)).contains("payload.summary");
    assertThat(run.errLines().size()).isGreaterThan(1);
    assertThat(run.err()).contains("\tat ").doesNotContain(KEY);
  }
}
