package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One decoded request as handlers see it. */
final class Req {
  final String method;
  final String path;
  final String rawQuery;
  final Map<String, List<String>> query;
  final Map<String, List<String>> headers;
  final byte[] body;
  Map<String, String> params = Map.of();
  @Nullable Principal principal;
  private @Nullable JsonNode json;

  /** Who made the call: the token (never logged) and, for user tokens, the user. */
  record Principal(String token, boolean readOnly, @Nullable String userId) {}

  Req(String method, String path, @Nullable String rawQuery, Map<String, List<String>> headers, byte[] body) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery == null ? "" : rawQuery;
    this.query = parseQuery(this.rawQuery);
    this.headers = headers;
    this.body = body;
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return q;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = decode(eq < 0 ? part : part.substring(0, eq));
      String v = eq < 0 ? "" : decode(part.substring(eq + 1));
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  String param(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalStateException("no path parameter " + name);
    }
    return v;
  }

  @Nullable String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** First value of a scalar query parameter, or null. */
  @Nullable String q(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /**
   * Values of a set parameter: {@code name[]=a&name[]=b}, also {@code name=a,b} and indexed
   * {@code name[0]=a} forms some clients send.
   */
  List<String> qs(String name) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      String k = e.getKey();
      if (k.equals(name + "[]") || k.equals(name) || (k.startsWith(name + "[") && k.endsWith("]"))) {
        for (String v : e.getValue()) {
          for (String p : v.split(",")) {
            if (!p.isBlank()) {
              out.add(p.trim());
            }
          }
        }
      }
    }
    return out;
  }

  boolean qBool(String name) {
    String v = q(name);
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0", "" -> false;
      default -> throw ApiError.invalid(name + " must be true, false, 1 or 0 (got '" + v + "')");
    };
  }

  /** The JSON body; 400 when it is missing or malformed. */
  JsonNode json() {
    if (json == null) {
      if (body.length == 0) {
        json = MissingNode.getInstance();
      } else {
        try {
          json = J.parse(body);
        } catch (IOException e) {
          throw ApiError.invalid("The request body is not valid JSON: " + firstLine(e.getMessage()));
        }
      }
    }
    return json;
  }

  /** The wrapped entity {@code {"<key>": {...}}}; 400 naming the key when absent. */
  ObjectNode entity(String key) {
    JsonNode root = json();
    JsonNode e = root.get(key);
    if (!root.isObject() || e == null || !e.isObject()) {
      throw ApiError.invalid("The request body must be a JSON object wrapping the entity as {\"" + key + "\": {...}}");
    }
    return (ObjectNode) e;
  }

  static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
