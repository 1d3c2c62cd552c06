package dev.pdkit.internal.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.AlertPayload;
import dev.pdkit.events.ChangeEvent;
import dev.pdkit.events.Image;
import dev.pdkit.events.Link;
import dev.pdkit.internal.json.Json;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Wire bodies of events, written by hand rather than by data binding because the routing key is a
 * {@link dev.pdkit.Secret} that must only be revealed here, at the last moment.
 */
public final class EventBodies {
  private EventBodies() {}

  /** The {@code /v2/enqueue} body of an alert event. */
  public static ObjectNode alert(AlertEvent e) {
    ObjectNode body = Json.object();
    body.put("routing_key", e.routingKey().reveal());
    body.put("event_action", e.action().wireValue());
    putIfPresent(body, "dedup_key", e.dedupKey());
    AlertPayload p = e.payload();
    if (p != null) {
      ObjectNode payload = body.putObject("payload");
      putIfPresent(payload, "summary", p.summary());
      putIfPresent(payload, "source", p.source());
      putIfPresent(payload, "severity", p.severity() == null ? null : p.severity().wireValue());
      putIfPresent(payload, "timestamp", time(p.timestamp()));
      putIfPresent(payload, "component", p.component());
      putIfPresent(payload, "group", p.group());
      putIfPresent(payload, "class", p.eventClass());
      putDetails(payload, p.customDetails());
    }
    if (!e.images().isEmpty()) {
      ArrayNode images = body.putArray("images");
      for (Image i : e.images()) {
        ObjectNode image = images.addObject();
        image.put("src", i.src());
        putIfPresent(image, "href", i.href());
        putIfPresent(image, "alt", i.alt());
      }
    }
    putLinks(body, e.links());
    putIfPresent(body, "client", e.client());
    putIfPresent(body, "client_url", e.clientUrl());
    return body;
  }

  /** The {@code /v2/change/enqueue} body of a change event. */
  public static ObjectNode change(ChangeEvent e) {
    ObjectNode body = Json.object();
    body.put("routing_key", e.routingKey().reveal());
    ObjectNode payload = body.putObject("payload");
    putIfPresent(payload, "summary", e.summary());
    putIfPresent(payload, "source", e.source());
    putIfPresent(payload, "timestamp", time(e.timestamp()));
    putDetails(payload, e.customDetails());
    putLinks(body, e.links());
    return body;
  }

  /** The UTF-8 size of a body as it goes on the wire. */
  public static int size(ObjectNode body) {
    return Json.write(body).length;
  }

  private static void putLinks(ObjectNode body, List<Link> links) {
    if (!links.isEmpty()) {
      ArrayNode array = body.putArray("links");
      for (Link l : links) {
        ObjectNode link = array.addObject();
        link.put("href", l.href());
        putIfPresent(link, "text", l.text());
      }
    }
  }

  private static void putDetails(ObjectNode payload, Map<String, @Nullable Object> details) {
    if (!details.isEmpty()) {
      payload.set("custom_details", FreeJson.tree(details));
    }
  }

  private static @Nullable String time(@Nullable OffsetDateTime t) {
    return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }

  private static void putIfPresent(ObjectNode node, String name, @Nullable String value) {
    if (value != null) {
      node.put(name, value);
    }
  }
}
