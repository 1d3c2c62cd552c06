package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Starts the shaded standalone jar as a separate process, as the README does. */
class FakeServerMainIT {

  private static Path standaloneJar() throws Exception {
    try (Stream<Path> files = Files.list(Paths.get("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("pagerduty-testkit-.*-standalone\\.jar"))
          .findFirst().orElseThrow(() -> new AssertionError("run mvn package first: no standalone jar in target/"));
    }
  }

  private static Process start(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(standaloneJar().toString());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
  }

  @Test
  void standaloneJar_printsListeningLineAndServesRestAndEvents() throws Exception {
    Process p = start("--port", "0", "--token", "it-token", "--user", "ops@example.com", "--read-only-token", "ro");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(30, TimeUnit.SECONDS);
      assertThat(line).matches("listening on http://127\\.0\\.0\\.1:\\d+");
      assertThat(p.getErrorStream().available()).as("nothing on stderr at startup").isZero();
      String base = line.substring("listening on ".length());
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      var users = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/users"))
          .header("Authorization", "Token token=it-token").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(users.statusCode()).isEqualTo(200);
      assertThat(users.body()).contains("ops@example.com").contains("\"role\":\"admin\"");
      var ro = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/teams"))
          .header("Authorization", "Token token=ro").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(ro.statusCode()).isEqualTo(403);
      var state = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/_fake/clock/advance?seconds=60"))
          .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(state.body()).contains("\"now\"");
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void standaloneJar_badArguments_exit2WithOneLine() throws Exception {
    Process p = start("--port", "not-a-port");
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(err.lines().toList()).hasSize(1);
    assertThat(err).startsWith("pdkit fake: --port must be a number");
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Process busy = start("--port", Integer.toString(taken.getLocalPort()));
      assertThat(busy.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(busy.exitValue()).isEqualTo(1);
      assertThat(new String(busy.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("pdkit fake: cannot start");
    }
    Process q = start("--frobnicate");
    assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(q.exitValue()).isEqualTo(2);
    assertThat(new File("target").isDirectory()).isTrue();
  }
}
