package dev.pdkit.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request to PagerDuty, before authentication, retries and rate limiting are applied.
 * Immutable; build with {@link #builder(String, String)}.
 *
 * <p>{@code path} is relative to the API base URL and already percent-encoded where it holds ids
 * (use {@link #segment(String)}). {@code endpoint} is the operation template used for metrics and
 * logs, e.g. {@code GET /services/{id}}; it never contains an id or a secret.
 */
public final class ApiRequest {
  /** Which API a request goes to; they have different base URLs and authentication. */
  public enum Api {
    /** REST API v2: token in the Authorization header. */
    REST,
    /** Events API v2: no auth header; the routing key travels in the body. */
    EVENTS
  }

  private final Api api;
  private final String method;
  private final String path;
  private final String endpoint;
  private final Map<String, List<String>> query;
  private final Map<String, String> headers;
  private final @Nullable Object body;
  private final @Nullable String from;
  private final boolean requiresFrom;
  private final boolean idempotent;
  private final @Nullable String rateLimitBucket;

  private ApiRequest(Builder b) {
    this.api = b.api;
    this.method = b.method;
    this.path = b.path;
    this.endpoint = b.endpoint != null ? b.endpoint : b.method + " " + b.path;
    Map<String, List<String>> q = new LinkedHashMap<>();
    b.query.forEach((k, v) -> q.put(k, List.copyOf(v)));
    this.query = Map.copyOf(q);
    this.headers = Map.copyOf(b.headers);
    this.body = b.body;
    this.from = b.from;
    this.requiresFrom = b.requiresFrom;
    this.idempotent = b.idempotent != null ? b.idempotent : !b.method.equals("POST");
    this.rateLimitBucket = b.rateLimitBucket;
  }

  /** Starts a request; {@code method} is upper case, {@code path} starts with {@code /}. */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /** Percent-encodes one path segment (an id), so that {@code /} or {@code ?} in it cannot escape. */
  public static String segment(String raw) {
    return java.net.URLEncoder.encode(raw, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  public Api api() {
    return api;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String endpoint() {
    return endpoint;
  }

  /** Query parameters in insertion order; a key may repeat (e.g. {@code statuses[]}). */
  public Map<String, List<String>> query() {
    return query;
  }

  /** Extra headers for this request only. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body, serialised to JSON by the transport; null for none. */
  public @Nullable Object body() {
    return body;
  }

  /** A per-call {@code From} override; null means the client default. */
  public @Nullable String from() {
    return from;
  }

  /** Whether PagerDuty requires a {@code From} header for this operation. */
  public boolean requiresFrom() {
    return requiresFrom;
  }

  /** Whether the request may be re-sent after a failure without a visible effect. */
  public boolean idempotent() {
    return idempotent;
  }

  /** A rate limit bucket other than the default for its API (e.g. an events routing key). */
  public @Nullable String rateLimitBucket() {
    return rateLimitBucket;
  }

  /** A builder starting from this request. */
  public Builder toBuilder() {
    Builder b = new Builder(method, path);
    b.api = api;
    b.endpoint = endpoint;
    query.forEach((k, v) -> b.query.put(k, new ArrayList<>(v)));
    b.headers.putAll(headers);
    b.body = body;
    b.from = from;
    b.requiresFrom = requiresFrom;
    b.idempotent = idempotent;
    b.rateLimitBucket = rateLimitBucket;
    return b;
  }

  @Override
  public String toString() {
    return "ApiRequest[" + endpoint + "]";
  }

  /** Builds an {@link ApiRequest}. Not thread-safe. */
  public static final class Builder {
    private Api api = Api.REST;
    private final String method;
    private final String path;
    private @Nullable String endpoint;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable Object body;
    private @Nullable String from;
    private boolean requiresFrom;
    private @Nullable Boolean idempotent;
    private @Nullable String rateLimitBucket;

    private Builder(String method, String path) {
      this.method = Objects.requireNonNull(method, "method");
      this.path = Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
    }

    public Builder api(Api api) {
      this.api = Objects.requireNonNull(api, "api");
      return this;
    }

    public Builder endpoint(String template) {
      this.endpoint = Objects.requireNonNull(template, "template");
      return this;
    }

    /** Adds a query value; null values are skipped, so optional filters can be passed directly. */
    public Builder query(String name, @Nullable Object value) {
      if (value != null) {
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(String.valueOf(value));
      }
      return this;
    }

    /** Replaces every value of {@code name} with {@code value} (removes it when null). */
    public Builder replaceQuery(String name, @Nullable Object value) {
      query.remove(Objects.requireNonNull(name, "name"));
      return query(name, value);
    }

    /** Adds every value under {@code name} (e.g. {@code statuses[]}). */
    public Builder queryAll(String name, @Nullable Iterable<?> values) {
      if (values != null) {
        for (Object v : values) {
          query(name, v);
        }
      }
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder body(@Nullable Object body) {
      this.body = body;
      return this;
    }

    public Builder from(@Nullable String from) {
      this.from = from;
      return this;
    }

    public Builder requiresFrom(boolean requiresFrom) {
      this.requiresFrom = requiresFrom;
      return this;
    }

    /** Overrides the default (every method but POST is idempotent). */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    public Builder rateLimitBucket(@Nullable String bucket) {
      this.rateLimitBucket = bucket;
      return this;
    }

    public ApiRequest build() {
      return new ApiRequest(this);
    }
  }
}
