package dev.pdkit.cli.config;

import dev.pdkit.cli.Main;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
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
