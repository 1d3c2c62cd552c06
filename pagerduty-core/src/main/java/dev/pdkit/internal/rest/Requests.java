package dev.pdkit.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.internal.http.ApiResponse;
import dev.pdkit.internal.json.Json;
import dev.pdkit.rest.ListQuery;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Request-building and response-reading helpers shared by the resource implementations. */
final class Requests {
  private Requests() {}

  /**
   * A request for {@code template} (e.g. {@code /services/{id}/integrations/{integration_id}}) with
   * its placeholders replaced, in order, by the percent-encoded {@code ids}. The endpoint (for
   * metrics and logs) is {@code METHOD template}, never an id.
   */
  static ApiRequest.Builder request(String method, String template, String... ids) {
    StringBuilder path = new StringBuilder();
    int from = 0;
    int n = 0;
    while (true) {
      int open = template.indexOf('{', from);
      if (open < 0) {
        path.append(template, from, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      String name = template.substring(open + 1, close);
      if (n >= ids.length) {
        throw new IllegalStateException("no value for {" + name + "} in " + template);
      }
      path.append(template, from, open).append(ApiRequest.segment(requireId(ids[n++], name)));
      from = close + 1;
    }
    if (n != ids.length) {
      throw new IllegalStateException(template + " takes " + n + " ids, got " + ids.length);
    }
    return ApiRequest.builder(method, path.toString()).endpoint(method + " " + template);
  }

  /** Checks an id argument: null is an NPE naming it, blank a clear IllegalArgumentException. */
  static String requireId(@Nullable String id, String name) {
    Objects.requireNonNull(id, name);
    if (id.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return id;
  }

  /** {@code {key: value}}: PagerDuty's wrapped entity. */
  static Map<String, Object> wrap(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  /** Decodes member {@code key} of each response. */
  static <T> Function<ApiResponse, T> member(String key, Class<T> type) {
    return r -> r.member(key, type);
  }

  /** Decodes the array member {@code key} of a response as a list. */
  static <T> Function<ApiResponse, List<T>> list(String key, Class<T> type) {
    return r -> {
      JsonNode arr = r.json().path(key);
      if (!arr.isArray()) {
        throw new dev.pdkit.errors.DecodingException(
            "the response has no '" + key + "' array (is the API URL pointing at PagerDuty or the"
                + " fake?)", null);
      }
      List<T> out = new ArrayList<>(arr.size());
      for (JsonNode n : arr) {
        out.add(convert(n, type));
      }
      return List.copyOf(out);
    };
  }

  static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new dev.pdkit.errors.DecodingException(
          "could not decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Completes with null once the request succeeded. */
  static CompletableFuture<Void> discard(CompletableFuture<ApiResponse> response) {
    return response.thenApply(r -> null);
  }

  /** Adds the common list filters. */
  static ApiRequest.Builder apply(ApiRequest.Builder b, ListQuery q) {
    b.query("query", q.query());
    b.queryAll("team_ids[]", q.teamIds());
    b.queryAll("user_ids[]", q.userIds());
    b.queryAll("include[]", q.include());
    b.query("sort_by", q.sortBy());
    q.extra().forEach(b::queryAll);
    return b;
  }

  /** ISO-8601 UTC, e.g. {@code 2026-01-05T08:00:00Z}. */
  static @Nullable String time(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }
}
