package dev.pdkit.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.config.internal.YNode.YScalar;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The wording of problems shared by the schema check and the semantic pass, so both agree. */
public final class Messages {
  private Messages() {}

  public static String unknownKey(String key) {
    return "unknown key '" + key + "'";
  }

  public static String missingKey(String key) {
    return "missing required key '" + key + "'";
  }

  public static String missingKeyHint(String key) {
    return "add " + key + ": ...";
  }

  /** "a string or null" from a schema {@code type} value. */
  public static String expectedTypes(JsonNode typeNode) {
    List<String> names = new ArrayList<>();
    if (typeNode.isArray()) {
      typeNode.forEach(t -> names.add(typeName(t.asText())));
    } else {
      names.add(typeName(typeNode.asText()));
    }
    return String.join(" or ", names);
  }

  public static String typeName(String jsonType) {
    return switch (jsonType) {
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "object" -> "a map";
      case "array" -> "a list";
      default -> jsonType;
    };
  }

  public static String wrongType(String expected, YNode actual) {
    return "expected " + expected + " but found " + actual.kindDescription();
  }

  public static @Nullable String typeHint(String expected, YNode actual) {
    if (actual instanceof YScalar s && !s.plain() && (expected.contains("integer") || expected.contains("true or false"))) {
      return "remove the quotes";
    }
    if (expected.startsWith("a list")) {
      return "write a list, e.g. [a, b] or one '- item' per line";
    }
    if (expected.startsWith("a map")) {
      return "write key: value pairs indented below";
    }
    if (expected.startsWith("a string") && actual instanceof YScalar) {
      return "put the value in quotes";
    }
    return null;
  }

  /** The value of a scalar in quotes for messages, shortened; {@code a map}/{@code a list} otherwise. */
  public static String quote(YNode n) {
    if (n instanceof YScalar s) {
      String t = s.value() == null ? "null" : String.valueOf(s.value());
      if (t.length() > 60) {
        t = t.substring(0, 57) + "...";
      }
      return "'" + t + "'";
    }
    return n.kindDescription();
  }

  public static String notOneOf(YNode n, List<String> allowed) {
    return quote(n) + " is not one of: " + String.join(", ", allowed);
  }

  public static @Nullable String enumHint(YNode n, List<String> allowed) {
    if (n instanceof YScalar s && s.value() != null) {
      return Levenshtein.didYouMean(String.valueOf(s.value()), allowed);
    }
    return null;
  }
}
