package dev.pdkit.backup.internal;

import dev.pdkit.internal.crypto.Kdf;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 raw keys and their PEM forms (the same SubjectPublicKeyInfo / PKCS#8 DER that OpenSSL
 * writes for {@code openssl genpkey -algorithm X25519}, so keys interoperate with it).
 */
public final class X25519Keys {
  public static final int KEY_BYTES = 32;

  // DER prefixes of SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo for OID 1.3.101.110 (X25519).
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b656e032100");
  private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b656e04220420");
  private static final SecureRandom RANDOM = new SecureRandom();

  private X25519Keys() {}

  /** A new random private key (32 bytes, clamped when used). */
  public static byte[] newPrivateKey() {
    byte[] k = new byte[KEY_BYTES];
    X25519.generatePrivateKey(RANDOM, k);
    return k;
  }

  /** The public key of a private key. */
  public static byte[] publicKey(byte[] privateKey) {
    byte[] pub = new byte[KEY_BYTES];
    X25519.generatePublicKey(privateKey, 0, pub, 0);
    return pub;
  }

  /**
   * The shared secret of a private and a public key.
   *
   * @throws IllegalArgumentException if the public key is a low-order point (all-zero result)
   */
  public static byte[] agree(byte[] privateKey, byte[] publicKey) {
    byte[] shared = new byte[KEY_BYTES];
    if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, shared, 0)) {
      throw new IllegalArgumentException("X25519 agreement with a low-order public key");
    }
    return shared;
  }

  /** Short id of a public key: the first 8 bytes of its SHA-256, as 16 hex digits. */
  public static String fingerprint(byte[] publicKey) {
    return HexFormat.of().formatHex(Kdf.sha256(publicKey), 0, 8);
  }

  public static String publicPem(byte[] publicKey) {
    return pem("PUBLIC KEY", concat(SPKI_PREFIX, publicKey));
  }

  public static String privatePem(byte[] privateKey) {
    return pem("PRIVATE KEY", concat(PKCS8_PREFIX, privateKey));
  }

  /**
   * Parses a public key: PEM ({@code -----BEGIN PUBLIC KEY-----}), or one line of base64 of the
   * DER or of the raw 32 bytes.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing the text)
   */
  public static byte[] parsePublic(String text) {
    return parse(text, "PUBLIC KEY", SPKI_PREFIX, "public");
  }

  /** Parses a private key: PEM ({@code -----BEGIN PRIVATE KEY-----}) or base64 as for public keys. */
  public static byte[] parsePrivate(String text) {
    return parse(text, "PRIVATE KEY", PKCS8_PREFIX, "private");
  }

  private static byte[] parse(String text, String label, byte[] prefix, String what) {
    String t = text.strip();
    String body = t;
    if (t.startsWith("-----BEGIN ")) {
      String begin = "-----BEGIN " + label + "-----";
      String end = "-----END " + label + "-----";
      int b = t.indexOf(begin);
      int e = t.indexOf(end);
      if (b != 0 || e < 0) {
        throw new IllegalArgumentException(
            "not an X25519 " + what + " key: expected a '" + begin + "' PEM block");
      }
      body = t.substring(begin.length(), e);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(body.replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an X25519 " + what + " key: not PEM or base64");
    }
    if (der.length == KEY_BYTES) {
      return der;
    }
    if (der.length == prefix.length + KEY_BYTES
        && Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
      return Arrays.copyOfRange(der, prefix.length, der.length);
    }
    throw new IllegalArgumentException("not an X25519 " + what + " key: " + der.length
        + " bytes of DER that is not an X25519 " + label.toLowerCase(java.util.Locale.ROOT)
        + " (make one with 'pdkit backup keygen' or 'openssl genpkey -algorithm X25519')");
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
