package dev.pdkit.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Copying helpers for the records' compact constructors. */
final class Lists {
  private Lists() {}

  /** An unmodifiable copy; null reads as empty; a null element is a clear error naming the field. */
  static <T> List<T> copy(String field, @Nullable List<T> list) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new IllegalArgumentException(field + "[" + i + "] is null; remove it or give a value");
      }
    }
    return List.copyOf(list);
  }

  /** An unmodifiable deep copy of free-form JSON (maps, lists, scalars); null stays null. */
  static @Nullable Object freeze(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(freeze(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /** A frozen copy of a free-form object; null reads as empty. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> freezeMap(@Nullable Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    return (Map<String, Object>) freeze(map);
  }

  static String require(@Nullable String value, String field) {
    if (value == null) {
      throw new NullPointerException(field);
    }
    return value;
  }
}
