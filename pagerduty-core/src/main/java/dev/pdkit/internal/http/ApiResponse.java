package dev.pdkit.internal.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.pdkit.internal.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A successful (2xx) response. Error statuses never become an {@code ApiResponse}: the transport
 * turns them into exceptions. Header names are case-insensitive.
 */
public final class ApiResponse {
  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  public ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {
    this.status = status;
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    this.headers = h;
    this.body = body.clone();
  }

  public int status() {
    return status;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  /** First value of a header. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  public byte[] body() {
    return body.clone();
  }

  /** The body itself, not a copy: for decoders inside the SDK, which must not change it. */
  public byte[] bodyBytes() {
    return body;
  }

  /** The body as a JSON tree; a missing node for an empty body (204). */
  public JsonNode json() {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw Decoding.failure("JSON", e);
    }
  }

  /** Decodes the whole body. */
  public <T> T as(Class<T> type) {
    try {
      return Json.mapper().readValue(body, type);
    } catch (IOException e) {
      throw Decoding.failure(type.getSimpleName(), e);
    }
  }

  /** Decodes the body into a generic type. */
  public <T> T as(TypeReference<T> type) {
    try {
      return Json.mapper().readValue(body, type);
    } catch (IOException e) {
      throw Decoding.failure(type.getType().getTypeName(), e);
    }
  }

  /** Decodes the member {@code field} of a wrapped entity, e.g. {@code service}. */
  public <T> T member(String field, Class<T> type) {
    // One streaming pass to the member, decoded straight from the parser: no tree of the body.
    T value = null;
    try (JsonParser p = Json.mapper().createParser(body)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken t = p.nextToken();
          if (name.equals(field) && t != JsonToken.VALUE_NULL) {
            value = Json.mapper().readValue(p, type);
            break;
          }
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw Decoding.failure(type.getSimpleName(), e);
    }
    if (value == null) {
      throw Decoding.failure(type.getSimpleName(),
          new IOException("response has no '" + field + "' member"));
    }
    return value;
  }
}
