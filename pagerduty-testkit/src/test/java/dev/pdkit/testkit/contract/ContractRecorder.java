package dev.pdkit.testkit.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Sends requests to a fake over the real JDK HTTP stack and validates every request and its
 * response against PagerDuty's OpenAPI documents; remembers which fake route each exchange hit.
 * Not thread-safe.
 */
public final class ContractRecorder {
  private static final ObjectMapper M = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /** One validated exchange. */
  public record Exchange(String route, String method, String path, int status, JsonNode json, List<String> problems) {
    public JsonNode at(String pointer) {
      return json.at(pointer);
    }

    public String text(String pointer) {
      JsonNode n = json.at(pointer);
      if (n.isMissingNode() || n.isNull()) {
        throw new AssertionError(method + " " + path + " (" + status + "): no " + pointer + " in " + json);
      }
      return n.asText();
    }
  }

  private final String base;
  private final OpenApiInteractionValidator rest;
  private final OpenApiInteractionValidator events;
  private final BiFunction<String, String, String> routeOf;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final List<Exchange> exchanges = new ArrayList<>();
  private final Set<String> warnings = new java.util.TreeSet<>();
  private final Map<String, Erratum> errata = new LinkedHashMap<>();
  private final Set<String> unvalidated = new java.util.HashSet<>();
  private boolean nextRequestInvalid;

  /**
   * A documented disagreement between PagerDuty's document and its real behaviour: on {@code
   * route} answering {@code status}, messages with these keys are not failures, and the response
   * is validated as if it had status {@code specStatus} (0 = unchanged).
   */
  public record Erratum(String route, int status, Set<String> ignoredKeys, int specStatus, String why) {}

