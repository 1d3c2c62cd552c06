package dev.pdkit.internal.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.internal.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Deep, immutable copies of free-form JSON objects ({@code custom_details}), so that an event
 * record cannot change after it was built (and validated) when the caller mutates its map.
 */
public final class FreeJson {
  private static final TypeReference<LinkedHashMap<String, @Nullable Object>> MAP =
      new TypeReference<>() {};

  /**
   * The SDK mapper, but keeping nulls: in free JSON an explicit {@code null} is data the caller
   * chose to send, not an absent optional field.
   */
  private static final ObjectMapper KEEP_NULLS =
      Json.mapper().copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);

  private FreeJson() {}

  /** The JSON tree of a (frozen) free-form object, nulls included. */
  public static JsonNode tree(Map<String, @Nullable Object> value) {
    return KEEP_NULLS.valueToTree(value);
  }

  /**
   * Copies {@code source} into nested unmodifiable maps and lists of JSON scalars. Values that are
   * not JSON already (numbers, strings, booleans, null, maps, lists) are converted the way the
   * SDK's mapper would write them.
   *
   * @throws IllegalArgumentException if a value cannot be represented as JSON
   */
  public static Map<String, @Nullable Object> copy(@Nullable Map<String, ?> source) {
    if (source == null || source.isEmpty()) {
      return Map.of();
    }
    Map<String, @Nullable Object> converted = KEEP_NULLS.convertValue(source, MAP);
    return freezeMap(converted);
  }

  /** Parses a JSON object text (e.g. a {@code --custom-details} argument). */
  public static Map<String, @Nullable Object> parseObject(String json) {
    try {
      Map<String, @Nullable Object> parsed = Json.mapper().readValue(json, MAP);
      if (parsed == null) {
        throw new IllegalArgumentException("not a JSON object: null");
      }
      return freezeMap(parsed);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a JSON object: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, @Nullable Object> freezeMap(Map<String, @Nullable Object> m) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, freeze(v)));
    return Collections.unmodifiableMap(out);
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object freeze(@Nullable Object v) {
    if (v instanceof Map<?, ?> map) {
      return freezeMap((Map<String, @Nullable Object>) map);
    }
    if (v instanceof List<?> list) {
      List<@Nullable Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(freeze(item));
      }
      return Collections.unmodifiableList(out);
    }
    return v;
  }
}
