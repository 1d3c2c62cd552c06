package dev.pdkit.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.internal.http.ApiResponse;
import dev.pdkit.rest.CursorPaginated;
import dev.pdkit.rest.Paginated;
import dev.pdkit.rest.RawApi;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** {@link RawApi} over the client's transport. */
public final class RawApiImpl implements RawApi {
  private final ClientContext ctx;

  public RawApiImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public CompletableFuture<JsonNode> requestAsync(String method, String path,
      Map<String, ?> query, @Nullable Object body) {
    ApiRequest req;
    try {
      req = build(method, path, query, body);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return ctx.transport().send(req).thenApply(ApiResponse::json);
  }

  @Override
  public Paginated<JsonNode> list(String path, String collectionKey, Map<String, ?> query) {
    Objects.requireNonNull(collectionKey, "collectionKey");
    return Pagers.offset(ctx.transport(), build("GET", path, query, null), collectionKey,
        Function.identity());
  }

  @Override
  public CursorPaginated<JsonNode> listCursor(String path, String collectionKey,
      Map<String, ?> query) {
    Objects.requireNonNull(collectionKey, "collectionKey");
    return Pagers.cursor(ctx.transport(), build("GET", path, query, null), collectionKey,
        Function.identity(), Pagers.DEFAULT_PAGE_SIZE);
  }

  private static ApiRequest build(String method, String path, Map<String, ?> query,
      @Nullable Object body) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    String m = method.strip().toUpperCase(Locale.ROOT);
    if (m.isEmpty() || !m.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
      throw new IllegalArgumentException("method must be an HTTP method such as GET, was '"
          + method + "'");
    }
    ApiRequest.Builder b = ApiRequest.builder(m, path).endpoint(m + " " + path).body(body);
    for (Map.Entry<String, ?> e : query.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Iterable<?> it) {
        b.queryAll(e.getKey(), it);
      } else {
        b.query(e.getKey(), v);
      }
    }
    return b.build();
  }
}
