package dev.pdkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the official OpenAPI examples under {@code src/test/resources/openapi-examples}. */
public final class Examples {
  private Examples() {}

  /** The raw text of {@code name}.json. */
  public static String text(String name) {
    try (InputStream in = Examples.class.getResourceAsStream("/openapi-examples/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no example " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example as a tree. */
  public static JsonNode tree(String name) {
    return Json.tree(text(name).getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes member {@code field} of the example as {@code type}. */
  public static <T> T member(String name, String field, Class<T> type) {
    try {
      return Json.mapper().treeToValue(tree(name).get(field), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes with the SDK mapper and reads back. */
  public static <T> T roundTrip(T value, Class<T> type) {
    try {
      return Json.mapper().readValue(Json.write(value), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
