package dev.pdkit.config.internal;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Did you mean" suggestions by edit distance. */
public final class Levenshtein {
  private Levenshtein() {}

  /** Edit distance (insert, delete, substitute, each cost 1). */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * The closest candidate, if it is close enough to be a plausible typo: at most a third of the
   * word's length (at least 1, at most 3) edits away, compared case-insensitively.
   */
  public static @Nullable String closest(String word, Collection<String> candidates) {
    if (word.length() > 200) {
      return null;
    }
    String w = word.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, w.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= limit ? best : null;
  }

  /** {@code did you mean 'x'?} or {@code null}. */
  public static @Nullable String didYouMean(String word, Collection<String> candidates) {
    String c = closest(word, candidates);
    return c == null ? null : "did you mean '" + c + "'?";
  }
}
