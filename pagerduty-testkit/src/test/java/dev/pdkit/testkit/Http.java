package dev.pdkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain java.net.http helper for tests against a running fake. */
final class Http {
  static final ObjectMapper M = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response with parsed JSON (MissingNode when no body). */
  record R(int status, JsonNode json, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private final String base;
  private String token = "test-token";
  private String from;

  Http(FakePagerDuty fake) {
    this.base = fake.baseUrl().toString();
  }

  /** A copy using another token. */
  Http token(String token) {
    Http h = copy();
    h.token = token;
    return h;
  }

  /** A copy sending this From header. */
  Http from(String from) {
    Http h = copy();
    h.from = from;
    return h;
  }

  private Http copy() {
    Http h = new Http(base);
    h.token = token;
    h.from = from;
    return h;
  }

  R get(String path) {
    return send("GET", path, null);
  }

  R post(String path, String json) {
    return send("POST", path, json);
  }

  R put(String path, String json) {
    return send("PUT", path, json);
  }

  R delete(String path) {
    return send("DELETE", path, null);
  }

  R send(String method, String path, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .header("Accept", "application/vnd.pagerduty+json;version=2");
    if (token != null) {
      b.header("Authorization", "Token token=" + token);
    }
    if (from != null) {
      b.header("From", from);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> resp = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode node = resp.body() == null || resp.body().isEmpty()
          ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : M.readTree(resp.body());
      return new R(resp.statusCode(), node, resp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends an Events v2 body to /v2/enqueue (no auth). */
  R event(String json) {
    return withoutToken().post("/v2/enqueue", json);
  }

  Http withoutToken() {
    Http h = copy();
    h.token = null;
    return h;
  }

  private Http(String base) {
    this.base = base;
  }

  static String trigger(String routingKey, String dedupKey, String summary) {
    return "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\""
        + (dedupKey == null ? "" : ",\"dedup_key\":\"" + dedupKey + "\"")
        + ",\"payload\":{\"summary\":\"" + summary + "\",\"source\":\"host-1\",\"severity\":\"critical\"}}";
  }

  static String action(String routingKey, String dedupKey, String action) {
    return "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"" + action + "\",\"dedup_key\":\"" + dedupKey + "\"}";
  }
}
