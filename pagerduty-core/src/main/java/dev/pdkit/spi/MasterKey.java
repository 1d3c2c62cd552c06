package dev.pdkit.spi;

import dev.pdkit.Secret;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The key that protects encrypted values: either 32 random bytes, or a passphrase stretched with
 * Argon2id (salt and parameters travel in each token). Never printed: {@link #toString()} is
 * {@code <redacted>}.
 *
 * <p>From the environment ({@link #fromEnvironment(Map)}): {@code PDKIT_MASTER_KEY} (base64 of 32
 * bytes, e.g. {@code openssl rand -base64 32}) wins over {@code PDKIT_PASSPHRASE}.
 */
public final class MasterKey {
  /** Environment variable holding a base64 32-byte key. */
  public static final String ENV_MASTER_KEY = "PDKIT_MASTER_KEY";

  /** Environment variable holding a passphrase. */
  public static final String ENV_PASSPHRASE = "PDKIT_PASSPHRASE";

  private final byte @Nullable [] rawKey;
  private final @Nullable Secret passphrase;
  private final Argon2 argon2;

  private MasterKey(byte @Nullable [] rawKey, @Nullable Secret passphrase, Argon2 argon2) {
    this.rawKey = rawKey;
    this.passphrase = passphrase;
    this.argon2 = argon2;
  }

  /**
   * Argon2id cost parameters for passphrase keys.
   *
   * @param memoryKiB memory in KiB (8..262144)
   * @param iterations passes (1..10)
   * @param parallelism lanes (1..8)
   */
  public record Argon2(int memoryKiB, int iterations, int parallelism) {
    /** 64 MiB, 3 passes, 1 lane: RFC 9106's second recommended option with one lane. */
    public static final Argon2 DEFAULT = new Argon2(65536, 3, 1);

    public Argon2 {
      if (memoryKiB < 8 * Math.max(1, parallelism) || memoryKiB > 262144) {
        throw new IllegalArgumentException("Argon2 memoryKiB must be between 8*parallelism and 262144");
      }
      if (iterations < 1 || iterations > 10) {
        throw new IllegalArgumentException("Argon2 iterations must be between 1 and 10");
      }
      if (parallelism < 1 || parallelism > 8) {
        throw new IllegalArgumentException("Argon2 parallelism must be between 1 and 8");
      }
    }
  }

  /** A raw 32-byte key (copied). */
  public static MasterKey ofBytes(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != 32) {
      throw new IllegalArgumentException("a master key must be 32 bytes, got " + key.length);
    }
    return new MasterKey(key.clone(), null, Argon2.DEFAULT);
  }

  /**
   * A raw key from base64 (standard or URL alphabet).
   *
   * @throws IllegalArgumentException if it is not base64 of exactly 32 bytes
   */
  public static MasterKey fromBase64(Secret base64) {
    Objects.requireNonNull(base64, "base64");
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.reveal().trim().replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          ENV_MASTER_KEY + " is not valid base64; create one with: openssl rand -base64 32");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          ENV_MASTER_KEY + " must be base64 of 32 bytes, got " + key.length + " bytes; create one with: openssl rand -base64 32");
    }
    return ofBytes(key);
  }

  /** A passphrase, stretched with Argon2id {@link Argon2#DEFAULT}. */
  public static MasterKey fromPassphrase(Secret passphrase) {
    return fromPassphrase(passphrase, Argon2.DEFAULT);
  }

  /** A passphrase, stretched with the given Argon2id parameters (recorded in every token). */
  public static MasterKey fromPassphrase(Secret passphrase, Argon2 argon2) {
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(argon2, "argon2");
    return new MasterKey(null, passphrase, argon2);
  }

  /**
   * The key named by {@code PDKIT_MASTER_KEY} or else {@code PDKIT_PASSPHRASE} in {@code env}, if
   * either is set and not blank.
   *
   * @throws IllegalArgumentException if {@code PDKIT_MASTER_KEY} is set but malformed
   */
  public static Optional<MasterKey> fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String key = env.get(ENV_MASTER_KEY);
    if (key != null && !key.isBlank()) {
      return Optional.of(fromBase64(Secret.of(key)));
    }
    String pass = env.get(ENV_PASSPHRASE);
    if (pass != null && !pass.isBlank()) {
      return Optional.of(fromPassphrase(Secret.of(pass)));
    }
    return Optional.empty();
  }

  /** True for a passphrase key. */
  public boolean isPassphrase() {
    return passphrase != null;
  }

  /** The raw key bytes (a copy); only for raw keys. */
  public byte[] rawKey() {
    if (rawKey == null) {
      throw new IllegalStateException("a passphrase key has no raw bytes");
    }
    return rawKey.clone();
  }

  /** The passphrase; only for passphrase keys. */
  public Secret passphrase() {
    if (passphrase == null) {
      throw new IllegalStateException("not a passphrase key");
    }
    return passphrase;
  }

  /** The Argon2id parameters used for new tokens of a passphrase key. */
  public Argon2 argon2() {
    return argon2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MasterKey other
        && Arrays.equals(rawKey, other.rawKey)
        && Objects.equals(passphrase, other.passphrase)
        && argon2.equals(other.argon2);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(rawKey), passphrase, argon2);
  }

  @Override
  public String toString() {
    return "<redacted>";
  }
}
