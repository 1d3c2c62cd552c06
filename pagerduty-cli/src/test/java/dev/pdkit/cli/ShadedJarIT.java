package dev.pdkit.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the shaded {@code target/pdkit.jar} with {@code java -jar}, proving the packaging. */
class ShadedJarIT {
  static final String KEY = "0123456789abcdef0123456789abcdef";
  static final Path JAR = Path.of("target", "pdkit.jar");
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

  record Result(int exitCode, String out, String err) {}

  static Result java(Map<String, String> env, String... args) throws Exception {
    assertThat(JAR).as("run mvn package first").exists();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("PAGERDUTY_") || k.equals("LOG_LEVEL"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("pdkit-out", ".txt");
    Path err = Files.createTempFile("pdkit-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("pdkit did not finish within 60 s");
      }
      return new Result(p.exitValue(), read(out), read(err));
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void javaJar_trigger_printsAcceptedAnswer() throws Exception {
    String accepted =
        "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k-1\"}";
    server.stubFor(post(urlEqualTo("/v2/enqueue"))
        .willReturn(aResponse().withStatus(202).withBody(accepted)));
    Result r = java(Map.of("PAGERDUTY_ROUTING_KEY", KEY),
        "--events-url", "http://127.0.0.1:" + server.port(),
        "events", "trigger", "--summary", "from the jar", "--source", "it", "--severity", "info",
        "--dedup-key", "k-1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().trim()).isEqualTo(accepted);
    assertThat(r.err()).doesNotContain(KEY);
    server.verify(postRequestedFor(urlEqualTo("/v2/enqueue")));
  }

  @Test
  void javaJar_traceLogging_neverShowsRoutingKeyOrToken() throws Exception {
    server.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
        .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
    String token = "y_NbAkKc66ryYTWUXYEu";
    Result r = java(Map.of("PAGERDUTY_ROUTING_KEY", KEY, "PAGERDUTY_API_KEY", token,
            "LOG_LEVEL", "trace"),
        "--events-url", "http://127.0.0.1:" + server.port(),
        "events", "trigger", "--summary", "trace me", "--source", "it", "--severity", "info");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("TRACE", "/v2/enqueue", "routing_key");
    assertThat(r.out() + r.err()).doesNotContain(KEY).doesNotContain(token);
  }

  @Test
  void javaJar_missingSummary_exits2WithOneLine() throws Exception {
    Result r = java(Map.of("PAGERDUTY_ROUTING_KEY", KEY), "events", "trigger",
        "--source", "it", "--severity", "info");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().filter(l -> !l.isBlank()).toList()).singleElement().asString()
        .startsWith("pdkit: error: ").contains("payload.summary");
  }

  @Test
  void javaJar_demo_runsTheTourAndExits0() throws Exception {
    Result r = java(Map.of(), "demo");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("incident #\\d+ is resolved");
  }

  @Test
  void javaJar_version_exits0() throws Exception {
    Result r = java(Map.of(), "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("pdkit 0.");
  }
}
