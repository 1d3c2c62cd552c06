package dev.pdkit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.Secret;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEventTest {
  static final String KEY = "0123456789abcdef0123456789abcdef";

  @Test
  void toString_neverShowsRoutingKey() {
    AlertEvent e = AlertEvent.trigger(Secret.of(KEY)).summary("s").build();
    ChangeEvent c = ChangeEvent.builder(Secret.of(KEY)).summary("s").build();
    assertThat(e.toString()).doesNotContain(KEY).contains("<redacted>");
    assertThat(c.toString()).doesNotContain(KEY).contains("<redacted>");
  }

  @Test
  @SuppressWarnings("unchecked")
  void build_customDetailsAreDeepCopiedAndUnmodifiable() {
    List<Object> list = new ArrayList<>(List.of("a"));
    Map<String, Object> nested = new HashMap<>(Map.of("list", list));
    Map<String, Object> details = new HashMap<>(Map.of("nested", nested));
    AlertEvent e = AlertEvent.trigger(Secret.of(KEY)).customDetails(details).build();
    list.add("b");
    nested.put("x", 1);
    details.put("y", 2);
    Map<String, Object> copy = e.payload().customDetails();
    assertThat(copy).containsOnlyKeys("nested");
    @SuppressWarnings("unchecked")
    Map<String, Object> nestedCopy = (Map<String, Object>) copy.get("nested");
    assertThat(nestedCopy).containsOnlyKeys("list");
    assertThat((List<Object>) nestedCopy.get("list")).containsExactly("a");
    assertThatThrownBy(() -> copy.put("z", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<Object>) nestedCopy.get("list")).add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void build_acknowledgeWithoutPayloadFields_hasNoPayload() {
    AlertEvent ack = AlertEvent.acknowledge(Secret.of(KEY), "k").build();
    assertThat(ack.payload()).isNull();
    assertThat(ack.action()).isEqualTo(EventAction.ACKNOWLEDGE);
    assertThat(ack.dedupKey()).isEqualTo("k");
    AlertEvent withSummary = AlertEvent.resolve(Secret.of(KEY), "k").summary("fixed").build();
    assertThat(withSummary.payload().summary()).isEqualTo("fixed");
  }

  @Test
  void build_triggerAlwaysHasPayload() {
    assertThat(AlertEvent.trigger(Secret.of(KEY)).build().payload()).isNotNull();
  }

  @Test
  void toBuilder_roundTripsEveryField() {
    AlertEvent e = AlertEvent.trigger(Secret.of(KEY)).dedupKey("d").summary("s").source("src")
        .severity(Severity.WARNING).timestamp(OffsetDateTime.parse("2026-01-01T00:00:00Z"))
        .component("c").group("g").eventClass("cl").customDetail("k", "v")
        .image(Image.of("https://e.com/i")).link(Link.of("https://e.com")).client("cli")
        .clientUrl("https://cli").build();
    assertThat(e.toBuilder().build()).isEqualTo(e);
    AlertEvent ack = AlertEvent.acknowledge(Secret.of(KEY), "d").build();
    assertThat(ack.toBuilder().build()).isEqualTo(ack);
    assertThat(e.withDedupKey("other").dedupKey()).isEqualTo("other");
    assertThat(e.withPayload(null).payload()).isNull();
  }

  @Test
  void builder_customDetailsNull_clears() {
    AlertEvent e = AlertEvent.trigger(Secret.of(KEY)).customDetail("a", 1).customDetails(null)
        .build();
    assertThat(e.payload().customDetails()).isEmpty();
  }

  @Test
  void record_nullLists_becomeEmpty() {
    AlertEvent e = new AlertEvent(Secret.of(KEY), EventAction.TRIGGER, null, null, null, null,
        null, null);
    assertThat(e.images()).isEmpty();
    assertThat(e.links()).isEmpty();
    ChangeEvent c = new ChangeEvent(Secret.of(KEY), "s", null, null, null, null);
    assertThat(c.links()).isEmpty();
    assertThat(c.customDetails()).isEmpty();
  }

  @Test
  void changeBuilder_setsEveryField() {
    OffsetDateTime t = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    ChangeEvent c = ChangeEvent.builder(Secret.of(KEY)).summary("s").source("src").timestamp(t)
        .customDetails(Map.of("a", 1)).customDetail("b", 2).link(Link.of("https://e.com"))
        .build();
    assertThat(c.source()).isEqualTo("src");
    assertThat(c.timestamp()).isEqualTo(t);
    assertThat(c.customDetails()).containsEntry("a", 1).containsEntry("b", 2);
    assertThat(c.links()).containsExactly(Link.of("https://e.com"));
    assertThat(c.withSummary("t").summary()).isEqualTo("t");
    assertThat(ChangeEvent.builder(Secret.of(KEY)).customDetail("a", 1).customDetails(null)
        .build().customDetails()).isEmpty();
  }

  @Test
  void severity_parse_acceptsWireSpellingAndNamesChoicesOtherwise() {
    assertThat(Severity.parse(" Critical ")).isEqualTo(Severity.CRITICAL);
    assertThat(Severity.parse("info")).isEqualTo(Severity.INFO);
    assertThat(Severity.WARNING.wireValue()).isEqualTo("warning");
    assertThatThrownBy(() -> Severity.parse("high"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("critical, error, warning, info");
  }

  @Test
  void imageAndLink_factories() {
    assertThat(Image.of("https://e.com/a")).isEqualTo(new Image("https://e.com/a", null, null));
    assertThat(Link.of("https://e.com")).isEqualTo(new Link("https://e.com", null));
    assertThatThrownBy(() -> new Link(null, "t")).isInstanceOf(NullPointerException.class);
  }

  @Test
  void eventResult_nullStatusAndMessage_becomeEmpty() {
    EventResult r = new EventResult(null, null, null);
    assertThat(r.status()).isEmpty();
    assertThat(r.message()).isEmpty();
  }
}
