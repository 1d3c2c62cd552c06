package dev.pdkit.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the fake's request journal ({@link FakePagerDuty#requests()}, {@code GET /_fake/requests}).
 * Header names are lower case; the {@code authorization} header value is redacted to its scheme.
 *
 * @param sequence 1-based order of arrival
 * @param at virtual-clock time of arrival
 * @param method HTTP method
 * @param path request path without the query
 * @param query raw query string, or empty
 * @param headers request headers (lower-case names)
 * @param body raw request body bytes (possibly empty)
 * @param status status answered, or 0 when the connection was dropped by a fault
 */
public record RecordedRequest(
    long sequence,
    Instant at,
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    byte[] body,
    int status) {

  /** Copies the collections. */
  public RecordedRequest {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = query == null ? "" : query;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    body = body == null ? new byte[0] : body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of a header (case-insensitive), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "RecordedRequest[" + sequence + " " + method + " " + path
        + (query.isEmpty() ? "" : "?" + query) + " -> " + status + "]";
  }
}
