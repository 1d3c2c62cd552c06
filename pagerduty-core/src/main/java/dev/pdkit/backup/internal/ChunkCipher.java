package dev.pdkit.backup.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens one payload chunk. Encrypted archives use AES-256-GCM through the JDK provider
 * (it uses the AES-NI and carry-less multiply intrinsics, several times faster than a pure-Java GCM
 * on the multi-megabyte payloads of a backup); unencrypted archives append a truncated SHA-256 so
 * that damage is still detected (integrity only: anyone can recompute it).
 */
public abstract class ChunkCipher {
  public static final int TAG_BYTES = 16;
  public static final int NONCE_BYTES = 12;

  /** Thrown by {@link #open} when a chunk does not authenticate. */
  public static final class BadChunk extends Exception {
    private static final long serialVersionUID = 1L;

    BadChunk() {
      super(null, null, false, false);
    }
  }

  final byte[] aad;

  ChunkCipher(byte[] aad) {
    this.aad = aad.clone();
  }

  /** AES-256-GCM under {@code key} with {@code aad} bound to every chunk. */
  public static ChunkCipher aesGcm(byte[] key, byte[] aad) {
    return new Gcm(key, aad);
  }

  /** No encryption; a 16-byte SHA-256 tag over {@code aad}, nonce and plaintext. */
  public static ChunkCipher integrityOnly(byte[] aad) {
    return new Hashed(aad);
  }

  /** The nonce of chunk {@code index}: 11-byte big-endian counter, then 1 if final else 0. */
  public static byte[] nonce(long index, boolean last) {
    byte[] n = new byte[NONCE_BYTES];
    for (int i = 0; i < 8; i++) {
      n[10 - i] = (byte) (index >>> (8 * i));
    }
    n[11] = (byte) (last ? 1 : 0);
    return n;
  }

  /** plaintext[0..len) sealed: ciphertext followed by a 16-byte tag. */
  public abstract byte[] seal(long index, boolean last, byte[] plaintext, int len);

  /** Opens {@code sealed}; returns the plaintext. */
  public abstract byte[] open(long index, boolean last, byte[] sealed) throws BadChunk;

  private static final class Gcm extends ChunkCipher {
    private final SecretKeySpec key;
    private final Cipher cipher;

    Gcm(byte[] key, byte[] aad) {
      super(aad);
      this.key = new SecretKeySpec(key, "AES");
      try {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES/GCM/NoPadding is required by every JDK", e);
      }
    }

    @Override
    public byte[] seal(long index, boolean last, byte[] plaintext, int len) {
      try {
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(index, last)));
        cipher.updateAAD(aad);
        return cipher.doFinal(plaintext, 0, len);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM encryption failed", e);
      }
    }

    @Override
    public byte[] open(long index, boolean last, byte[] sealed) throws BadChunk {
      try {
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(index, last)));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed);
      } catch (AEADBadTagException e) {
        throw new BadChunk();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM decryption failed", e);
      }
    }
  }

  private static final class Hashed extends ChunkCipher {
    private static final byte[] LABEL = "pdkit-backup-v1 none".getBytes(StandardCharsets.US_ASCII);

    Hashed(byte[] aad) {
      super(aad);
    }

    private byte[] tag(long index, boolean last, byte[] plaintext, int len) {
      MessageDigest md = sha256();
      md.update(LABEL);
      md.update(aad);
      md.update(nonce(index, last));
      md.update(plaintext, 0, len);
      return Arrays.copyOf(md.digest(), TAG_BYTES);
    }

    @Override
    public byte[] seal(long index, boolean last, byte[] plaintext, int len) {
      byte[] out = Arrays.copyOf(plaintext, len + TAG_BYTES);
      System.arraycopy(tag(index, last, plaintext, len), 0, out, len, TAG_BYTES);
      return out;
    }

    @Override
    public byte[] open(long index, boolean last, byte[] sealed) throws BadChunk {
      int len = sealed.length - TAG_BYTES;
      byte[] expected = tag(index, last, sealed, len);
      if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(sealed, len, sealed.length))) {
        throw new BadChunk();
      }
      return Arrays.copyOf(sealed, len);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
