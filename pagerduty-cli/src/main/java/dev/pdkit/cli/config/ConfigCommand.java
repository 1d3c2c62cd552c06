package dev.pdkit.cli.config;

import dev.pdkit.Secret;
import dev.pdkit.cli.Main;
import dev.pdkit.cli.UsageException;
import dev.pdkit.config.ConfigDifference;
import dev.pdkit.config.ConfigException;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.ConfigProblem;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.ValidationResult;
import dev.pdkit.spi.CryptoProvider;
import dev.pdkit.spi.MasterKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pdkit config validate|render|diff|encrypt-value|rotate-key|example}.
 *
 * <p>Problems print to stderr one per line as {@code file:line:col: path: message (hint)}; an
 * invalid config exits with 2.
 */
@Command(
    name = "config",
    synopsisSubcommandLabel = "COMMAND",
    description = "Validate, render and diff the config folder; encrypt values and rotate the key.",
    subcommands = {
        ConfigCommand.Validate.class,
        ConfigCommand.Render.class,
        ConfigCommand.Diff.class,
        ConfigCommand.EncryptValue.class,
        ConfigCommand.RotateKey.class,
        ConfigCommand.Example.class
    },
    footer = {"",
        "Keys: PDKIT_MASTER_KEY (base64 of 32 bytes, e.g. `openssl rand -base64 32`) or PDKIT_PASSPHRASE;",
        "rotate-key reads the new key from PDKIT_NEW_MASTER_KEY or PDKIT_NEW_PASSPHRASE."})
