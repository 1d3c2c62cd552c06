package dev.pdkit.spi;

import dev.pdkit.internal.crypto.EnvelopeCryptoProvider;
import java.util.Objects;

/**
 * Encrypts and decrypts small values (config secrets, backup keys) into self-describing text
 * tokens. The default, {@link #bouncyCastle(MasterKey)}, writes {@code enc:v1:...} tokens: AES-256-GCM
 * with a fresh random data key per value, the data key wrapped (AES-256-GCM) by a key-encryption
 * key derived from the {@link MasterKey}.
 *
 * <p>{@code aad} is authenticated but not encrypted: decryption fails unless the same bytes are
 * given again, which binds a token to its purpose (config values use {@code "pdkit:config:v1"}).
 *
 * <p>Implementations must be thread-safe. A KMS- or Vault-backed provider only has to implement
 * these two methods.
 */
public interface CryptoProvider {

  /** The token prefix of the built-in format. */
  String TOKEN_PREFIX = "enc:v1:";

  /**
   * Encrypts {@code plaintext}.
   *
   * @return a printable token (for the built-in provider {@code enc:v1:} followed by base64url)
   * @throws dev.pdkit.errors.CryptoException if encryption fails
   */
  String encrypt(byte[] plaintext, byte[] aad);

  /**
   * Decrypts a token made by {@link #encrypt}.
   *
   * @throws dev.pdkit.errors.CryptoException if the token is malformed, was made with another key,
   *     or was tampered with; the message says which
   */
  byte[] decrypt(String token, byte[] aad);

  /**
   * The built-in provider on Bouncy Castle (envelope AES-256-GCM; passphrase keys stretched with
   * Argon2id). See {@code docs/config.md#secrets} for the token layout.
   */
  static CryptoProvider bouncyCastle(MasterKey masterKey) {
    Objects.requireNonNull(masterKey, "masterKey");
    return new EnvelopeCryptoProvider(masterKey);
  }
}
