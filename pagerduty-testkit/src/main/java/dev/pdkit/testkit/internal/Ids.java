package dev.pdkit.testkit.internal;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * PagerDuty-like identifiers: {@code P} + 6 upper-case alphanumerics, unique within one fake and
 * never reused (a reset does not forget issued ids). Deterministic for a given seed.
 */
final class Ids {
  private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private static final char[] KEY = "abcdef0123456789".toCharArray();
  private final Random random;
  private final Set<String> issued = new HashSet<>();

  Ids(long seed) {
    this.random = new Random(seed);
  }

  synchronized String next() {
    while (true) {
      StringBuilder sb = new StringBuilder(7).append('P');
      for (int i = 0; i < 6; i++) {
        sb.append(ALNUM[random.nextInt(ALNUM.length)]);
      }
      String id = sb.toString();
      if (issued.add(id)) {
        return id;
      }
    }
  }

  /** A 32-character lower-case hex key, as PagerDuty's integration keys look. */
  synchronized String integrationKey() {
    while (true) {
      StringBuilder sb = new StringBuilder(32);
      for (int i = 0; i < 32; i++) {
        sb.append(KEY[random.nextInt(KEY.length)]);
      }
      String k = sb.toString();
      if (issued.add(k)) {
        return k;
      }
    }
  }

  /** A random UUID-shaped dedup key. */
  synchronized String uuid() {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString().replace("-", "");
  }
}
