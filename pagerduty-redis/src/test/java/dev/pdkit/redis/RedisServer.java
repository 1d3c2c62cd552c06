package dev.pdkit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process on a free loopback port, with its own temp directory, no
 * persistence. {@link #close()} stops it and deletes the directory; {@link #kill()} kills it with
 * SIGKILL (a crash) and {@link #restart()} starts it again on the same port.
 */
final class RedisServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private Process process;

  private RedisServer(int port, Path dir, List<String> extraArgs) throws IOException {
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
    this.process = launch();
  }

  /** Starts a standalone server. */
  static RedisServer start(String... extraArgs) {
    try {
      Path dir = Files.createTempDirectory("pdkit-redis-");
      RedisServer s = new RedisServer(freePort(), dir, List.of(extraArgs));
      RedisTestSupport.track(s);
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start redis-server (is it installed? the build runs"
              + " pagerduty-redis/src/test/scripts/ensure-redis.sh): "
              + e.getMessage(),
          e);
    }
  }

  int port() {
    return port;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  private Process launch() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("redis-server");
    cmd.add("--port");
    cmd.add(Integer.toString(port));
    cmd.add("--bind");
    cmd.add("127.0.0.1");
    cmd.add("--save");
    cmd.add("");
    cmd.add("--appendonly");
    cmd.add("no");
    cmd.add("--dir");
    cmd.add(dir.toString());
    cmd.addAll(extraArgs);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("redis-server exited at start: " + log());
      }
      if ("+PONG".equals(command(port, "PING"))) {
        return p;
      }
      sleep(20);
    }
    p.destroyForcibly();
    throw new IOException("redis-server did not answer PING within " + START_TIMEOUT + ": " + log());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Kills the process with SIGKILL, as a crash would. */
  void kill() {
    process.destroyForcibly();
    waitFor(process);
  }

  /** Starts the server again on the same port (after {@link #kill()}). */
  void restart() {
    try {
      process = launch();
    } catch (IOException e) {
      throw new IllegalStateException("cannot restart redis-server on port " + port, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    if (!waitFor(process)) {
      process.destroyForcibly();
      waitFor(process);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // temp dir cleanup is best effort
    }
  }

  private static boolean waitFor(Process p) {
    try {
      return p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  /**
   * Sends one inline command over a raw socket and returns the first reply line, or null if nothing
   * answers. Used to probe servers without a client library.
   */
  static String command(int port, String inline) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    } catch (IOException e) {
      return null;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return "redis-server:" + port;
  }
}
