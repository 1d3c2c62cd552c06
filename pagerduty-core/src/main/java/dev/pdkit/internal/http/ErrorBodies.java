package dev.pdkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads PagerDuty error bodies in every shape seen: REST {@code {"error":{"code","message","errors"}}}
 * with {@code errors} as a list, a single string or (v3) an object of field to messages; an
 * {@code error} that is a bare string; and the Events API's {@code {"status","message","errors"}}.
 * Anything else (HTML from a proxy, plain text) becomes a short text snippet.
 */
final class ErrorBodies {
  private static final int SNIPPET = 200;

  private ErrorBodies() {}

  /** The parts of an error body. */
  record Parsed(@Nullable Integer code, @Nullable String message, List<String> messages) {}

  static Parsed parse(byte[] body) {
    if (body.length == 0) {
      return new Parsed(null, null, List.of());
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (Exception e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      return new Parsed(null, snippet(body), List.of());
    }
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      return new Parsed(code(error.get("code")), text(error.get("message")),
          messages(error.get("errors")));
    }
    if (error != null && error.isTextual()) {
      return new Parsed(code(root.get("code")), error.asText(), messages(root.get("errors")));
    }
    // Events API v2 and other flat shapes.
    String message = text(root.get("message"));
    String status = text(root.get("status"));
    if (message == null) {
      message = status;
    } else if (status != null && !status.equalsIgnoreCase(message)) {
      message = status + ": " + message;
    }
    List<String> messages = messages(root.get("errors"));
    if (message == null && messages.isEmpty()) {
      return new Parsed(code(root.get("code")), snippet(body), List.of());
    }
    return new Parsed(code(root.get("code")), message, messages);
  }

  private static @Nullable Integer code(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.canConvertToInt() && n.isNumber()) {
      return n.intValue();
    }
    if (n.isTextual()) {
      try {
        return Integer.parseInt(n.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    String s = n.isValueNode() ? n.asText() : n.toString();
    return s.isBlank() ? null : s;
  }

  private static List<String> messages(@Nullable JsonNode n) {
    List<String> out = new ArrayList<>();
    collect("", n, out);
    return out;
  }

  private static void collect(String prefix, @Nullable JsonNode n, List<String> out) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return;
    }
    if (n.isArray()) {
      for (JsonNode e : n) {
        collect(prefix, e, out);
      }
    } else if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        collect(p, e.getValue(), out);
      }
    } else {
      String s = n.asText();
      if (!s.isBlank()) {
        out.add(prefix.isEmpty() ? s : prefix + ": " + s);
      }
    }
  }

  private static String snippet(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET) + "...";
  }
}
