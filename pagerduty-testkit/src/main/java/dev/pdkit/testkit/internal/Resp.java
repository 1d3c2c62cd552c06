package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A response to write: status, extra headers, JSON body (null = no body). */
final class Resp {
  final int status;
  final @Nullable JsonNode body;
  final Map<String, String> headers = new LinkedHashMap<>();

  Resp(int status, @Nullable JsonNode body) {
    this.status = status;
    this.body = body;
  }

  static Resp ok(JsonNode body) {
    return new Resp(200, body);
  }

  static Resp created(JsonNode body) {
    return new Resp(201, body);
  }

  static Resp noContent() {
    return new Resp(204, null);
  }

  Resp header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  static Resp error(ApiError e) {
    return new Resp(e.status, e.body());
  }
}
