package dev.pdkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FakeCommandTest {
  static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

  @Test
  void serve_printsListeningLine_servesRestWithToken_stopsOnInterrupt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server = new Thread(() -> exit.set(Main.run(
        new String[] {"fake", "serve", "--port", "0", "--token", "fake-token",
            "--user", "ops@example.com"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())));
    server.start();
    try {
      String base = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (base == null && System.nanoTime() < deadline && server.isAlive()) {
        Matcher m = LISTENING.matcher(out.toString(StandardCharsets.UTF_8));
        if (m.find()) {
          base = m.group(1);
        } else {
          Thread.sleep(20);
        }
      }
      assertThat(base).as("listening line; stderr: %s", err).isNotNull();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> users = http.send(HttpRequest.newBuilder(URI.create(base + "/users"))
          .header("Authorization", "Token token=fake-token")
          .header("Accept", "application/vnd.pagerduty+json;version=2").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(users.statusCode()).isEqualTo(200);
      assertThat(users.body()).contains("ops@example.com");
      HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(
          URI.create(base + "/users")).header("Authorization", "Token token=other").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(wrongToken.statusCode()).isEqualTo(401);
    } finally {
      server.interrupt();
      server.join(10_000);
    }
    assertThat(server.isAlive()).isFalse();
    assertThat(exit).hasValue(0);
  }

  @Test
  void serve_badPort_exits2WithOneLine() {
    CliRun run = CliRun.of(Map.of(), "fake", "serve", "--port", "70000");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("pdkit: error: ")
        .contains("port");
  }
}
