/**
 * Reusable crypto building blocks on Bouncy Castle's lightweight API: AES-256-GCM ({@link
 * dev.pdkit.internal.crypto.Aead}), Argon2id and HKDF-SHA256 ({@link
 * dev.pdkit.internal.crypto.Kdf}), and the envelope {@link dev.pdkit.spi.CryptoProvider}. No
 * compatibility promise.
 */
@NullMarked
package dev.pdkit.internal.crypto;

import org.jspecify.annotations.NullMarked;
