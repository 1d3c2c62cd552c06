package dev.pdkit.internal.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.errors.DecodingException;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.internal.http.Decoding;
import dev.pdkit.internal.http.HttpTransport;
import dev.pdkit.internal.json.Json;
import dev.pdkit.rest.CursorPage;
import dev.pdkit.rest.CursorPaginated;
import dev.pdkit.rest.Page;
import dev.pdkit.rest.Paginated;
import java.io.IOException;
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

  /**
   * A decoder that maps each item with the SDK's ObjectMapper. Pages decoded with it are read
   * straight from the response bytes into {@code type}, with no intermediate JSON tree.
   */
  public static <T> Function<JsonNode, T> decoder(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return new TypeDecoder<>(type, Json.mapper().readerFor(type));
  }

  /** Decodes items of one type, from a tree node or (in page bodies) straight from the parser. */
  private record TypeDecoder<T>(Class<T> type, ObjectReader reader)
      implements Function<JsonNode, T> {
    @Override
    public T apply(JsonNode node) {
      try {
        return reader.readValue(node);
      } catch (Exception e) {
        throw Decoding.failure(type.getSimpleName(), e);
      }
    }

    @Nullable T read(JsonParser parser) {
      try {
        return reader.readValue(parser);
      } catch (Exception e) {
        throw Decoding.failure(type.getSimpleName(), e);
      }
    }
  }

  /**
   * A page body: the items of its collection member and its top-level scalar members
   * ({@code offset}, {@code limit}, {@code more}, {@code total}, {@code next_cursor}, ...).
   *
   * @param items the decoded items
   * @param scalars the top-level members (at least every one that is not an object or array)
   */
  public record PageBody<T>(List<T> items, JsonNode scalars) {}

  /**
   * Decodes a page body: the array member {@code key} with {@code decoder}, in one streaming pass
   * when {@code decoder} came from {@link #decoder(Class)}, and the top-level scalars.
   *
   * @param endpoint the operation, for the error when the body has no such array
   * @throws DecodingException when the body is not JSON, has no {@code key} array, or an item
   *     cannot be decoded
   */
  public static <T> PageBody<T> decodePage(byte[] body, String key, String endpoint,
      Function<JsonNode, T> decoder) {
    if (!(decoder instanceof TypeDecoder<T> typed)) {
      JsonNode root;
      try {
        root = body.length == 0 ? MissingNode.getInstance() : Json.mapper().readTree(body);
      } catch (IOException e) {
        throw Decoding.failure("JSON", e);
      }
      return new PageBody<>(items(root, key, endpoint, decoder), root);
    }
    ObjectNode scalars = Json.object();
    List<T> items = null;
    try (JsonParser p = Json.mapper().createParser(body)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken t = p.nextToken();
          if (t == JsonToken.START_ARRAY && name.equals(key) && items == null) {
            items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              items.add(typed.read(p));
            }
          } else if (t.isStructStart()) {
            p.skipChildren();
          } else {
            scalars.set(name, Json.mapper().readTree(p));
          }
        }
      }
    } catch (IOException e) {
      throw Decoding.failure("JSON", e);
    }
    if (items == null) {
      throw noArray(endpoint, key);
    }
    return new PageBody<>(items, scalars);
  }

  private static DecodingException noArray(String endpoint, String key) {
    return new DecodingException(endpoint + ": the response has no '" + key + "' array (is the"
        + " API URL pointing at PagerDuty or the fake?)", null);
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
      PageBody<T> page = decodePage(resp.bodyBytes(), collectionKey, base.endpoint(), decoder);
      List<T> items = page.items();
      JsonNode root = page.scalars();
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
      PageBody<T> page = decodePage(resp.bodyBytes(), collectionKey, base.endpoint(), decoder);
      List<T> items = page.items();
      JsonNode root = page.scalars();
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
      throw noArray(endpoint, key);
    }
    List<T> out = new ArrayList<>(arr.size());
    for (JsonNode n : arr) {
      out.add(decoder.apply(n));
    }
    return out;
  }
}
