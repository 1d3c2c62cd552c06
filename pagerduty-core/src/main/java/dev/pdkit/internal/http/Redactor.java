package dev.pdkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pdkit.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Removes secrets from text before it is logged or put in an exception message: the values of
 * fields whose name marks them secret ({@code routing_key}, {@code integration_key}, {@code token},
 * ...) and every occurrence of a known secret value (the API token, routing keys found in the
 * request).
 */
public final class Redactor {
  /** What a removed secret is replaced with. */
  public static final String REDACTED = "<redacted>";

  private static final Set<String> SECRET_FIELDS = Set.of(
      "routing_key", "integration_key", "token", "api_key", "secret", "password", "passphrase",
      "authorization", "access_token", "refresh_token", "client_secret");
  private static final int MIN_SECRET_LENGTH = 4;

  private final List<String> secrets;

  private Redactor(Set<String> secrets) {
    List<String> s = new ArrayList<>(secrets);
    // Longest first, so that a secret containing another is removed whole.
    s.sort((a, b) -> Integer.compare(b.length(), a.length()));
    this.secrets = List.copyOf(s);
  }

  /** A redactor that removes the given clear values (short or blank ones are ignored). */
  public static Redactor of(Iterable<String> secrets) {
    Set<String> s = new LinkedHashSet<>();
    for (String v : secrets) {
      if (v != null && v.strip().length() >= MIN_SECRET_LENGTH) {
        s.add(v);
      }
    }
    return new Redactor(s);
  }

  /** This redactor plus the values of secret-named fields found in a JSON body. */
  public Redactor withSecretsFrom(byte[] jsonBody) {
    JsonNode root = parse(jsonBody);
    if (root == null) {
      return this;
    }
    Set<String> found = new LinkedHashSet<>(secrets);
    collectSecretValues(root, found);
    return of(found);
  }

  /** Whether a field name marks its value as secret. */
  public static boolean isSecretField(String name) {
    return SECRET_FIELDS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Removes every known secret value from {@code text}. */
  public String redact(String text) {
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, REDACTED);
      }
    }
    return out;
  }

  /**
   * A loggable rendering of a body: JSON with secret-named fields replaced, then known secret values
   * removed; non-JSON text with known secret values removed.
   */
  public String redactBody(byte[] body) {
    if (body.length == 0) {
      return "";
    }
    JsonNode root = parse(body);
    if (root != null && root.isContainerNode()) {
      JsonNode copy = root.deepCopy();
      maskSecretFields(copy);
      return redact(copy.toString());
    }
    return redact(new String(body, StandardCharsets.UTF_8));
  }

  private static JsonNode parse(byte[] body) {
    try {
      return Json.mapper().readTree(body);
    } catch (Exception e) {
      return null;
    }
  }

  private static void collectSecretValues(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isSecretField(e.getKey()) && e.getValue().isValueNode()) {
          String v = e.getValue().asText();
          if (v.strip().length() >= MIN_SECRET_LENGTH) {
            out.add(v);
          }
        } else {
          collectSecretValues(e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      for (JsonNode e : node) {
        collectSecretValues(e, out);
      }
    }
  }

  private static void maskSecretFields(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      List<String> names = new ArrayList<>();
      obj.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode v = obj.get(name);
        if (isSecretField(name) && v.isValueNode() && !v.isNull()) {
          obj.set(name, TextNode.valueOf(REDACTED));
        } else {
          maskSecretFields(v);
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (JsonNode e : arr) {
        maskSecretFields(e);
      }
    }
  }
}