public final class ConfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing command: validate, render, diff, encrypt-value, rotate-key or example");
  }

  /** {@code --config DIR}. */
  static final class Folder {
    @Option(names = {"--config", "-c"}, paramLabel = "DIR", defaultValue = "config",
        description = "The config folder, the one holding pagerduty.yaml (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("config");
  }

  /** {@code --environment E}, else {@code $ENVIRONMENT}. */
  static final class Env {
    @Option(names = {"--environment", "-e"}, paramLabel = "ENV",
        description = "Environment to load (default: $ENVIRONMENT).")
    @Nullable String environment;

    String resolve(Main main, ConfigLoader loader) {
      String e = environment != null ? environment : main.env("ENVIRONMENT");
      if (e == null) {
        throw new UsageException("no environment: pass --environment (one of "
            + String.join(", ", loader.environments()) + ") or set ENVIRONMENT");
      }
      return e.trim();
    }
  }

  /** A loader for {@code dir} reading {@code ${VAR}} and the key variables from {@code main}'s environment. */
  public static ConfigLoader loader(Main main, Path dir) {
    for (String name : List.of(MasterKey.ENV_MASTER_KEY, MasterKey.ENV_PASSPHRASE)) {
      String v = main.env(name);
      if (v != null) {
        main.registerSecret(v);
      }
    }
    return ConfigLoader.builder().directory(dir).environmentVariables(main::env).build();
  }

  /** Prints every problem (errors, then warnings) to stderr and returns the exit code for them. */
  public static int report(PrintStream err, List<ConfigProblem> problems) {
    boolean invalid = false;
    for (ConfigProblem p : problems) {
      err.println(p);
      invalid |= p.isError();
    }
    return invalid ? Main.USAGE : Main.OK;
  }

  @Command(name = "validate", description = "Check the config of one environment; exit 0 if valid, 2 if not.")
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Folder folder;
    @Mixin Env env;

    @Override
    public Integer call() {
      Main main = Main.from(spec);
      ConfigLoader loader = loader(main, folder.dir);
      String environment = env.resolve(main, loader);
      ValidationResult r = loader.validate(environment);
      int code = report(main.err(), r.problems());
      if (code == Main.OK) {
        DesiredState s = r.state();
        main.out().println(folder.dir + ": environment " + environment + " is valid ("
            + s.services().size() + " services, " + s.escalationPolicies().size() + " escalation policies, "
            + s.schedules().size() + " schedules, " + s.teams().size() + " teams, " + s.users().size() + " users"
            + (r.warnings().isEmpty() ? "" : "; " + r.warnings().size() + " warning" + (r.warnings().size() == 1 ? "" : "s"))
            + ")");
      } else {
        main.err().println("pdkit: " + r.errors().size() + " error" + (r.errors().size() == 1 ? "" : "s")
            + " in " + folder.dir + " for environment " + environment);
      }
      return code;
    }
  }

  @Command(name = "render", description = "Print the effective merged config of one environment as YAML (secrets <redacted>).")
  static final class Render implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Folder folder;
    @Mixin Env env;

    @Override
    public Integer call() {
      Main main = Main.from(spec);
      ConfigLoader loader = loader(main, folder.dir);
      try {
        main.out().print(loader.render(env.resolve(main, loader)));
        return Main.OK;
      } catch (ConfigException e) {
        return report(main.err(), e.problems());
      }
    }
  }

  @Command(name = "diff", description = "Show what differs between the effective configs of two environments.")
  static final class Diff implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Folder folder;

    @Parameters(index = "0", paramLabel = "ENV_A", description = "First environment, e.g. staging.")
    String left;

    @Parameters(index = "1", paramLabel = "ENV_B", description = "Second environment, e.g. production.")
    String right;

    @Override
    public Integer call() {
      Main main = Main.from(spec);
      try {
        List<ConfigDifference> d = loader(main, folder.dir).diff(left, right);
        d.forEach(x -> main.out().println(x.format()));
        if (d.isEmpty()) {
          main.err().println("pdkit: " + left + " and " + right + " have the same effective config");
        }
        return Main.OK;
      } catch (ConfigException e) {
        return report(main.err(), e.problems());
      }
    }
  }

  @Command(name = "encrypt-value",
      description = "Encrypt a value read from stdin (or --from-file) and print enc:v1:... for the config.")
  static final class EncryptValue implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Folder folder;

    @Option(names = "--from-file", paramLabel = "FILE", description = "Read the value from FILE instead of stdin.")
    @Nullable Path fromFile;

    /** Where the value is read from when there is no --from-file; tests replace it. */
    static InputStream stdin = System.in;

    @Override
    public Integer call() throws IOException {
      Main main = Main.from(spec);
      byte[] raw;
      if (fromFile != null) {
        if (!Files.isRegularFile(fromFile)) {
          throw new UsageException("--from-file: " + fromFile + " is not a readable file");
        }
        raw = Files.readAllBytes(fromFile);
      } else {
        raw = stdin.readNBytes(64 * 1024);
      }
      String value = new String(raw, StandardCharsets.UTF_8);
      if (value.endsWith("\n")) {
        value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
      }
      if (value.isBlank()) {
        throw new UsageException("nothing to encrypt: pipe the value on stdin or pass --from-file");
      }
      main.registerSecret(value);
      try {
        main.out().println(loader(main, folder.dir).encryptValue(Secret.of(value)));
        return Main.OK;
      } catch (ConfigException e) {
        return report(main.err(), e.problems());
      }
    }
  }

  @Command(name = "rotate-key",
      description = "Re-encrypt every enc:v1: value in the folder's YAML files under the new key"
          + " (PDKIT_NEW_MASTER_KEY or PDKIT_NEW_PASSPHRASE); everything else in the files stays as it is.")
  static final class RotateKey implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Folder folder;

    @Override
    public Integer call() {
      Main main = Main.from(spec);
      Map<String, String> next = new java.util.HashMap<>();
      String key = main.env("PDKIT_NEW_MASTER_KEY");
      String pass = main.env("PDKIT_NEW_PASSPHRASE");
      if (key != null) {
        main.registerSecret(key);
        next.put(MasterKey.ENV_MASTER_KEY, key);
      }
      if (pass != null) {
        main.registerSecret(pass);
        next.put(MasterKey.ENV_PASSPHRASE, pass);
      }
      MasterKey newKey = MasterKey.fromEnvironment(next).orElseThrow(() -> new UsageException(
          "no new key: set PDKIT_NEW_MASTER_KEY (base64 of 32 bytes) or PDKIT_NEW_PASSPHRASE"));
      try {
        Map<Path, Integer> counts = loader(main, folder.dir).rotateKey(CryptoProvider.bouncyCastle(newKey));
        int total = 0;
        for (Map.Entry<Path, Integer> e : counts.entrySet()) {
          main.out().println(e.getKey() + ": re-encrypted " + e.getValue() + " value" + (e.getValue() == 1 ? "" : "s"));
          total += e.getValue();
        }
        main.err().println("pdkit: re-encrypted " + total + " value" + (total == 1 ? "" : "s")
            + "; now use the new key as PDKIT_MASTER_KEY / PDKIT_PASSPHRASE");
        return Main.OK;
      } catch (ConfigException e) {
        return report(main.err(), e.problems());
      }
    }
  }

  @Command(name = "example",
      description = "Write the bundled example config folder to DIR (default ./config) and validate it.")
  static final class Example implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "config",
        description = "Where to write it; must not exist yet (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("config");

    @Override
    public Integer call() throws IOException {
      Main main = Main.from(spec);
      if (Files.exists(out)) {
        throw new UsageException("--out: " + out + " already exists; choose a new folder");
      }
      ExampleConfig.writeTo(out);
      main.out().println("wrote the example config to " + out);
      return ExampleConfig.validateAll(out, main::env, main.out(), main.err());
    }
  }
}
