package dev.pdkit.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.json.Json;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleLayer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelAdaptersTest {

  private static JsonNode example(String name) throws IOException {
    try (InputStream in = ModelAdaptersTest.class.getResourceAsStream("/openapi-examples/" + name)) {
      return Json.mapper().readTree(in);
    }
  }

  private static ScheduleLayer layer(String name, String userId) {
    return ScheduleLayer.builder()
        .name(name)
        .start(OffsetDateTime.parse("2024-01-01T00:00:00Z"))
        .rotationVirtualStart(OffsetDateTime.parse("2024-01-01T00:00:00Z"))
        .rotationTurnLengthSeconds(86_400)
        .addUser(userId)
        .build();
  }

  @Test
  void from_officialScheduleExample_rendersThePublishedLayerEntry() throws IOException {
    Schedule schedule = Json.mapper().treeToValue(example("schedule-get.json").get("schedule"), Schedule.class);

    ScheduleDefinition def = ScheduleDefinition.from(schedule, ScheduleDefinition.LayerOrder.HIGHEST_PRIORITY_FIRST);
    RenderedSchedule r =
        def.render(
            OffsetDateTime.parse("2015-11-09T00:00:00-05:00").toInstant(),
            OffsetDateTime.parse("2015-11-10T00:00:00-05:00").toInstant());

    assertThat(def.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(def.layers().get(0).restrictions())
        .containsExactly(Restriction.daily(LocalTime.of(8, 0), java.time.Duration.ofHours(9)));
    // the example's layer 1 rendered_schedule_entries: 2015-11-09 08:00-17:00 -05:00, PXPGF42
    assertThat(r.layers().get(0).entries())
        .containsExactly(
            new ScheduleEntry(
                OffsetDateTime.parse("2015-11-09T08:00:00-05:00").toInstant(),
                OffsetDateTime.parse("2015-11-09T17:00:00-05:00").toInstant(),
                "PXPGF42"));
  }

  @Test
  void from_layerOrder_decidesWhichLayerWins() {
    Schedule schedule =
        Schedule.builder().id("S1").name("s").timeZone("Etc/UTC").addLayer(layer("first", "A")).addLayer(layer("second", "B")).build();
    Instant at = Instant.parse("2024-01-02T12:00:00Z");

    assertThat(ScheduleDefinition.from(schedule, ScheduleDefinition.LayerOrder.LOWEST_PRIORITY_FIRST).onCallAt(at))
        .contains("B");
    assertThat(ScheduleDefinition.from(schedule, ScheduleDefinition.LayerOrder.HIGHEST_PRIORITY_FIRST).onCallAt(at))
        .contains("A");
  }

  @Test
  void from_withOverrides_andWeeklyRestriction() {
    Schedule schedule =
        Schedule.builder()
            .id("S1")
            .name("s")
            .timeZone("Europe/Berlin")
            .addLayer(
                layer("l", "A").toBuilder()
                    .addRestriction(dev.pdkit.model.Restriction.weekly(2, LocalTime.of(9, 0), 3600))
                    .build())
            .build();
    ScheduleDefinition def =
        ScheduleDefinition.from(
            schedule,
            ScheduleDefinition.LayerOrder.LOWEST_PRIORITY_FIRST,
            List.of(
                dev.pdkit.model.ScheduleOverride.of(
                    "O", OffsetDateTime.parse("2024-01-09T08:30:00Z"), OffsetDateTime.parse("2024-01-09T09:00:00Z"))));

    RenderedSchedule r = def.render(Instant.parse("2024-01-08T00:00:00Z"), Instant.parse("2024-01-10T00:00:00Z"));

    assertThat(def.id()).isEqualTo("S1");
    assertThat(r.finalSchedule())
        .containsExactly(
            new ScheduleEntry(Instant.parse("2024-01-09T08:00:00Z"), Instant.parse("2024-01-09T08:30:00Z"), "A"),
            new ScheduleEntry(Instant.parse("2024-01-09T08:30:00Z"), Instant.parse("2024-01-09T09:00:00Z"), "O"));
  }

  @Test
  void from_badTimeZoneOrUnknownRestriction_failsNamingTheSchedule() {
    Schedule badZone = Schedule.builder().id("S9").name("s").timeZone("Eastern Time (US & Canada)").addLayer(layer("l", "A")).build();
    assertThatThrownBy(() -> ScheduleDefinition.from(badZone, ScheduleDefinition.LayerOrder.LOWEST_PRIORITY_FIRST))
        .isInstanceOf(OnCallException.class)
        .hasMessageContaining("schedule S9: time_zone 'Eastern Time (US & Canada)' is not an IANA zone id");

    Schedule unknown =
        Schedule.builder()
            .id("S8")
            .name("s")
            .timeZone("UTC")
            .addLayer(
                layer("l", "A").toBuilder()
                    .addRestriction(new dev.pdkit.model.Restriction(dev.pdkit.model.Restriction.Type.UNKNOWN, 60, LocalTime.NOON, null))
                    .build())
            .build();
    assertThatThrownBy(() -> ScheduleDefinition.from(unknown, ScheduleDefinition.LayerOrder.LOWEST_PRIORITY_FIRST))
        .hasMessageContaining("schedule S8 layer #1: unknown restriction type");

    Schedule zeroTurn =
        Schedule.builder().id("S7").name("s").timeZone("UTC").addLayer(layer("l", "A")).build();
    ScheduleLayer ok = zeroTurn.scheduleLayers().get(0);
    zeroTurn =
        zeroTurn.toBuilder()
            .layers(
                List.of(
                    new ScheduleLayer(
                        null, "l", ok.start(), null, ok.rotationVirtualStart(), -1, ok.users(), List.of(), List.of(), null)))
            .build();
    Schedule zeroTurnFinal = zeroTurn;
    assertThatThrownBy(() -> ScheduleDefinition.from(zeroTurnFinal, ScheduleDefinition.LayerOrder.LOWEST_PRIORITY_FIRST))
        .hasMessageContaining("schedule S7: layer 'l': rotation_turn_length_seconds");
  }

  @Test
  void from_officialEscalationPolicyExample_convertsRulesTargetsAndLoops() throws IOException {
    EscalationPolicy policy =
        Json.mapper().treeToValue(example("escalation-policy-get.json").get("escalation_policy"), EscalationPolicy.class);

    EscalationPolicyDefinition def = EscalationPolicyDefinition.from(policy);

    assertThat(def.id()).isEqualTo("PT20YPA");
    assertThat(def.numLoops()).isEqualTo(2);
    assertThat(def.rules())
        .containsExactly(
            new EscalationRuleDefinition(30, List.of(EscalationTarget.user("PAM4FGS"), EscalationTarget.schedule("PI7DH85"))));
  }

  @Test
  void from_policyWithUnknownTargetTypeOrNullLoops() {
    EscalationPolicy odd =
        EscalationPolicy.builder()
            .id("EP1")
            .name("p")
            .addRule(EscalationRule.of(5, Reference.of("team_reference", "T1")))
            .build();
    assertThatThrownBy(() -> EscalationPolicyDefinition.from(odd))
        .hasMessageContaining("escalation policy EP1 level 1: target T1 has type 'team_reference'");

    EscalationPolicy plain =
        EscalationPolicy.builder().name("p").addRule(EscalationRule.of(5, Reference.of("user", "U1"), Reference.of("schedule", "S1"))).build();
    EscalationPolicyDefinition def = EscalationPolicyDefinition.from(plain);
    assertThat(def.numLoops()).isZero();
    assertThat(def.rule(1).targets()).containsExactly(EscalationTarget.user("U1"), EscalationTarget.schedule("S1"));
  }
}
