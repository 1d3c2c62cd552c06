package dev.pdkit.internal.crypto;

import dev.pdkit.errors.CryptoException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** AES-256-GCM with 96-bit nonces and 128-bit tags (Bouncy Castle lightweight API). */
public final class Aead {
  public static final int KEY_BYTES = 32;
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Aead() {}

  /** {@code n} random bytes from a shared {@link SecureRandom}. */
  public static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Encrypts; the result is ciphertext followed by the tag. */
  public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
    GCMModeCipher c = cipher(true, key, nonce, aad);
    byte[] out = new byte[c.getOutputSize(plaintext.length)];
    int n = c.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      c.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new CryptoException("AES-GCM encryption failed", e);
    }
    return out;
  }

  /**
   * Decrypts and authenticates.
   *
   * @throws CryptoException if the tag does not match (wrong key, wrong aad, or tampering)
   */
  public static byte[] open(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) {
    if (ciphertext.length < TAG_BYTES) {
      throw new CryptoException("ciphertext is truncated");
    }
    GCMModeCipher c = cipher(false, key, nonce, aad);
    byte[] out = new byte[c.getOutputSize(ciphertext.length)];
    int n = c.processBytes(ciphertext, 0, ciphertext.length, out, 0);
    try {
      c.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new CryptoException("authentication failed: wrong key, wrong context, or tampered data", e);
    }
    return out;
  }

  private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    }
    GCMModeCipher c = GCMBlockCipher.newInstance(AESEngine.newInstance());
    c.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, aad));
    return c;
  }
}
