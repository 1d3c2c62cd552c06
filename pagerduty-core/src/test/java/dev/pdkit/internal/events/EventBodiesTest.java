package dev.pdkit.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.ChangeEvent;
import dev.pdkit.events.Image;
import dev.pdkit.events.Severity;
import dev.pdkit.internal.json.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBodiesTest {
  static final String KEY = "0123456789abcdef0123456789abcdef";

  @Test
  void alert_triggerWithEveryField_writesDocumentedShape() throws Exception {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("free_bytes", 0);
    nested.put("mounts", Arrays.asList("/", "/data", null));
    AlertEvent e = AlertEvent.trigger(Secret.of(KEY)).dedupKey("disk-db-1")
        .summary("Disk full").source("db-1").severity(Severity.CRITICAL)
        .timestamp(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)))
        .component("disk").group("db").eventClass("capacity")
        .customDetail("disk", nested).customDetail("note", null)
        .image(new Image("https://e.com/a.png", "https://e.com", "graph"))
        .image(Image.of("https://e.com/b.png"))
        .link("https://e.com/runbook", "runbook").link("https://e.com/x", null)
        .client("Monitor").clientUrl("https://monitor.e.com").build();
    JsonNode expected = Json.mapper().readTree("""
        {"routing_key":"0123456789abcdef0123456789abcdef","event_action":"trigger",
         "dedup_key":"disk-db-1",
         "payload":{"summary":"Disk full","source":"db-1","severity":"critical",
           "timestamp":"2026-01-02T03:04:05+02:00","component":"disk","group":"db",
           "class":"capacity",
           "custom_details":{"disk":{"free_bytes":0,"mounts":["/","/data",null]},"note":null}},
         "images":[{"src":"https://e.com/a.png","href":"https://e.com","alt":"graph"},
                   {"src":"https://e.com/b.png"}],
         "links":[{"href":"https://e.com/runbook","text":"runbook"},{"href":"https://e.com/x"}],
         "client":"Monitor","client_url":"https://monitor.e.com"}
        """);
    assertThat(EventBodies.alert(e)).isEqualTo(expected);
  }

  @Test
  void alert_acknowledge_hasNoPayload() throws Exception {
    AlertEvent e = AlertEvent.acknowledge(Secret.of(KEY), "k1").build();
    assertThat(EventBodies.alert(e)).isEqualTo(Json.mapper().readTree(
        "{\"routing_key\":\"" + KEY + "\",\"event_action\":\"acknowledge\",\"dedup_key\":\"k1\"}"));
    AlertEvent r = AlertEvent.resolve(Secret.of(KEY), "k1").build();
    assertThat(EventBodies.alert(r).get("event_action").asText()).isEqualTo("resolve");
  }

  @Test
  void change_writesDocumentedShape() throws Exception {
    ChangeEvent e = ChangeEvent.builder(Secret.of(KEY)).summary("Build Success").source("ci")
        .timestamp(OffsetDateTime.of(2015, 7, 17, 8, 42, 58, 315_000_000, ZoneOffset.UTC))
        .customDetail("build_number", "220").link("https://ci.e.com/220", "View").build();
    assertThat(EventBodies.change(e)).isEqualTo(Json.mapper().readTree("""
        {"routing_key":"0123456789abcdef0123456789abcdef",
         "payload":{"summary":"Build Success","source":"ci","timestamp":"2015-07-17T08:42:58.315Z",
           "custom_details":{"build_number":"220"}},
         "links":[{"href":"https://ci.e.com/220","text":"View"}]}
        """));
  }

  @Test
  void change_minimal_omitsAbsentFields() throws Exception {
    ChangeEvent e = ChangeEvent.builder(Secret.of(KEY)).summary("x").build();
    assertThat(EventBodies.change(e)).isEqualTo(Json.mapper().readTree(
        "{\"routing_key\":\"" + KEY + "\",\"payload\":{\"summary\":\"x\"}}"));
  }
}
