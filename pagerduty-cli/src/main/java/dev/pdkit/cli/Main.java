package dev.pdkit.cli;

import dev.pdkit.PagerDuty;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code pdkit}: the command line entry point.
 *
 * <p>To add a subcommand, write its class (annotated {@code @Command}) and append it to {@link
 * #COMMANDS}. Inside it, {@code Main.from(spec)} gives the global options, the environment, the
 * output streams and a lazily built {@link PagerDuty} client, closed when the command ends.
 */
@Command(
    name = "pdkit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "PagerDuty as code: send events, manage and check PagerDuty from the command line.",
    footer = {"",
        "Environment: PAGERDUTY_API_KEY, PAGERDUTY_API_URL, PAGERDUTY_EVENTS_URL,",
        "PAGERDUTY_ROUTING_KEY, PAGERDUTY_FROM, LOG_LEVEL (trace|debug|info|warn|error).",
        "Exit codes: 0 success, 1 the operation failed, 2 bad usage or invalid input."})
public final class Main implements Callable<Integer> {
  /** Exit code of a successful command. */
  public static final int OK = 0;
  /** Exit code when the operation failed (API or transport error). */
  public static final int FAILED = 1;
  /** Exit code for bad usage or invalid input. */
  public static final int USAGE = 2;

  /** Every top-level subcommand, in help order. Add yours with one line. */
  static final List<Class<?>> COMMANDS = List.of(
      dev.pdkit.cli.backup.BackupCommand.class,
      DemoCommand.class,
      EventsCommand.class,
      FakeCommand.class,
      dev.pdkit.cli.config.ConfigCommand.class,
      dev.pdkit.cli.deploy.DeployCommand.class,
      dev.pdkit.cli.deploy.AuditCommand.class,
      OnCallCommand.class,
      HealthCommand.class);

  private static final Set<String> SECRET_OPTIONS = Set.of("--token", "--routing-key");
  private static final Set<String> SECRET_ENV = Set.of("PAGERDUTY_API_KEY", "PAGERDUTY_ROUTING_KEY");
  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

  @Option(names = "--api-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "REST API base URL (default: $PAGERDUTY_API_URL, else https://api.pagerduty.com).")
  @Nullable String apiUrl;

  @Option(names = "--events-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Events API base URL (default: $PAGERDUTY_EVENTS_URL, else https://events.pagerduty.com).")
  @Nullable String eventsUrl;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
      description = "REST API token (default: $PAGERDUTY_API_KEY). Not needed to send events.")
  @Nullable String token;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Log at DEBUG and print stack traces with errors.")
  boolean verbose;

  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final List<String> secretValues = new ArrayList<>();
  private @Nullable PagerDuty client;

  private Main(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
    for (String name : SECRET_ENV) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        secretValues.add(v);
      }
    }
  }

  /** Runs {@code pdkit} in the real process and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * Runs {@code pdkit} with the given arguments, streams and environment; returns the exit code.
   * Never throws and never calls {@code System.exit}, so tests can run it in-process.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    Objects.requireNonNull(args, "args");
    Main main = new Main(env, out, err);
    main.rememberSecretArguments(args);
    CommandLine cl = new CommandLine(main);
    for (Class<?> command : COMMANDS) {
      cl.addSubcommand(command);
    }
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(main::onParameterError);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> main.onFailure(ex));
    cl.setExecutionStrategy(parseResult -> {
      try {
        main.configureLogging();
      } catch (UsageException e) {
        return main.onFailure(e);
      }
      return new CommandLine.RunLast().execute(parseResult);
    });
    try {
      return cl.execute(args);
    } finally {
      main.closeClient();
    }
  }

  /** The {@code Main} of the command line {@code spec} belongs to. */
  public static Main from(CommandSpec spec) {
    return (Main) spec.root().userObject();
  }

  /** Without a subcommand: show the usage on stderr, exit 2. */
  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** Standard output; commands print their result here. */
  public PrintStream out() {
    return out;
  }

  /** Standard error; for progress and warnings (errors are printed by {@code Main}). */
  public PrintStream err() {
    return err;
  }

  /** Whether {@code --verbose} was given. */
  public boolean verbose() {
    return verbose;
  }

  /** The {@code --token} option as given, without the environment fallback; null if absent. */
  public @Nullable String tokenOption() {
    return token;
  }

  /** An environment variable; null when unset or blank. */
  public @Nullable String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  /**
   * Registers a value that must never be printed (e.g. a key read from a file), so that error
   * output replaces it with {@code <redacted>}.
   */
  public void registerSecret(String value) {
    if (!value.isBlank()) {
      secretValues.add(value);
    }
  }

  /**
   * The client configured from the global options and environment; built on first use and
   * closed when the command ends. A REST token is optional (events need none).
   *
   * @throws UsageException if a URL option or variable is malformed
   */
  public PagerDuty client() {
    if (client == null) {
      PagerDuty.Builder b = PagerDuty.builder();
      String t = token != null ? token : env("PAGERDUTY_API_KEY");
      if (t != null && !t.isBlank()) {
        b.apiToken(t);
      }
      URI api = uri("--api-url", apiUrl, "PAGERDUTY_API_URL");
      if (api != null) {
        b.apiUrl(api);
      }
      URI events = uri("--events-url", eventsUrl, "PAGERDUTY_EVENTS_URL");
      if (events != null) {
        b.eventsUrl(events);
      }
      String from = env("PAGERDUTY_FROM");
      if (from != null) {
        b.from(from);
      }
      client = b.build();
    }
    return client;
  }

  private @Nullable URI uri(String option, @Nullable String value, String variable) {
    String text = value != null ? value : env(variable);
    String source = value != null ? option : variable;
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text.trim());
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new URISyntaxException(text, "not an absolute http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException(source + ": '" + text + "' is not an absolute URL such as"
          + " https://api.pagerduty.com or http://127.0.0.1:8080");
    }
  }

  private void closeClient() {
    PagerDuty c = client;
    client = null;
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        err.println("pdkit: warning: closing the client failed: " + redact(e.getMessage()));
      }
    }
  }

  private void configureLogging() {
    String level = verbose ? "debug" : env("LOG_LEVEL");
    if (level == null) {
      level = "warn";
    }
    level = level.trim().toLowerCase(Locale.ROOT);
    if (level.equals("warning")) {
      level = "warn";
    }
    if (!LEVELS.contains(level)) {
      throw new UsageException("LOG_LEVEL: unknown level '" + level
          + "': use trace, debug, info, warn or error");
    }
    // slf4j-simple reads these once, when the first logger is made; nothing logs before this.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
  }

  private int onParameterError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String hint = " (see '" + cl.getCommandSpec().qualifiedName() + " --help')";
    err.println("pdkit: error: " + redact(ex.getMessage()) + hint);
    if (verbose) {
      printTrace(ex);
    }
    return USAGE;
  }

  private int onFailure(Exception ex) {
    Failure f = Failure.of(ex);
    err.println("pdkit: error: " + redact(f.message()));
    if (verbose) {
      printTrace(ex);
    } else if (f.exitCode() == FAILED && f.unexpected()) {
      err.println("pdkit: run with --verbose for details");
    }
    return f.exitCode();
  }

  private void printTrace(Throwable ex) {
    StringWriter trace = new StringWriter();
    ex.printStackTrace(new PrintWriter(trace));
    err.print(redact(trace.toString()));
  }

  /** Replaces every known secret value in {@code text} with {@code <redacted>}. */
  String redact(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String result = text;
    for (String s : secretValues) {
      result = result.replace(s, "<redacted>");
    }
    return result;
  }

  private void rememberSecretArguments(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      for (String option : SECRET_OPTIONS) {
        if (a.equals(option) && i + 1 < args.length) {
          registerSecret(args[i + 1]);
        } else if (a.startsWith(option + "=")) {
          registerSecret(a.substring(option.length() + 1));
        }
      }
    }
  }

  /** {@code --version}: the version the jar was built as. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"pdkit " + p.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version")};
    }
  }
}
