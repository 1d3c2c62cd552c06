package dev.pdkit.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.ChangeEvent;
import dev.pdkit.events.EventAction;
import dev.pdkit.events.EventLimits;
import dev.pdkit.events.Image;
import dev.pdkit.events.LimitPolicy;
import dev.pdkit.events.Link;
import dev.pdkit.events.Severity;
import dev.pdkit.errors.ValidationException.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventValidationTest {
  static final String KEY_TEXT = "R0utingKey0123456789abcdef012345";
  static final Secret KEY = Secret.of("a".repeat(32));

  static AlertEvent.Builder validTrigger() {
    return AlertEvent.trigger(KEY).summary("disk full").source("db-1").severity(Severity.ERROR);
  }

  static List<String> fields(List<Problem> problems) {
    return problems.stream().map(Problem::field).toList();
  }

  @Test
  void check_validTrigger_noProblems() {
    assertThat(EventValidation.check(validTrigger()
        .dedupKey("k").component("disk").group("db").eventClass("capacity")
        .customDetail("free", 0).image(new Image("https://example.com/a.png", "https://x.io", "a"))
        .link("https://example.com/run", "runbook").client("mon").clientUrl("http://mon.local/x")
        .build())).isEmpty();
  }

  static Stream<Arguments> limits() {
    return Stream.of(
        // field, event, expected problem field or null when valid
        Arguments.of("routing key 31", AlertEvent.trigger(Secret.of("a".repeat(31)))
            .summary("s").source("s").severity(Severity.INFO).build(), "routing_key"),
        Arguments.of("routing key 32", validTrigger().build(), null),
        Arguments.of("routing key 33", AlertEvent.trigger(Secret.of("a".repeat(33)))
            .summary("s").source("s").severity(Severity.INFO).build(), "routing_key"),
        Arguments.of("summary 1023", validTrigger().summary("s".repeat(1023)).build(), null),
        Arguments.of("summary 1024", validTrigger().summary("s".repeat(1024)).build(), null),
        Arguments.of("summary 1025", validTrigger().summary("s".repeat(1025)).build(),
            "payload.summary"),
        Arguments.of("summary missing", validTrigger().summary(null).build(), "payload.summary"),
        Arguments.of("summary blank", validTrigger().summary("  ").build(), "payload.summary"),
        Arguments.of("source missing", validTrigger().source(null).build(), "payload.source"),
        Arguments.of("severity missing", validTrigger().severity(null).build(),
            "payload.severity"),
        Arguments.of("dedup 255", validTrigger().dedupKey("d".repeat(255)).build(), null),
        Arguments.of("dedup 256", validTrigger().dedupKey("d".repeat(256)).build(), "dedup_key"),
        Arguments.of("ack dedup 256", AlertEvent.acknowledge(KEY, "d".repeat(256)).build(),
            "dedup_key"),
        Arguments.of("ack without dedup", AlertEvent.builder(KEY, EventAction.ACKNOWLEDGE)
            .build(), "dedup_key"),
        Arguments.of("resolve blank dedup", AlertEvent.builder(KEY, EventAction.RESOLVE)
            .dedupKey(" ").build(), "dedup_key"),
        Arguments.of("resolve ok", AlertEvent.resolve(KEY, "k").build(), null),
        Arguments.of("ack long summary", AlertEvent.acknowledge(KEY, "k").summary("s".repeat(1025))
            .build(), "payload.summary"),
        Arguments.of("image http", validTrigger().image(Image.of("http://example.com/a.png"))
            .build(), "images[0].src"),
        Arguments.of("image relative", validTrigger().image(Image.of("/a.png")).build(),
            "images[0].src"),
        Arguments.of("image https upper", validTrigger().image(Image.of("HTTPS://example.com/a"))
            .build(), null),
        Arguments.of("image bad href", validTrigger()
            .image(new Image("https://e.com/a", "not a url", null)).build(), "images[0].href"),
        Arguments.of("link relative", validTrigger().link(Link.of("runbook")).build(),
            "links[0].href"),
        Arguments.of("link ftp", validTrigger().link(Link.of("ftp://e.com/x")).build(),
            "links[0].href"),
        Arguments.of("link bad syntax", validTrigger().link(Link.of("http://e com/ x")).build(),
            "links[0].href"),
        Arguments.of("client url", validTrigger().clientUrl("mon.local").build(), "client_url"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void check_limitTable_reportsExpectedField(String name, AlertEvent event, String field) {
    List<Problem> problems = EventValidation.check(event);
    if (field == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(fields(problems)).containsExactly(field);
    }
  }

  @Test
  void check_triggerWithoutPayload_reportsPayload() {
    AlertEvent e = new AlertEvent(KEY, EventAction.TRIGGER, null, null, null, null, null, null);
    assertThat(fields(EventValidation.check(e))).containsExactly("payload");
  }

  @Test
  void check_manyProblems_reportsAllAtOnceWithoutTheKey() {
    Secret key = Secret.of(KEY_TEXT.substring(0, 30));
    AlertEvent e = AlertEvent.trigger(key).dedupKey("d".repeat(300))
        .image(Image.of("http://x.io/a")).link(Link.of("x")).build();
    List<Problem> problems = EventValidation.check(e);
    assertThat(fields(problems)).containsExactly("routing_key", "dedup_key", "payload.summary",
        "payload.source", "payload.severity", "images[0].src", "links[0].href");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain(key.reveal()));
    assertThat(problems.get(0).message()).contains("exactly 32 characters, was 30");
    assertThat(problems.get(1).message()).contains("300 characters", "at most 255");
  }

  @Test
  void check_summary1025_messageNamesLengthAndPolicy() {
    Problem p = EventValidation.check(validTrigger().summary("s".repeat(1025)).build()).get(0);
    assertThat(p.message()).contains("1,025 characters", "at most 1,024", "TRUNCATE");
  }

  @Test
  void check_bodyAtExactLimit_acceptedAndOneByteMore_rejected() {
    AlertEvent base = validTrigger().customDetail("pad", "").build();
    int baseSize = EventBodies.size(EventBodies.alert(base));
    int room = EventLimits.MAX_BODY_BYTES - baseSize;
    AlertEvent exact = validTrigger().customDetail("pad", "x".repeat(room)).build();
    AlertEvent over = validTrigger().customDetail("pad", "x".repeat(room + 1)).build();
    assertThat(EventBodies.size(EventBodies.alert(exact))).isEqualTo(EventLimits.MAX_BODY_BYTES);
    assertThat(EventValidation.check(exact)).isEmpty();
    List<Problem> problems = EventValidation.check(over);
    assertThat(fields(problems)).containsExactly("payload");
    assertThat(problems.get(0).message()).contains("524,289 bytes", "524,288");
  }

  @Test
  void check_bodySizeCountsUtf8Bytes() {
    // 3 bytes per char in UTF-8: 200,000 chars is ~600 KB although well under 512 K chars.
    AlertEvent e = validTrigger().customDetail("text", "\u20ac".repeat(200_000)).build();
    assertThat(fields(EventValidation.check(e))).containsExactly("payload");
  }

  @Test
  void check_validChange_noProblems() {
    ChangeEvent e = ChangeEvent.builder(KEY).summary("deployed v2").source("ci")
        .link("https://ci.local/1", null).customDetail("build", 220).build();
    assertThat(EventValidation.check(e)).isEmpty();
  }

  @Test
  void check_changeToRulesetKeyWithoutSummary_reportsBoth() {
    ChangeEvent e = ChangeEvent.builder(Secret.of(KEY_TEXT)).link("nope", "x").build();
    List<Problem> problems = EventValidation.check(e);
    assertThat(fields(problems)).containsExactly("routing_key", "payload.summary",
        "links[0].href");
    assertThat(problems.get(0).message()).contains("ruleset").doesNotContain(KEY_TEXT);
  }

  @Test
  void check_changeSummaryBoundaries() {
    assertThat(EventValidation.check(ChangeEvent.builder(KEY).summary("c".repeat(1024)).build()))
        .isEmpty();
    assertThat(fields(EventValidation.check(
        ChangeEvent.builder(KEY).summary("c".repeat(1025)).build())))
        .containsExactly("payload.summary");
  }

  @Test
  void check_changeOverSize_reportsPayload() {
    ChangeEvent e = ChangeEvent.builder(KEY).summary("s")
        .customDetail("pad", "x".repeat(EventLimits.MAX_BODY_BYTES)).build();
    assertThat(fields(EventValidation.check(e))).containsExactly("payload");
  }

  @Test
  void apply_truncate_cutsSummaryTo1024WithEllipsis() {
    AlertEvent e = EventValidation.apply(validTrigger().summary("s".repeat(2000)).build(),
        LimitPolicy.TRUNCATE);
    String summary = e.payload().summary();
    assertThat(summary).hasSize(1024).endsWith("\u2026").startsWith("s".repeat(1023));
    assertThat(EventValidation.check(e)).isEmpty();
  }

  @Test
  void apply_truncateAtBoundary_leavesExactFitAlone() {
    AlertEvent fits = validTrigger().summary("s".repeat(1024)).build();
    assertThat(EventValidation.apply(fits, LimitPolicy.TRUNCATE)).isSameAs(fits);
    AlertEvent over = validTrigger().summary("s".repeat(1025)).build();
    assertThat(EventValidation.apply(over, LimitPolicy.TRUNCATE).payload().summary())
        .hasSize(1024).endsWith("\u2026");
  }

  @Test
  void apply_reject_leavesEventUnchanged() {
    AlertEvent e = validTrigger().summary("s".repeat(2000)).build();
    assertThat(EventValidation.apply(e, LimitPolicy.REJECT)).isSameAs(e);
    ChangeEvent c = ChangeEvent.builder(KEY).summary("s".repeat(2000)).build();
    assertThat(EventValidation.apply(c, LimitPolicy.REJECT)).isSameAs(c);
  }

  @Test
  void apply_truncate_doesNotFixDedupKeyOrOtherLimits() {
    AlertEvent e = EventValidation.apply(validTrigger().summary("s".repeat(2000))
        .dedupKey("d".repeat(256)).build(), LimitPolicy.TRUNCATE);
    assertThat(fields(EventValidation.check(e))).containsExactly("dedup_key");
  }

  @Test
  void apply_truncateWithoutPayloadOrSummary_unchanged() {
    AlertEvent ack = AlertEvent.acknowledge(KEY, "k").build();
    assertThat(EventValidation.apply(ack, LimitPolicy.TRUNCATE)).isSameAs(ack);
    AlertEvent noSummary = validTrigger().summary(null).build();
    assertThat(EventValidation.apply(noSummary, LimitPolicy.TRUNCATE)).isSameAs(noSummary);
  }

  @Test
  void apply_truncateChange_cutsSummary() {
    ChangeEvent c = EventValidation.apply(ChangeEvent.builder(KEY).summary("c".repeat(1500))
        .build(), LimitPolicy.TRUNCATE);
    assertThat(c.summary()).hasSize(1024).endsWith("\u2026");
    ChangeEvent none = ChangeEvent.builder(KEY).build();
    assertThat(EventValidation.apply(none, LimitPolicy.TRUNCATE)).isSameAs(none);
  }

  @Test
  void truncate_neverSplitsSurrogatePair() {
    // 1022 ASCII chars, then an emoji (2 chars) spanning positions 1022-1023, then more text.
    String text = "a".repeat(1022) + "\uD83D\uDE00" + "tail";
    String cut = EventValidation.truncate(text, 1024);
    assertThat(cut).isEqualTo("a".repeat(1022) + "\u2026");
    assertThat(EventValidation.truncate("short", 1024)).isEqualTo("short");
  }
}
