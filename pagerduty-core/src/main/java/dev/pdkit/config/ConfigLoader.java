package dev.pdkit.config;

import dev.pdkit.Secret;
import dev.pdkit.config.internal.ConfigEngine;
import dev.pdkit.config.internal.EffectiveTree;
import dev.pdkit.config.internal.KeyRotation;
import dev.pdkit.config.internal.StateBuilder;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Function;
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
  private final Function<String, @Nullable String> env;
  private final @Nullable CryptoProvider crypto;
  private final ConfigEngine engine;
  private final long maxFileBytes;

  private ConfigLoader(Builder b) {
    this.directory = b.directory;
    this.env = b.env;
    this.crypto = b.crypto;
    this.maxFileBytes = b.maxFileBytes;
    CacheProvider.Cache<YamlReader.ParsedFile> cache =
        b.cacheProvider == null ? null
            : b.cacheProvider.cache(CACHE_NAME, YamlReader.ParsedFile.class, Duration.ofHours(1), 10_000);
    this.engine =
        new ConfigEngine(
            new ConfigEngine.Settings(
                b.directory, b.env, this::cryptoOrNull, cache,
                new YamlReader.Limits(b.maxFileBytes, 50, 64, 2_000_000, 100_000)));
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

  /**
   * The effective config of one environment as YAML: base, service files and overlay merged,
   * {@code remove} applied, {@code ${VAR}}s substituted, every secret printed as
   * {@code <redacted>}.
   *
   * @throws ConfigException if the config is invalid
   */
  public String render(String environment) {
    Objects.requireNonNull(environment, "environment");
    ConfigEngine.Loaded loaded = engine.load(environment);
    if (loaded.state() == null || loaded.merged() == null) {
      throw new ConfigException(loaded.problems().list());
    }
    return EffectiveTree.render(loaded.merged(), loaded.secretNodes());
  }

  /**
   * What differs between the effective configs of two environments (the {@code environment} name
   * itself is left out). Secrets compare by value and show as {@code <redacted:fingerprint>}.
   *
   * @throws ConfigException if either config is invalid (problems of both are listed)
   */
  public List<ConfigDifference> diff(String left, String right) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    ConfigEngine.Loaded a = engine.load(left);
    ConfigEngine.Loaded b = engine.load(right);
    if (a.state() == null || b.state() == null) {
      List<ConfigProblem> all = new ArrayList<>(a.problems().list());
      all.addAll(b.problems().list());
      throw new ConfigException(all);
    }
    return EffectiveTree.diff(a.merged(), a.secretNodes(), b.merged(), b.secretNodes()).stream()
        .map(d -> new ConfigDifference(d.path(), d.left(), d.right()))
        .toList();
  }

  /**
   * Encrypts a value for pasting into the config ({@code secrets: {name: enc:v1:...}}).
   *
   * @throws ConfigException if no key is configured
   */
  public String encryptValue(Secret plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    return requireCrypto().encrypt(plaintext.reveal().getBytes(StandardCharsets.UTF_8), StateBuilder.CONFIG_AAD);
  }

  /**
   * Re-encrypts every {@code enc:v1:} value in the folder's YAML files from the current key (the
   * configured provider, else the key in the variables) to {@code newKey}; every other byte of the
   * files stays as it was. Nothing is written unless every value decrypts.
   *
   * @return how many values were re-encrypted, by file
   * @throws ConfigException naming file:line:col of each value the current key cannot decrypt
   */
  public Map<Path, Integer> rotateKey(CryptoProvider newKey) {
    Objects.requireNonNull(newKey, "newKey");
    return KeyRotation.rotate(directory, requireCrypto(), newKey, maxFileBytes);
  }

  private CryptoProvider requireCrypto() {
    CryptoProvider p;
    try {
      p = cryptoOrNull();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, MasterKey.ENV_MASTER_KEY, 0, 0, "",
          String.valueOf(e.getMessage()), "create a key with: openssl rand -base64 32")));
    }
    if (p == null) {
      throw new ConfigException(List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, directory.toString(), 0, 0, "",
          "no encryption key is configured", "set PDKIT_MASTER_KEY (base64 of 32 bytes) or PDKIT_PASSPHRASE")));
    }
    return p;
  }

  /** The {@code ENVIRONMENT} variable. */
  String environmentFromVariables() {
    String e = env.apply("ENVIRONMENT");
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
    Map<String, String> keys = new java.util.HashMap<>();
    for (String name : List.of(MasterKey.ENV_MASTER_KEY, MasterKey.ENV_PASSPHRASE)) {
      String v = env.apply(name);
      if (v != null) {
        keys.put(name, v);
      }
    }
    return MasterKey.fromEnvironment(keys).map(CryptoProvider::bouncyCastle).orElse(null);
  }

  /** Builds {@link ConfigLoader}s. */
  public static final class Builder {
    private @Nullable Path directory;
    private Function<String, @Nullable String> env = System::getenv;
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
      Map<String, String> copy = Map.copyOf(Objects.requireNonNull(variables, "variables"));
      this.env = copy::get;
      return this;
    }

    /**
     * Variables as a lookup (name to value, {@code null} when unset), e.g. a command line's
     * environment.
     */
    public Builder environmentVariables(Function<String, @Nullable String> lookup) {
      this.env = Objects.requireNonNull(lookup, "lookup");
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
