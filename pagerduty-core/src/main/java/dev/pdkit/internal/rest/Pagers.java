package dev.pdkit.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.errors.DecodingException;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.internal.http.Decoding;
import dev.pdkit.internal.http.HttpTransport;
import dev.pdkit.internal.json.Json;
import dev.pdkit.rest.CursorPage;
import dev.pdkit.rest.CursorPaginated;
import dev.pdkit.rest.Page;
import dev.pdkit.rest.Paginated;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link Paginated} and {@link CursorPaginated} lists over any base request. The base
 * request carries the filters (and, for time-window splitting, its own {@code since}/{@code until});
 * the pager sets {@code limit} and {@code offset} (or {@code cursor}) on each page request.
 *
 * <pre>{@code
 * ApiRequest base = ApiRequest.builder("GET", "/services").endpoint("GET /services")
 *     .query("query", q).build();
 * Paginated<Service> services = Pagers.offset(ctx.transport(), base, "services", Pagers.decoder(Service.class));
 * }</pre>
 */
public final class Pagers {
  /** The page size used unless a resource asks otherwise: PagerDuty's maximum. */
  public static final int DEFAULT_PAGE_SIZE = Paginated.MAX_PAGE_SIZE;

  private Pagers() {}

  /** A decoder that maps each item with the SDK's ObjectMapper. */
  public static <T> Function<JsonNode, T> decoder(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return node -> {
      try {
        return Json.mapper().treeToValue(node, type);
      } catch (Exception e) {
        throw Decoding.failure(type.getSimpleName(), e);
      }
    };
  }

  /** Offset pagination with {@link #DEFAULT_PAGE_SIZE}. */
  public static <T> Paginated<T> offset(HttpTransport transport, ApiRequest base,
      String collectionKey, Function<JsonNode, T> decoder) {
    return offset(transport, base, collectionKey, decoder, DEFAULT_PAGE_SIZE);
  }

  /**
   * Offset pagination.
   *
   * @param base the request without {@code limit}/{@code offset} (replaced if present)
   * @param collectionKey the array member holding the items, e.g. {@code services}
   */
  public static <T> Paginated<T> offset(HttpTransport transport, ApiRequest base,
      String collectionKey, Function<JsonNode, T> decoder, int pageSize) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(collectionKey, "collectionKey");
    Objects.requireNonNull(decoder, "decoder");
    return Paginated.of(base.endpoint(), pageSize,
        (offset, limit) -> fetchOffset(transport, base, collectionKey, decoder, offset, limit));
  }

  /** Fetches one offset page of {@code base}. */
  public static <T> CompletableFuture<Page<T>> fetchOffset(HttpTransport transport,
      ApiRequest base, String collectionKey, Function<JsonNode, T> decoder, int offset,
      int limit) {
    ApiRequest req = base.toBuilder()
        .replaceQuery("limit", limit)
        .replaceQuery("offset", offset)
        .build();
    return transport.send(req).thenApply(resp -> {
      JsonNode root = resp.json();
      List<T> items = items(root, collectionKey, base.endpoint(), decoder);
      JsonNode total = root.path("total");
      return new Page<>(items,
          root.path("offset").canConvertToInt() ? root.path("offset").asInt(offset) : offset,
          root.path("limit").canConvertToInt() && root.path("limit").asInt() > 0
              ? root.path("limit").asInt() : limit,
          root.path("more").asBoolean(false),
          total.isIntegralNumber() ? Long.valueOf(total.asLong()) : null);
    });
  }

  /** Cursor pagination. */
  public static <T> CursorPaginated<T> cursor(HttpTransport transport, ApiRequest base,
      String collectionKey, Function<JsonNode, T> decoder, int pageSize) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(collectionKey, "collectionKey");
    Objects.requireNonNull(decoder, "decoder");
    return CursorPaginated.of(base.endpoint(), pageSize,
        (cursor, limit) -> fetchCursor(transport, base, collectionKey, decoder, cursor, limit));
  }

  /** Fetches one cursor page of {@code base}; {@code cursor} null for the first. */
  public static <T> CompletableFuture<CursorPage<T>> fetchCursor(HttpTransport transport,
      ApiRequest base, String collectionKey, Function<JsonNode, T> decoder,
      @Nullable String cursor, int limit) {
    ApiRequest req = base.toBuilder()
        .replaceQuery("limit", limit)
        .replaceQuery("cursor", cursor)
        .build();
    return transport.send(req).thenApply(resp -> {
      JsonNode root = resp.json();
      List<T> items = items(root, collectionKey, base.endpoint(), decoder);
      JsonNode next = root.path("next_cursor");
      String nextCursor = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
      int l = root.path("limit").canConvertToInt() && root.path("limit").asInt() > 0
          ? root.path("limit").asInt() : limit;
      return new CursorPage<>(items, l, nextCursor);
    });
  }

  private static <T> List<T> items(JsonNode root, String key, String endpoint,
      Function<JsonNode, T> decoder) {
    JsonNode arr = root.path(key);
    if (!arr.isArray()) {
      throw new DecodingException(endpoint + ": the response has no '" + key + "' array (is the"
          + " API URL pointing at PagerDuty or the fake?)", null);
    }
    List<T> out = new ArrayList<>(arr.size());
    for (JsonNode n : arr) {
      out.add(decoder.apply(n));
    }
    return out;
  }
}
