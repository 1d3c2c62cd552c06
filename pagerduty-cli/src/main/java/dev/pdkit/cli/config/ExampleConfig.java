package dev.pdkit.cli.config;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.cli.Main;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.RenderedEvent;
import dev.pdkit.config.ValidationResult;
import dev.pdkit.events.EventResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The example config folder shipped in the CLI's resources ({@code pdkit/example-config/config}),
 * for {@code pdkit config example} and {@code pdkit demo}.
 */
public final class ExampleConfig {
  static final String ROOT = "/pdkit/example-config/config/";

  /** Every file of the example, relative to its config folder. */
  static final List<String> FILES = List.of(
      "pagerduty.yaml",
      "services/checkout.yaml",
      "environments/dev.yaml",
      "environments/staging.yaml",
      "environments/production.yaml",
      "templates/deploy-finished.mustache");

  private ExampleConfig() {}

  /** Copies the example into {@code dir} (created), returning {@code dir}. */
  public static Path writeTo(Path dir) {
    try {
      for (String f : FILES) {
        Path target = dir.resolve(f);
        Files.createDirectories(target.getParent());
        try (InputStream in = ExampleConfig.class.getResourceAsStream(ROOT + f)) {
          if (in == null) {
            throw new IllegalStateException("the CLI jar is missing " + ROOT + f);
          }
          Files.copy(in, target);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the example config to " + dir, e);
    }
  }

  /**
   * The config step of {@code pdkit demo}: writes the example to a temporary folder, validates
   * every environment, renders the example's {@code templates.db-down} event and sends it (then
   * resolves it) through {@code pd.events()} with {@code routingKey}. Prints to {@code out} only.
   *
   * @throws IllegalStateException if the bundled example does not validate (a packaging bug)
   */
  public static void demo(PrintStream out, PagerDuty pd, Secret routingKey) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("pdkit-demo-config");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the example config", e);
    }
    try {
      Path dir = writeTo(tmp.resolve("config"));
      ConfigLoader loader = ConfigLoader.builder().directory(dir).environmentVariables(Map.of()).build();
      out.println("7. Config as code: validated the bundled example config (" + FILES.size() + " files):");
      DesiredState production = null;
      for (String e : loader.environments()) {
        ValidationResult r = loader.validate(e);
        if (!r.isValid()) {
          throw new IllegalStateException("the bundled example config is invalid for " + e + ": " + r.errors());
        }
        DesiredState s = r.state();
        out.println("   " + e + ": valid, " + s.services().size() + " service(s) named "
            + s.services().stream().map(x -> "\"" + x.name() + "\"").collect(Collectors.joining(", "))
            + ", escalation policy loops " + s.escalationPolicies().get(0).numLoops());
        r.warnings().forEach(w -> out.println("     warning: " + w.message()));
        if (e.equals("production")) {
          production = s;
        }
      }
      if (production != null) {
        RenderedEvent rendered = production.templates().renderEvent("templates.db-down",
            Map.of("service", "checkout", "db", "orders", "host", "checkout-1.example.com"));
        EventResult sent = pd.events().trigger(
            rendered.toTrigger(routingKey).source("checkout-1.example.com").build());
        out.println("   templates.db-down rendered \"" + rendered.summary() + "\" (" + rendered.severity()
            + ") -> pd.events().trigger(...) -> " + sent.status());
        if (sent.dedupKey() != null) {
          pd.events().resolve(routingKey, sent.dedupKey());
        }
      }
    } finally {
      deleteTree(tmp);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder; the OS cleans it up
    }
  }

  /**
   * Validates every environment of the folder, printing one line per environment to {@code out}
   * and problems to {@code err}; returns {@link Main#OK} if all are valid, else {@link Main#USAGE}.
   */
  public static int validateAll(Path dir, Function<String, @Nullable String> env, PrintStream out, PrintStream err) {
    ConfigLoader loader = ConfigLoader.builder().directory(dir).environmentVariables(env).build();
    int code = Main.OK;
    for (String e : loader.environments()) {
      ValidationResult r = loader.validate(e);
      r.problems().forEach(err::println);
      if (r.isValid()) {
        out.println("config " + e + ": valid (" + r.state().services().size() + " services, "
            + r.state().escalationPolicies().size() + " escalation policies"
            + (r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " warning(s)") + ")");
      } else {
        out.println("config " + e + ": INVALID (" + r.errors().size() + " errors)");
        code = Main.USAGE;
      }
    }
    return code;
  }
}
