package dev.pdkit.config.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable YAML node that remembers where it was written. Maps keep insertion order. Scalars
 * keep their text and, once resolved, a typed value ({@code null}, Boolean, Long, Double, String).
 */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {

  Origin origin();

  /** A human description of the node's kind, used in type errors ("a list", "a string"). */
  String kindDescription();

  /** One entry of a map: where its key was written and its value. */
  record Entry(Origin keyOrigin, YNode value) {}

  /** A mapping. */
  record YMap(Origin origin, Map<String, Entry> entries) implements YNode {
    public YMap {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public @Nullable YNode get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    public @Nullable Entry entry(String key) {
      return entries.get(key);
    }

    public boolean has(String key) {
      return entries.containsKey(key);
    }

    @Override
    public String kindDescription() {
      return "a map";
    }
  }

  /** A sequence. */
  record YList(Origin origin, List<YNode> items) implements YNode {
    public YList {
      items = List.copyOf(items);
    }

    @Override
    public String kindDescription() {
      return "a list";
    }
  }

  /**
   * A scalar. {@code plain} is true for unquoted scalars (whose type is resolved from the text);
   * {@code value} is the resolved value once {@link Scalars#resolve} has run.
   */
  record YScalar(Origin origin, String text, boolean plain, @Nullable Object value)
      implements YNode {

    public boolean isNull() {
      return value == null;
    }

    @Override
    public String kindDescription() {
      if (value == null) {
        return "null";
      } else if (value instanceof Boolean) {
        return "a boolean";
      } else if (value instanceof Long) {
        return "an integer";
      } else if (value instanceof Double) {
        return "a number";
      }
      return "a string";
    }
  }
}
