package dev.pdkit.backup.internal;

import dev.pdkit.internal.crypto.Kdf;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Argon2id results per (salt, cost), so that verifying an archive and then reading it stretches
 * the passphrase once. Bounded; thread-safe.
 */
public final class KeyCache {
  private static final int MAX = 8;
  private final Map<String, byte[]> keys = new LinkedHashMap<>();

  synchronized byte[] argon2id(Supplier<byte[]> passphrase, byte[] salt, int memoryKiB, int iterations,
      int parallelism) {
    String k = HexFormat.of().formatHex(salt) + "/" + memoryKiB + "/" + iterations + "/" + parallelism;
    byte[] cached = keys.get(k);
    if (cached != null) {
      return cached;
    }
    byte[] kek = Kdf.argon2id(passphrase.get(), salt, memoryKiB, iterations, parallelism, 32);
    if (keys.size() >= MAX) {
      keys.remove(keys.keySet().iterator().next());
    }
    keys.put(k, kek);
    return kek;
  }
}
