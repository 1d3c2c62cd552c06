package dev.pdkit.cli;

import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.FakeServerMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdkit fake serve}: the testkit's fake PagerDuty as a standalone server. */
@Command(
    name = "fake",
    description = "Run the in-memory fake PagerDuty (REST v2, Events v2, /_fake/ control API).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = FakeCommand.Serve.class)
public final class FakeCommand {
  private FakeCommand() {}

  /** {@code pdkit fake serve --port N --token T --user EMAIL}. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = {"Serve a fake PagerDuty on 127.0.0.1 until stopped (Ctrl-C).",
          "Prints 'listening on http://127.0.0.1:PORT' once ready. REST v2 is at the root,",
          "Events v2 at /v2/enqueue and /v2/change/enqueue, controls under /_fake/.",
          "--token (the global option) is the API token the fake accepts; without one it"
              + " accepts any token."})
  static final class Serve implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
        description = "Port to listen on; 0 (the default) picks a free one.")
    int port;

    @Option(names = "--user", paramLabel = "EMAIL",
        description = "A user to create (repeatable); the first is an admin.")
    List<String> users = new ArrayList<>();

    @Option(names = "--read-only-token", paramLabel = "TOKEN",
        description = "A token allowed only GET calls (repeatable).")
    List<String> readOnlyTokens = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Main main = Main.from(spec);
      // The fake's JDK HTTP server reads this when its classes load: without it, small
      // responses wait ~40 ms for delayed ACKs (see FakeServerMain).
      System.setProperty("sun.net.httpserver.nodelay", "true");
      List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
      String token = main.tokenOption();
      if (token != null) {
        main.registerSecret(token);
        args.addAll(List.of("--token", token));
      }
      for (String t : readOnlyTokens) {
        main.registerSecret(t);
        args.addAll(List.of("--read-only-token", t));
      }
      for (String u : users) {
        args.addAll(List.of("--user", u));
      }
      FakePagerDuty.@Nullable Builder builder;
      try {
        builder = FakeServerMain.parse(args.toArray(String[]::new), main.out());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage(), e);
      }
      if (builder == null) {
        return Main.OK;
      }
      FakePagerDuty fake = builder.start();
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        fake.close();
        stopped.countDown();
      }, "pdkit-fake-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      main.out().println("listening on " + fake.baseUrl());
      main.out().flush();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        // Stopped by the embedding code (tests); the process case ends in the hook.
        Thread.currentThread().interrupt();
      } finally {
        fake.close();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting and runs the hook itself
        }
      }
      return Main.OK;
    }
  }
}
