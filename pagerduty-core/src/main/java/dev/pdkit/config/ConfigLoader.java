package dev.pdkit.config;

import dev.pdkit.config.internal.ConfigEngine;
import dev.pdkit.config.internal.YamlReader;
import dev.pdkit.spi.CacheProvider;
import dev.pdkit.spi.CryptoProvider;
import dev.pdkit.spi.MasterKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Loads and validates a pdkit config folder.
 *
 * <pre>{@code
 * ConfigLoader loader = ConfigLoader.builder()
 *     .directory(Path.of("config"))
 *     .build();
 * DesiredState prod = loader.load("production");          // throws ConfigException listing every problem
 * ValidationResult r = loader.validate("staging");        // never throws for config problems
 * }</pre>
 *
 * <p>Defaults: variables for {@code ${VAR}} come from {@link System#getenv()}; the crypto provider
 * is {@link CryptoProvider#bouncyCastle} over {@link MasterKey#fromEnvironment} of those variables,
 * created only if an {@code enc:v1:} value is found; no parse cache. Each load reads the files
 * again; with a {@link Builder#cacheProvider cache} unchanged files (same content hash) are not
 * re-parsed.
 *
 * <p>Thread-safe; a loader holds no open resources.
 */
public final class ConfigLoader {
  /** Cache name used with the {@link CacheProvider}. */
  public static final String CACHE_NAME = "pdkit-config-parsed";

  private final Path directory;
  private final Map<String, String> env;
  private final @Nullable CryptoProvider crypto;
  private final ConfigEngine engine;

  private ConfigLoader(Builder b) {
    this.directory = b.directory;
    this.env = b.env;
    this.crypto = b.crypto;
    CacheProvider.Cache<YamlReader.ParsedFile> cache =
        b.cacheProvider == null ? null
            : b.cacheProvider.cache(CACHE_NAME, YamlReader.ParsedFile.class, Duration.ofHours(1), 10_000);
    this.engine =
        new ConfigEngine(
            new ConfigEngine.Settings(
                b.directory, b.env, this::cryptoOrNull, cache,
                new YamlReader.Limits(b.maxFileBytes, 100, 64, 2_000_000)));
  }

  /** A builder; {@link Builder#directory} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A loader for {@code directory} with the defaults. */
  public static ConfigLoader forDirectory(Path directory) {
    return builder().directory(directory).build();
  }

  /** The config folder. */
  public Path directory() {
    return directory;
  }

  /** Environments present under {@code environments/}, sorted. */
  public List<String> environments() {
    return engine.environments();
  }

  /**
   * Loads the environment named by the {@code ENVIRONMENT} variable.
   *
   * @throws ConfigException if {@code ENVIRONMENT} is not set or the config is invalid
   */
  public DesiredState load() {
    return load(environmentFromVariables());
  }

  /**
   * Loads, merges and validates one environment.
   *
   * @throws ConfigException listing every problem if there is at least one error
   */
  public DesiredState load(String environment) {
    Objects.requireNonNull(environment, "environment");
    ConfigEngine.Loaded loaded = engine.load(environment);
    if (loaded.state() == null) {
      throw new ConfigException(loaded.problems().list());
    }
    return loaded.state();
  }

  /** Like {@link #load(String)}, but returns the problems instead of throwing. */
  public ValidationResult validate(String environment) {
    Objects.requireNonNull(environment, "environment");
    ConfigEngine.Loaded loaded = engine.load(environment);
    return new ValidationResult(environment, loaded.problems().list(), loaded.state());
  }

  /** The {@code ENVIRONMENT} variable. */
  String environmentFromVariables() {
    String e = env.get("ENVIRONMENT");
    if (e == null || e.isBlank()) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(ConfigProblem.Severity.ERROR, directory.toString(), 0, 0, "",
                  "no environment given and ENVIRONMENT is not set",
                  "pass the environment (e.g. --environment production) or set ENVIRONMENT; known: "
                      + String.join(", ", environments()))));
    }
    return e.trim();
  }

  /** For the internal render/diff/rotate helpers in this package. */
  ConfigEngine engine() {
    return engine;
  }

  /**
   * The crypto provider: the configured one, else one over the master key in the variables, else
   * {@code null}.
   *
   * @throws IllegalArgumentException if {@code PDKIT_MASTER_KEY} is malformed
   */
  @Nullable CryptoProvider cryptoOrNull() {
    if (crypto != null) {
      return crypto;
    }
    return MasterKey.fromEnvironment(env).map(CryptoProvider::bouncyCastle).orElse(null);
  }

  /** Builds {@link ConfigLoader}s. */
  public static final class Builder {
    private @Nullable Path directory;
    private Map<String, String> env = System.getenv();
    private @Nullable CryptoProvider crypto;
    private @Nullable CacheProvider cacheProvider;
    private long maxFileBytes = 10L * 1024 * 1024;

    private Builder() {}

    /** The config folder (the one holding {@code pagerduty.yaml}). Required. */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Variables for {@code ${VAR}}, {@code ENVIRONMENT} and the master key (default: the process environment). */
    public Builder environmentVariables(Map<String, String> variables) {
      this.env = Map.copyOf(Objects.requireNonNull(variables, "variables"));
      return this;
    }

    /** Decrypts {@code enc:v1:} values (default: from {@code PDKIT_MASTER_KEY}/{@code PDKIT_PASSPHRASE}). */
    public Builder cryptoProvider(CryptoProvider crypto) {
      this.crypto = Objects.requireNonNull(crypto, "crypto");
      return this;
    }

    /** Caches parsed files by content hash (default: none). Use an in-process provider. */
    public Builder cacheProvider(CacheProvider cacheProvider) {
      this.cacheProvider = Objects.requireNonNull(cacheProvider, "cacheProvider");
      return this;
    }

    /** Largest accepted file (default 10 MiB). */
    public Builder maxFileBytes(long maxFileBytes) {
      if (maxFileBytes < 1) {
        throw new IllegalArgumentException("maxFileBytes must be positive");
      }
      this.maxFileBytes = maxFileBytes;
      return this;
    }

    /**
     * Builds the loader.
     *
     * @throws IllegalStateException naming every missing required setting
     */
    public ConfigLoader build() {
      List<String> missing = new ArrayList<>();
      if (directory == null) {
        missing.add("directory");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("ConfigLoader.builder() is missing: " + String.join(", ", missing));
      }
      return new ConfigLoader(this);
    }
  }
}
