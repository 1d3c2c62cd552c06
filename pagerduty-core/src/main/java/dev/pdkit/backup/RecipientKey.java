package dev.pdkit.backup;

import dev.pdkit.backup.internal.X25519Keys;
import java.util.Arrays;
import java.util.Objects;

/**
 * An X25519 public key an archive can be encrypted to. Holding only recipient keys, an automated
 * backup job can write archives it cannot read; whoever holds the matching {@link IdentityKey}
 * decrypts them.
 *
 * <p>Text form: a PEM {@code PUBLIC KEY} block (SubjectPublicKeyInfo, as written by {@code pdkit
 * backup keygen} and {@code openssl pkey -pubout}); {@link #parse(String)} also accepts one line of
 * base64 of the raw 32 bytes. Immutable and thread-safe; not secret.
 */
public final class RecipientKey {
  private final byte[] key;

  private RecipientKey(byte[] key) {
    this.key = key;
  }

  /**
   * Parses a public key from PEM or base64.
   *
   * @throws IllegalArgumentException if the text is not an X25519 public key
   */
  public static RecipientKey parse(String text) {
    Objects.requireNonNull(text, "text");
    return new RecipientKey(X25519Keys.parsePublic(text));
  }

  /** The key from its raw 32 bytes (copied). */
  public static RecipientKey ofBytes(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != X25519Keys.KEY_BYTES) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes, got " + raw.length);
    }
    return new RecipientKey(raw.clone());
  }

  /** The raw 32 bytes (a copy). */
  public byte[] bytes() {
    return key.clone();
  }

  /** 16 hex digits identifying this key (SHA-256 prefix); archives record it per recipient. */
  public String fingerprint() {
    return X25519Keys.fingerprint(key);
  }

  /** The PEM {@code PUBLIC KEY} block. */
  public String toPem() {
    return X25519Keys.publicPem(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecipientKey r && Arrays.equals(key, r.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "RecipientKey[" + fingerprint() + "]";
  }
}
