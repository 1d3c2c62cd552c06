package dev.pdkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.Futures;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The escape hatch: any REST API v2 endpoint, with the client's authentication, {@code From},
 * retries, rate limits and error mapping. Bodies are anything Jackson can write (a {@code Map}, a
 * {@code JsonNode}, a record; written with snake_case names); answers are JSON trees.
 *
 * <pre>{@code
 * JsonNode tags = pd.raw().get("/tags", Map.of("query", "prod"));
 * JsonNode created = pd.raw().post("/tags", Map.of("tag", Map.of("type", "tag", "label", "prod")));
 * for (JsonNode v : pd.raw().list("/vendors", "vendors", Map.of())) { ... }
 * }</pre>
 *
 * <p>Query values may be single values or {@code Iterable}s (repeated, as in {@code
 * statuses[]=a&statuses[]=b}); null values are skipped. {@code POST} is treated as not idempotent:
 * it is retried only when the request never reached the server (see {@link dev.pdkit.RetryPolicy}).
 * Thread-safe.
 */
public interface RawApi {

  /**
   * Sends a request.
   *
   * @param method HTTP method, e.g. {@code GET}
   * @param path path under the API URL, starting with {@code /}; ids in it must be URL-safe
   * @param query query parameters (empty for none)
   * @param body request body, or null for none
   * @return the response body as JSON; a missing node for an empty body (204)
   */
  CompletableFuture<JsonNode> requestAsync(
      String method, String path, Map<String, ?> query, @Nullable Object body);

  /** Blocking twin of {@link #requestAsync}; throws what it completes with. */
  default JsonNode request(String method, String path, Map<String, ?> query, @Nullable Object body) {
    return Futures.sync(() -> requestAsync(method, path, query, body));
  }

  /** {@code GET path}. */
  default JsonNode get(String path) {
    return request("GET", path, Map.of(), null);
  }

  /** {@code GET path?query}. */
  default JsonNode get(String path, Map<String, ?> query) {
    return request("GET", path, query, null);
  }

  /** {@code GET path?query}, async. */
  default CompletableFuture<JsonNode> getAsync(String path, Map<String, ?> query) {
    return requestAsync("GET", path, query, null);
  }

  /** {@code POST path} with a JSON body. */
  default JsonNode post(String path, Object body) {
    return request("POST", path, Map.of(), body);
  }

  /** {@code POST path} with a JSON body, async. */
  default CompletableFuture<JsonNode> postAsync(String path, Object body) {
    return requestAsync("POST", path, Map.of(), body);
  }

  /** {@code PUT path} with a JSON body. */
  default JsonNode put(String path, Object body) {
    return request("PUT", path, Map.of(), body);
  }

  /** {@code PUT path} with a JSON body, async. */
  default CompletableFuture<JsonNode> putAsync(String path, Object body) {
    return requestAsync("PUT", path, Map.of(), body);
  }

  /** {@code DELETE path}. */
  default JsonNode delete(String path) {
    return request("DELETE", path, Map.of(), null);
  }

  /** {@code DELETE path}, async. */
  default CompletableFuture<JsonNode> deleteAsync(String path) {
    return requestAsync("DELETE", path, Map.of(), null);
  }

  /**
   * A classic (offset) paginated list; items are the elements of the {@code collectionKey} array
   * of each page, e.g. {@code list("/vendors", "vendors", Map.of())}.
   */
  Paginated<JsonNode> list(String path, String collectionKey, Map<String, ?> query);

  /**
   * A cursor-paginated list, e.g. {@code listCursor("/audit/records", "records", Map.of())}.
   */
  CursorPaginated<JsonNode> listCursor(String path, String collectionKey, Map<String, ?> query);
}
