package dev.pdkit.backup;

import dev.pdkit.Secret;
import dev.pdkit.backup.internal.X25519Keys;
import java.util.Objects;

/**
 * An X25519 private key that decrypts archives encrypted to its {@link #recipient()}. Secret:
 * {@link #toString()} shows only the public fingerprint; keep the PEM in a file readable only by
 * its owner.
 *
 * <p>Text form: a PEM {@code PRIVATE KEY} block (PKCS#8, as written by {@code pdkit backup keygen}
 * and {@code openssl genpkey -algorithm X25519}). Immutable and thread-safe.
 */
public final class IdentityKey {
  private final byte[] key;
  private final RecipientKey recipient;

  private IdentityKey(byte[] key) {
    this.key = key;
    this.recipient = RecipientKey.ofBytes(X25519Keys.publicKey(key));
  }

  /** A new random key pair. */
  public static IdentityKey generate() {
    return new IdentityKey(X25519Keys.newPrivateKey());
  }

  /**
   * Parses a private key from PEM (or base64 of the raw 32 bytes).
   *
   * @throws IllegalArgumentException if the text is not an X25519 private key (the message never
   *     contains the text)
   */
  public static IdentityKey parse(Secret text) {
    Objects.requireNonNull(text, "text");
    return new IdentityKey(X25519Keys.parsePrivate(text.reveal()));
  }

  /** The public half: give it to backup jobs. */
  public RecipientKey recipient() {
    return recipient;
  }

  /** The PEM {@code PRIVATE KEY} block, as a {@link Secret}. */
  public Secret toPem() {
    return Secret.of(X25519Keys.privatePem(key));
  }

  /**
   * Writes {@link #toPem()} to {@code file}, readable by the owner only where the file system has
   * POSIX permissions; never overwrites.
   *
   * @throws java.nio.file.FileAlreadyExistsException when the file exists
   */
  public void writePrivateKey(java.nio.file.Path file) throws java.io.IOException {
    dev.pdkit.internal.SecretFiles.createOwnerOnly(file, X25519Keys.privatePem(key));
  }

  /** The raw 32 bytes (a copy). For the archive code; never log them. */
  byte[] bytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "IdentityKey[" + recipient.fingerprint() + ", <redacted>]";
  }
}
