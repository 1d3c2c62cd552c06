package dev.pdkit.backup;

import java.util.Locale;

/** How an archive's payload is protected; recorded in its public header. */
public enum EncryptionMode {
  /** Not encrypted: compressed records with a checksum per chunk (detects damage, not forgery). */
  NONE,
  /** AES-256-GCM under a key wrapped with an Argon2id-stretched passphrase. */
  PASSPHRASE,
  /** AES-256-GCM under a key wrapped to each of one or more X25519 recipient public keys. */
  RECIPIENTS;

  /** The name in archive headers: {@code none}, {@code passphrase}, {@code x25519}. */
  public String wire() {
    return this == RECIPIENTS ? "x25519" : name().toLowerCase(Locale.ROOT);
  }
}
