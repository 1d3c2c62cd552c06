package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * JSON helpers for the fake. The fake works on trees, writes nulls (PagerDuty sends {@code total:
 * null}) and never touches the SDK's or a caller's mapper.
 */
public final class J {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private J() {}

  /** The fake's mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  static ObjectNode obj() {
    return F.objectNode();
  }

  static ArrayNode arr() {
    return F.arrayNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses JSON; throws IOException for malformed input. */
  static JsonNode parse(byte[] body) throws IOException {
    JsonNode n = MAPPER.readTree(body);
    return n == null ? F.missingNode() : n;
  }

  /** PagerDuty-style timestamp: ISO 8601 UTC with second precision. */
  static String ts(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  static @Nullable String text(@Nullable JsonNode n, String field) {
    if (n == null || !n.isObject()) {
      return null;
    }
    JsonNode v = n.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  static @Nullable String refId(@Nullable JsonNode n, String field) {
    if (n == null || !n.isObject()) {
      return null;
    }
    return text(n.get(field), "id");
  }
}
