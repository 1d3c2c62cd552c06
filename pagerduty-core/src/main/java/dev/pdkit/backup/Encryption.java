package dev.pdkit.backup;

import dev.pdkit.Secret;
import dev.pdkit.spi.MasterKey;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a new archive is encrypted: with a passphrase, to one or more X25519 recipients, or
 * (explicitly) not at all. Immutable and thread-safe; {@link #toString()} never shows the
 * passphrase.
 *
 * <pre>{@code
 * Encryption.passphrase(Secret.of(System.getenv("PDKIT_BACKUP_PASSPHRASE")))
 * Encryption.recipients(List.of(RecipientKey.parse(Files.readString(Path.of("backup.pub")))))
 * }</pre>
 */
public final class Encryption {
  private final EncryptionMode mode;
  private final @Nullable Secret passphrase;
  private final MasterKey.Argon2 argon2;
  private final List<RecipientKey> recipients;

  private Encryption(EncryptionMode mode, @Nullable Secret passphrase, MasterKey.Argon2 argon2,
      List<RecipientKey> recipients) {
    this.mode = mode;
    this.passphrase = passphrase;
    this.argon2 = argon2;
    this.recipients = recipients;
  }

  /** A passphrase stretched with Argon2id at {@link MasterKey.Argon2#DEFAULT} (64 MiB, 3 passes). */
  public static Encryption passphrase(Secret passphrase) {
    return passphrase(passphrase, MasterKey.Argon2.DEFAULT);
  }

  /** A passphrase stretched with the given Argon2id cost (recorded in the archive header). */
  public static Encryption passphrase(Secret passphrase, MasterKey.Argon2 argon2) {
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(argon2, "argon2");
    return new Encryption(EncryptionMode.PASSPHRASE, passphrase, argon2, List.of());
  }

  /**
   * To each of these public keys; any one matching {@link IdentityKey} decrypts. The writer needs
   * no secret at all.
   *
   * @throws IllegalArgumentException if {@code recipients} is empty
   */
  public static Encryption recipients(List<RecipientKey> recipients) {
    Objects.requireNonNull(recipients, "recipients");
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("encrypting to recipients needs at least one public key");
    }
    return new Encryption(EncryptionMode.RECIPIENTS, null, MasterKey.Argon2.DEFAULT,
        List.copyOf(new java.util.LinkedHashSet<>(recipients)));
  }

  /**
   * No encryption: anyone who can read the file reads every record, including integration keys.
   * Damage is still detected; forgery is not. Use only where the storage itself is protected.
   */
  public static Encryption none() {
    return new Encryption(EncryptionMode.NONE, null, MasterKey.Argon2.DEFAULT, List.of());
  }

  public EncryptionMode mode() {
    return mode;
  }

  /** The recipients (empty unless {@link EncryptionMode#RECIPIENTS}). */
  public List<RecipientKey> recipients() {
    return recipients;
  }

  /** The Argon2id cost used for {@link EncryptionMode#PASSPHRASE}. */
  public MasterKey.Argon2 argon2() {
    return argon2;
  }

  @Nullable Secret passphraseSecret() {
    return passphrase;
  }

  @Override
  public String toString() {
    return switch (mode) {
      case NONE -> "Encryption[none]";
      case PASSPHRASE -> "Encryption[passphrase <redacted>, " + argon2 + "]";
      case RECIPIENTS -> "Encryption[x25519 " + recipients.stream().map(RecipientKey::fingerprint).toList() + "]";
    };
  }
}
