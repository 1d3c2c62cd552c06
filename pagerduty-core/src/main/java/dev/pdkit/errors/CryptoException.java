package dev.pdkit.errors;

/**
 * Encryption or decryption failed: wrong key, a corrupted or truncated value, or a value made by
 * an unknown format version. The message says which and what to do; it never contains key
 * material or plaintext.
 */
public class CryptoException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  public CryptoException(String message) {
    super(message);
  }

  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
