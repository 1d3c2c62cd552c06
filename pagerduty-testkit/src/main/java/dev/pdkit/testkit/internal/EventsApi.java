package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Events API v2 (SEMANTICS.md §9): {@code POST /v2/enqueue} and {@code POST /v2/change/enqueue}
 * (also {@code /enqueue} and {@code /change/enqueue} for clients configured with the bare host).
 *
 * <p>A well-formed event whose routing key matches no integration is answered 400 "invalid event"
 * with the error "Invalid routing key": real PagerDuty accepts unknown 32-character keys with 202
 * and silently drops them (UNVERIFIED), but in a test double a silent drop hides a mis-wired key,
 * so the fake says so.
 */
final class EventsApi {
  static final int MAX_BODY = 512 * 1024;
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
  private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");

  private EventsApi() {}

  static boolean isEvents(String path) {
    return path.equals("/v2/enqueue") || path.equals("/v2/change/enqueue")
        || path.equals("/enqueue") || path.equals("/change/enqueue");
  }

  static void register(Router r, FakeServer f) {
    r.add("POST", "/v2/enqueue", req -> enqueue(f, req));
    r.add("POST", "/enqueue", req -> enqueue(f, req));
    r.add("POST", "/v2/change/enqueue", req -> change(f, req));
    r.add("POST", "/change/enqueue", req -> change(f, req));
  }

  private static Resp invalid(List<String> errors) {
    ObjectNode b = J.obj();
    b.put("status", "invalid event");
    b.put("message", "Event object is invalid");
    ArrayNode a = b.putArray("errors");
    errors.forEach(a::add);
    return new Resp(400, b);
  }

  private static Resp unrecognized(String error) {
    ObjectNode b = J.obj();
    b.put("status", "Unrecognized object");
    b.put("message", "Event object format is unrecognized");
    b.putArray("errors").add(error);
    return new Resp(400, b);
  }

  private static Resp accepted(@Nullable String dedupKey) {
    ObjectNode b = J.obj();
    b.put("status", "success");
    b.put("message", "Event processed");
    if (dedupKey != null) {
      b.put("dedup_key", dedupKey);
    }
    return new Resp(202, b);
  }

