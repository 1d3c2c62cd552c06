package dev.pdkit.deploy;

import dev.pdkit.Secret;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the second approval
 * factor a protected environment can accept instead of a signature. The secret is the base32 text an
 * authenticator app is set up with (RFC 4648 alphabet, case and spaces ignored, padding optional),
 * kept in the environment file as {@code approvals.totp_secret}, usually encrypted ({@code
 * enc:v1:...}).
 *
 * <p>{@link #verify} accepts the code of the current step and of one step before and after, so a
 * clock skew of up to 30 seconds between the approver's device and this machine is tolerated.
 * Stateless and thread-safe.
 */
public final class Totp {
  /** Length of one time step. */
  public static final Duration STEP = Duration.ofSeconds(30);
  /** Digits of a code. */
  public static final int DIGITS = 6;
  /** Steps accepted on either side of the current one. */
  public static final int WINDOW = 1;

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  /**
   * The code for {@code time}.
   *
   * @throws IllegalArgumentException if the secret is not base32 (the message never shows it)
   */
  public static String code(Secret secret, Instant time) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(time, "time");
    return code(key(secret), Math.floorDiv(time.getEpochSecond(), STEP.toSeconds()));
  }

  /**
   * Whether {@code code} is the code of the step of {@code now} or of one step either side.
   * Surrounding spaces are ignored; anything but six digits is simply wrong.
   *
   * @throws IllegalArgumentException if the secret is not base32
   */
  public static boolean verify(Secret secret, String code, Instant now) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(now, "now");
    byte[] key = key(secret);
    String given = code.strip();
    if (!isWellFormed(given)) {
      return false;
    }
    long step = Math.floorDiv(now.getEpochSecond(), STEP.toSeconds());
    boolean ok = false;
    for (long s = step - WINDOW; s <= step + WINDOW; s++) {
      // constant time, and no early exit, so timing does not tell which step matched
      ok |= MessageDigest.isEqual(code(key, s).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          given.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return ok;
  }

  /** True for exactly {@value #DIGITS} ASCII digits. */
  public static boolean isWellFormed(String code) {
    if (code.length() != DIGITS) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static String code(byte[] key, long step) {
    byte[] h;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
    }
    int offset = h[h.length - 1] & 0x0f;
    int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
        | (h[offset + 3] & 0xff);
    return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
  }

  private static byte[] key(Secret secret) {
    byte[] key = base32(secret.reveal());
    if (key.length < 10) {
      throw new IllegalArgumentException("approvals.totp_secret is too short (" + key.length
          + " bytes); use at least 80 bits (16 base32 characters), as authenticator apps expect");
    }
    return key;
  }

  /** RFC 4648 base32 without padding requirements; spaces and dashes are ignored. */
  static byte[] base32(String text) {
    String s = text.toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    ByteBuffer out = ByteBuffer.allocate(end * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < end; i++) {
      int v = BASE32.indexOf(s.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("approvals.totp_secret is not base32 (character " + (i + 1)
            + " is not A-Z or 2-7); paste the secret exactly as given to the authenticator app");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }

  /** Base32 text of {@code key} (no padding), for setting up an authenticator app. */
  public static String toBase32(byte[] key) {
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : key) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }
}
