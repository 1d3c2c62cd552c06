package dev.pdkit.config.internal;

import dev.pdkit.config.internal.YNode.Entry;
import dev.pdkit.config.internal.YNode.YList;
import dev.pdkit.config.internal.YNode.YMap;
import dev.pdkit.config.internal.YNode.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Overlay merging: maps merge deeply, lists of keyed maps merge by identity ({@code key}, or
 * {@code email} for users), everything else (scalars including null, unkeyed lists) is replaced by
 * the overlay. Merged nodes keep the origin of the file that wrote them.
 */
public final class Overlay {
  /** Identity fields of keyed lists, in order of preference. */
  static final List<String> IDENTITIES = List.of("key", "email");

  /** {@code kind} of a {@code remove:} entry → list (or map) it removes from and its identity. */
  static final Map<String, String[]> REMOVABLE =
      Map.of(
          "user", new String[] {"users", "email"},
          "team", new String[] {"teams", "key"},
          "schedule", new String[] {"schedules", "key"},
          "escalation_policy", new String[] {"escalation_policies", "key"},
          "service", new String[] {"services", "key"},
          "template", new String[] {"templates", ""},
          "secret", new String[] {"secrets", ""});

  private Overlay() {}

  /** Merges {@code over} on top of {@code base}. Neither input changes. */
  public static YNode merge(YNode base, YNode over) {
    if (base instanceof YMap b && over instanceof YMap o) {
      Map<String, Entry> out = new LinkedHashMap<>(b.entries());
      o.entries().forEach((k, e) -> {
        Entry existing = out.get(k);
        out.put(k, existing == null ? e : new Entry(existing.keyOrigin(), merge(existing.value(), e.value())));
      });
      return new YMap(b.origin(), out);
    }
    if (base instanceof YList b && over instanceof YList o) {
      String id = identity(b);
      if (id != null) {
        return mergeKeyed(b, o, id);
      }
    }
    return over;
  }

  /** The identity field shared by every item of a non-empty list of maps, or null. */
  static @Nullable String identity(YList list) {
    if (list.items().isEmpty()) {
      return null;
    }
    for (String id : IDENTITIES) {
      boolean all = list.items().stream().allMatch(i -> idOf(i, id) != null);
      if (all) {
        return id;
      }
    }
    return null;
  }

  /** The identity value of an item, or null if it has none. */
  static @Nullable String idOf(YNode item, String id) {
    if (item instanceof YMap m && m.get(id) instanceof YScalar s && s.value() != null) {
      return String.valueOf(s.value()).toLowerCase(java.util.Locale.ROOT);
    }
    return null;
  }

  private static YList mergeKeyed(YList base, YList over, String id) {
    Map<String, Integer> positions = new LinkedHashMap<>();
    List<YNode> out = new ArrayList<>(base.items());
    for (int i = 0; i < out.size(); i++) {
      positions.putIfAbsent(idOf(out.get(i), id), i);
    }
    for (YNode item : over.items()) {
      String k = idOf(item, id);
      Integer at = k == null ? null : positions.get(k);
      if (at == null) {
        if (k != null) {
          positions.put(k, out.size());
        }
        out.add(item);
      } else {
        out.set(at, merge(out.get(at), item));
      }
    }
    return new YList(base.origin(), out);
  }

  /**
   * Applies {@code remove: [kind:key, ...]} to a merged tree; a removal that matches nothing is an
   * error with a "did you mean".
   */
  public static YMap applyRemovals(YMap merged, @Nullable YNode removes, Set<String> removed, Problems problems) {
    if (!(removes instanceof YList list)) {
      return merged;
    }
    Map<String, Entry> top = new LinkedHashMap<>(merged.entries());
    for (YNode r : list.items()) {
      if (!(r instanceof YScalar s) || !(s.value() instanceof String text) || text.indexOf(':') < 1) {
        continue; // the schema reports the malformed entry
      }
      String kind = text.substring(0, text.indexOf(':'));
      String key = text.substring(text.indexOf(':') + 1);
      String[] where = REMOVABLE.get(kind);
      if (where == null) {
        continue; // schema pattern reports it
      }
      Entry e = top.get(where[0]);
      List<String> existing = new ArrayList<>();
      boolean found = false;
      if (e != null && e.value() instanceof YList l) {
        List<YNode> kept = new ArrayList<>();
        for (YNode item : l.items()) {
          String k = idOf(item, where[1]);
          if (k != null) {
            existing.add(k);
          }
          if (k != null && k.equals(key.toLowerCase(java.util.Locale.ROOT))) {
            found = true;
          } else {
            kept.add(item);
          }
        }
        top.put(where[0], new Entry(e.keyOrigin(), new YList(l.origin(), kept)));
      } else if (e != null && e.value() instanceof YMap m) {
        existing.addAll(m.entries().keySet());
        if (m.has(key)) {
          found = true;
          Map<String, Entry> kept = new LinkedHashMap<>(m.entries());
          kept.remove(key);
          top.put(where[0], new Entry(e.keyOrigin(), new YMap(m.origin(), kept)));
        }
      }
      if (found) {
        removed.add(kind + ":" + key.toLowerCase(java.util.Locale.ROOT));
      } else {
        String hint = Levenshtein.didYouMean(key, existing);
        problems.error(
            s.origin(),
            "nothing to remove: no " + kind.replace('_', ' ') + " '" + key + "'",
            hint != null ? hint : "remove this entry");
      }
    }
    return new YMap(merged.origin(), top);
  }
}
