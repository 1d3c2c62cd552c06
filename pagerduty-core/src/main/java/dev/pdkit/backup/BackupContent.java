package dev.pdkit.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.backup.internal.Views;
import dev.pdkit.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The content of a backup without ids: what a restore writes, with every reference rendered as the
 * natural key of what it points to (a user's e-mail, a team's name, ...). Two backups of accounts
 * holding the same configuration have equal contents, whatever ids PagerDuty gave the resources;
 * a restore followed by a new backup is checked this way. Integration keys are not part of it.
 *
 * @param entries {@code kind:natural-key} → the resource's fields, sorted
 */
public record BackupContent(Map<String, Map<String, @Nullable String>> entries) {

  public BackupContent {
    TreeMap<String, Map<String, @Nullable String>> copy = new TreeMap<>();
    entries.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new TreeMap<>(v))));
    entries = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The content of {@code records}.
   *
   * @param now the time against which ongoing maintenance windows are recognised (their start
   *     compares as "ongoing", since PagerDuty moves a past start to the moment of creation)
   */
  public static BackupContent of(Iterable<BackupRecord> records, Instant now) {
    Objects.requireNonNull(records, "records");
    Map<BackupKind, Map<String, JsonNode>> byKind = new EnumMap<>(BackupKind.class);
    for (BackupKind k : BackupKind.values()) {
      byKind.put(k, new java.util.LinkedHashMap<>());
    }
    for (BackupRecord r : records) {
      try {
        byKind.get(r.kind()).put(r.id(), Json.mapper().readTree(r.json()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Map<String, String> keys = new HashMap<>();
    Views.Refs[] refs = new Views.Refs[1];
    refs[0] = (k, id) -> {
      String cached = keys.get(k + ":" + id);
      if (cached != null) {
        return cached;
      }
      JsonNode n = byKind.get(k).get(id);
      String key = n == null ? "missing:" + id : k.wire() + ":" + Views.naturalKey(k, id, n, refs[0], now);
      keys.put(k + ":" + id, key);
      return key;
    };
    Map<String, Map<String, @Nullable String>> out = new HashMap<>();
    byKind.forEach((k, m) -> m.forEach((id, n) -> {
      String key = refs[0].ref(k, id);
      Map<String, @Nullable String> view = Views.view(k, id, n, refs[0], now);
      out.merge(key, view, (a, b) -> {
        Map<String, @Nullable String> dup = new HashMap<>(a);
        dup.put("(duplicate)", "true");
        return dup;
      });
    }));
    return new BackupContent(out);
  }

  /** Number of entries of a kind. */
  public long count(BackupKind kind) {
    String prefix = kind.wire() + ":";
    return entries.keySet().stream().filter(k -> k.startsWith(prefix)).count();
  }

  /**
   * The differences to {@code other}, one line each ({@code + key} only there, {@code - key} only
   * here, {@code ~ key field: a -> b}); empty when equal.
   */
  public List<String> differences(BackupContent other) {
    List<String> out = new ArrayList<>();
    Set<String> keys = new TreeSet<>(entries.keySet());
    keys.addAll(other.entries.keySet());
    for (String k : keys) {
      Map<String, @Nullable String> a = entries.get(k);
      Map<String, @Nullable String> b = other.entries.get(k);
      if (a == null) {
        out.add("+ " + k);
      } else if (b == null) {
        out.add("- " + k);
      } else if (!a.equals(b)) {
        Set<String> fields = new TreeSet<>(a.keySet());
        fields.addAll(b.keySet());
        for (String f : fields) {
          if (!Objects.equals(a.get(f), b.get(f))) {
            out.add("~ " + k + " " + f + ": " + a.get(f) + " -> " + b.get(f));
          }
        }
      }
    }
    return out;
  }
}