  /**
   * @param routeOf (method, path) to the fake's route {@code "METHOD /template"}, or null
   */
  public ContractRecorder(
      String base, OpenApiInteractionValidator rest, OpenApiInteractionValidator events,
      BiFunction<String, String, String> routeOf) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.rest = rest;
    this.events = events;
    this.routeOf = routeOf;
  }

  /** Sets (or with null removes) a header sent on every following request. */
  public ContractRecorder header(String name, String value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.put(name, value);
    }
    return this;
  }

  /** Registers a documented erratum (see {@link Erratum}). */
  public ContractRecorder erratum(Erratum e) {
    errata.put(e.route() + " " + e.status(), e);
    return this;
  }

  /** Routes that are exercised but not validated (the document does not describe them). */
  public ContractRecorder unvalidated(java.util.Collection<String> routes) {
    unvalidated.addAll(routes);
    return this;
  }

  /** The next request is deliberately invalid: request-side messages are expected, not failures. */
  public ContractRecorder invalidRequest() {
    nextRequestInvalid = true;
    return this;
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  public Exchange get(String pathAndQuery) {
    return send("GET", pathAndQuery, null);
  }

  public Exchange post(String pathAndQuery, String json) {
    return send("POST", pathAndQuery, json);
  }

  public Exchange put(String pathAndQuery, String json) {
    return send("PUT", pathAndQuery, json);
  }

  public Exchange delete(String pathAndQuery) {
    return send("DELETE", pathAndQuery, null);
  }

  /** Sends one request and validates it and its response; the exchange is recorded either way. */
  public Exchange send(String method, String pathAndQuery, String json) {
    URI uri = URI.create(base + pathAndQuery);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    headers.forEach(b::header);
    if (json != null) {
      if (!headers.containsKey("Content-Type")) {
        b.header("Content-Type", "application/json");
      }
      b.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> resp;
    try {
      resp = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String path = uri.getRawPath();
    String route = routeOf.apply(method, path);
    boolean isEvents = path.endsWith("/enqueue");
    // the fake also serves the Events API at the bare host (/enqueue); the document's server is /v2
    String specPath = isEvents && !path.startsWith("/v2/") ? "/v2" + path : path;
    SimpleRequest.Builder rq = new SimpleRequest.Builder(method, specPath);
    headers.forEach(rq::withHeader);
    if (json != null) {
      if (!headers.containsKey("Content-Type")) {
        rq.withContentType("application/json");
      }
      rq.withBody(json);
    }
    query(uri.getRawQuery()).forEach(rq::withQueryParam);
    Erratum erratum = route == null ? null : errata.get(route + " " + resp.statusCode());
    boolean invalidRequest = nextRequestInvalid;
    nextRequestInvalid = false;
    SimpleResponse.Builder rs = SimpleResponse.Builder.status(
        erratum != null && erratum.specStatus() > 0 ? erratum.specStatus() : resp.statusCode());
    resp.headers().map().forEach((k, v) -> {
      if (!k.startsWith(":")) {
        rs.withHeader(k, v);
      }
    });
    if (!resp.body().isEmpty()) {
      rs.withBody(resp.body());
    }
    ValidationReport report = unvalidated.contains(route)
        ? ValidationReport.empty()
        : (isEvents ? events : rest).validate(rq.build(), rs.build());
    List<String> problems = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      boolean excused = (invalidRequest && m.getKey().startsWith("validation.request."))
          || (erratum != null && erratum.ignoredKeys().contains(m.getKey()));
      if (m.getLevel() == ValidationReport.Level.ERROR && !excused) {
        problems.add(describe(m));
      } else if (m.getLevel() == ValidationReport.Level.WARN) {
        warnings.add(method + " " + path + ": " + m.getMessage());
      }
    }
    JsonNode body = MissingNode.getInstance();
    if (!resp.body().isEmpty()) {
      try {
        body = M.readTree(resp.body());
      } catch (IOException e) {
        problems.add("response body is not JSON: " + resp.body());
      }
    }
    Exchange ex = new Exchange(route == null ? "(no route) " + method + " " + path : route, method,
        pathAndQuery, resp.statusCode(), body, problems);
    exchanges.add(ex);
    return ex;
  }

  private static String describe(ValidationReport.Message m) {
    StringBuilder sb = new StringBuilder(m.getKey()).append(": ").append(m.getMessage());
    for (ValidationReport.Message n : m.getNestedMessages()) {
      sb.append("\n      - ").append(n.getMessage());
    }
    return sb.toString();
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }

  /** Every spec violation seen, one block per exchange, or an empty string. */
  public String violations() {
    StringBuilder sb = new StringBuilder();
    for (Exchange e : exchanges) {
      if (!e.problems().isEmpty()) {
        sb.append(e.method()).append(' ').append(e.path()).append(" -> ").append(e.status())
            .append(" [").append(e.route()).append("]\n");
        e.problems().forEach(p -> sb.append("    ").append(p).append('\n'));
        String body = e.json().toString();
        sb.append("    response: ").append(body.length() > 4000 ? body.substring(0, 4000) + "..." : body).append('\n');
      }
    }
    return sb.toString();
  }

  /** Warnings (fields the documents do not list, and the like), sorted, without duplicates. */
  public Set<String> warnings() {
    return java.util.Collections.unmodifiableSet(warnings);
  }

  /** Route to the statuses seen on it, sorted by route. */
  public Map<String, Set<Integer>> coverage() {
    Map<String, Set<Integer>> out = new TreeMap<>();
    for (Exchange e : exchanges) {
      out.computeIfAbsent(e.route(), k -> new LinkedHashSet<>()).add(e.status());
    }
    return out;
  }

  /** The routes of {@code implemented} with no exchange that got a 2xx answer. */
  public static List<String> uncovered(List<String> implemented, Map<String, Set<Integer>> coverage) {
    List<String> out = new ArrayList<>();
    for (String r : implemented) {
      Set<Integer> seen = coverage.get(r);
      if (seen == null || seen.stream().noneMatch(s -> s >= 200 && s < 300)) {
        out.add(r);
      }
    }
    return out;
  }
}