  private static @Nullable JsonNode parse(Req req) {
    try {
      JsonNode n = J.parse(req.body);
      return n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Rate limit per routing key; returns a 429 response or null. */
  private static @Nullable Resp limit(FakeServer f, String routingKey) {
    Integer limit = f.rateLimits().eventsPerMinutePerKey();
    if (limit == null) {
      return null;
    }
    RateLimiter.Decision d = f.limiter.acquire("events:" + routingKey, limit, f.now());
    if (d.allowed()) {
      return null;
    }
    // Events 429s carry the same headers as REST ones (PagerDuty documents none for Events)
    ObjectNode b = J.obj();
    b.put("status", "throttle event");
    b.put("message", "Requests for this service are arriving too quickly. Please retry later.");
    b.putArray("errors").add("Rate limit of " + limit + " events per minute for this routing key exceeded");
    return FakeServer.withLimitHeaders(new Resp(429, b), d).header("retry-after", Long.toString(d.resetSeconds()));
  }

  private static Resp enqueue(FakeServer f, Req req) {
    if (req.body.length > MAX_BODY) {
      return invalid(List.of("Event payload is larger than 512 KB (" + req.body.length + " bytes)"));
    }
    JsonNode ev = parse(req);
    if (ev == null) {
      return unrecognized("JSON parse error");
    }
    List<String> errors = new ArrayList<>();
    String routingKey = J.text(ev, "routing_key");
    String action = J.text(ev, "event_action");
    String dedupKey = J.text(ev, "dedup_key");
    if (routingKey == null) {
      errors.add("'routing_key' is missing or blank");
    } else if (routingKey.length() != 32) {
      errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
    }
    if (action == null) {
      errors.add("'event_action' is missing or blank");
    } else if (!ACTIONS.contains(action)) {
      errors.add("'event_action' is invalid (must be one of trigger, acknowledge, resolve)");
    }
    if (dedupKey != null && dedupKey.length() > 255) {
      errors.add("Length of 'dedup_key' is too long (maximum is 255 characters)");
    }
    if (("acknowledge".equals(action) || "resolve".equals(action)) && (dedupKey == null || dedupKey.isBlank())) {
      errors.add("'dedup_key' is missing or blank (required for " + action + ")");
    }
    JsonNode payload = ev.get("payload");
    if ("trigger".equals(action)) {
      if (payload == null || !payload.isObject()) {
        errors.add("'payload' is missing or not an object");
      } else {
        String summary = J.text(payload, "summary");
        String source = J.text(payload, "source");
        String severity = J.text(payload, "severity");
        if (summary == null || summary.isBlank()) {
          errors.add("'payload.summary' is missing or blank");
        } else if (summary.length() > 1024) {
          errors.add("Length of 'payload.summary' is too long (maximum is 1024 characters)");
        }
        if (source == null || source.isBlank()) {
          errors.add("'payload.source' is missing or blank");
        }
        if (severity == null || severity.isBlank()) {
          errors.add("'payload.severity' is missing or blank");
        } else if (!SEVERITIES.contains(severity)) {
          errors.add("'payload.severity' is invalid (must be one of critical, error, warning, info)");
        }
        JsonNode ts = payload.get("timestamp");
        if (ts != null && !ts.isNull() && SimpleOnCall.time(ts.asText()) == null) {
          errors.add("'payload.timestamp' is not a valid ISO 8601 timestamp");
        }
        JsonNode cd = payload.get("custom_details");
        if (cd != null && !cd.isNull() && !cd.isObject() && !cd.isTextual()) {
          errors.add("'payload.custom_details' must be an object");
        }
      }
      for (JsonNode img : ev.path("images")) {
        String src = J.text(img, "src");
        if (src == null) {
          errors.add("'images[].src' is missing");
        } else if (!src.startsWith("https://")) {
          errors.add("'images[].src' must be an HTTPS URL");
        }
      }
      for (JsonNode link : ev.path("links")) {
        if (J.text(link, "href") == null) {
          errors.add("'links[].href' is missing");
        }
      }
    }
    if (!errors.isEmpty()) {
      return invalid(errors);
    }
    Resp limited = limit(f, routingKey);
    if (limited != null) {
      return limited;
    }
    ObjectNode integration = integrationByKey(f, routingKey);
    if (integration == null) {
      return invalid(List.of("Invalid routing key: no integration has this key"));
    }
    if ("trigger".equals(action)) {
      String key = dedupKey == null || dedupKey.isBlank() ? f.ids.uuid() : dedupKey;
      f.engine.trigger(integration, key, (ObjectNode) ev);
      return accepted(key);
    }
    f.engine.followUp(integration, dedupKey, action, (ObjectNode) ev);
    return accepted(dedupKey);
  }

  private static Resp change(FakeServer f, Req req) {
    if (req.body.length > MAX_BODY) {
      return invalid(List.of("Event payload is larger than 512 KB (" + req.body.length + " bytes)"));
    }
    JsonNode ev = parse(req);
    if (ev == null) {
      return unrecognized("JSON parse error");
    }
    List<String> errors = new ArrayList<>();
    String routingKey = J.text(ev, "routing_key");
    if (routingKey == null) {
      errors.add("'routing_key' is missing or blank");
    } else if (routingKey.length() != 32) {
      errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
    } else if (routingKey.startsWith("R")) {
      errors.add("Change events cannot be sent to ruleset routing keys");
    }
    JsonNode payload = ev.get("payload");
    String summary = J.text(payload, "summary");
    if (payload == null || !payload.isObject()) {
      errors.add("'payload' is missing or not an object");
    } else if (summary == null || summary.isBlank()) {
      errors.add("'payload.summary' is missing or blank");
    } else if (summary.length() > 1024) {
      errors.add("Length of 'payload.summary' is too long (maximum is 1024 characters)");
    }
    if (payload != null && payload.hasNonNull("timestamp") && SimpleOnCall.time(payload.get("timestamp").asText()) == null) {
      errors.add("'payload.timestamp' is not a valid ISO 8601 timestamp");
    }
    if (!errors.isEmpty()) {
      return invalid(errors);
    }
    Resp limited = limit(f, routingKey);
    if (limited != null) {
      return limited;
    }
    ObjectNode integration = integrationByKey(f, routingKey);
    if (integration == null) {
      return invalid(List.of("Invalid routing key: no integration has this key"));
    }
    ObjectNode ce = f.newEntity("change_events", "change_event");
    ce.put("summary", summary);
    ce.put("timestamp", payload.hasNonNull("timestamp")
        ? J.ts(SimpleOnCall.time(payload.get("timestamp").asText())) : f.nowTs());
    ce.put("source", J.text(payload, "source"));
    ObjectNode svc = f.store.get("services", J.text(integration, "_service_id"));
    ArrayNode services = ce.putArray("services");
    if (svc != null) {
      services.add(f.store.ref(svc));
    }
    ce.set("integration", f.store.ref(integration));
    ce.set("custom_details", payload.hasNonNull("custom_details") ? payload.get("custom_details") : J.obj());
    ce.set("links", ev.has("links") && ev.get("links").isArray() ? ev.get("links") : J.arr());
    ce.put("_received_at", f.nowTs());
    ce.put("_routing_key", routingKey);
    f.store.stamp(ce);
    return accepted(null);
  }

  static @Nullable ObjectNode integrationByKey(FakeServer f, String key) {
    ObjectNode cached = f.store.get("integrations", f.store.integrationKeyIndex.get(key));
    if (cached != null && key.equals(J.text(cached, "integration_key"))) {
      return cached;
    }
    for (ObjectNode i : f.store.c("integrations").values()) {
      if (key.equals(J.text(i, "integration_key"))) {
        f.store.integrationKeyIndex.put(key, J.text(i, "id"));
        return i;
      }
    }
    return null;
  }
}
