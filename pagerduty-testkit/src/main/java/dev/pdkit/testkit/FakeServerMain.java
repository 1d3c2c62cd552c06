package dev.pdkit.testkit;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone entry point: {@code java -jar pagerduty-testkit-<version>-standalone.jar --port 8080
 * --token T --user ops@example.com}. Prints {@code listening on http://127.0.0.1:PORT} once ready
 * and serves until killed. Bad arguments exit with status 2, a port that cannot be bound with
 * status 1, each with one line on stderr.
 *
 * <p>Options: {@code --port N} (0 or absent = a free port), {@code --token T} (repeatable),
 * {@code --read-only-token T} (repeatable), {@code --user EMAIL} (repeatable; the first is an admin),
 * {@code --help}. The standalone clock flows with real time (advance it with
 * {@code POST /_fake/clock/advance?seconds=N}).
 */
public final class FakeServerMain {
  private FakeServerMain() {}

  /** Runs the server until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    // must be set before the JDK HTTP server classes load (see FakeServer)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // the fat jar ships no SLF4J provider; keep stderr for our own one-line errors
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    FakePagerDuty fake;
    try {
      FakePagerDuty.Builder b = parse(args, System.out);
      if (b == null) {
        return;
      }
      fake = b.start();
    } catch (IllegalArgumentException e) {
      System.err.println("pdkit fake: " + e.getMessage());
      System.exit(2); // bad usage
      return;
    } catch (java.io.UncheckedIOException e) {
      System.err.println("pdkit fake: " + e.getMessage());
      System.exit(1); // e.g. the port is taken
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "pdkit-fake-shutdown"));
    System.out.println("listening on " + fake.baseUrl());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  /**
   * Parses the command line into a builder (clock flowing with real time); null after printing
   * help.
   *
   * @throws IllegalArgumentException with a one-line message on bad arguments
   */
  public static FakePagerDuty.@org.jspecify.annotations.Nullable Builder parse(String[] args, PrintStream out) {
    FakePagerDuty.Builder b = FakePagerDuty.builder().clock(java.time.Clock.systemUTC());
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "--help", "-h" -> {
          out.println("usage: java -jar pagerduty-testkit-standalone.jar [--port N] [--token T]... "
              + "[--read-only-token T]... [--user EMAIL]...");
          return null;
        }
        case "--port", "--token", "--read-only-token", "--user" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(a + " needs a value");
            }
            value = args[++i];
          }
          switch (a) {
            case "--port" -> {
              int port;
              try {
                port = Integer.parseInt(value);
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number within 0..65535, got '" + value + "'");
              }
              b.port(port);
            }
            case "--token" -> b.token(value);
            case "--read-only-token" -> b.readOnlyToken(value);
            default -> b.user(value);
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'; try --help");
      }
    }
    return b;
  }
}
