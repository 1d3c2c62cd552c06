package dev.pdkit.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.HKDFParameters;

/** Key derivation: Argon2id for passphrases, HKDF-SHA256 for deriving subkeys from keys. */
public final class Kdf {
  private Kdf() {}

  /**
   * Argon2id (version 0x13) of a passphrase.
   *
   * @param passphrase UTF-8 bytes of the passphrase
   * @param salt at least 16 random bytes, stored beside the output's use
   * @param memoryKiB memory cost in KiB
   * @param iterations time cost
   * @param parallelism lanes
   * @param length output bytes
   */
  public static byte[] argon2id(
      byte[] passphrase, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(memoryKiB)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(passphrase, out);
    return out;
  }

  /** HKDF-SHA256 (RFC 5869) with a UTF-8 info string. */
  public static byte[] hkdfSha256(byte[] ikm, byte[] salt, String info, int length) {
    return hkdfSha256(ikm, salt, info.getBytes(StandardCharsets.UTF_8), length);
  }

  /** HKDF-SHA256 (RFC 5869). */
  public static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator gen = new HKDFBytesGenerator(new SHA256Digest());
    gen.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    gen.generateBytes(out, 0, length);
    return out;
  }

  /** SHA-256. */
  public static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
