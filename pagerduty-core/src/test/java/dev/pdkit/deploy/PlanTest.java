package dev.pdkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

  private static Plan sample(String liveHash) {
    return new Plan("prod", List.of(
        new Change(Change.Action.CREATE, ResourceKind.TEAM, "platform", null,
            List.of(new FieldChange("name", null, "Platform"))),
        new Change(Change.Action.UPDATE, ResourceKind.SERVICE, "api", "P1",
            List.of(new FieldChange("urgency", "high", "low"), new FieldChange("description", "x", null))),
        new Change(Change.Action.DELETE, ResourceKind.SCHEDULE, "old", "P2",
            List.of(new FieldChange("name", "Old", null)))), "d", liveHash);
  }

  @Test
  void toText_listsEveryChangeWithFieldDiffsAndSummary() {
    assertThat(sample("l").toText()).isEqualTo("""
        Plan for environment prod:
          + create team platform
              name: "Platform"
          ~ update service api (P1)
              urgency: "high" -> "low"
              description: "x" -> (none)
          - delete schedule old (P2)
              name: "Old"
        1 to create, 1 to update, 1 to delete.
        """);
  }

  @Test
  void toJson_carriesHashesAndChanges() {
    String json = sample("l").toJson();
    assertThat(json).contains("\"environment\" : \"prod\"", "\"desired_hash\" : \"d\"", "\"live_hash\" : \"l\"",
        "\"plan_hash\" : \"" + sample("l").hash() + "\"", "\"kind\" : \"escalation_policy\"".replace(
            "escalation_policy", "service"), "\"before\" : \"high\"", "\"after\" : null");
  }

  @Test
  void hash_changesWithLiveState_andIsStable() {
    assertThat(sample("l").hash()).isEqualTo(sample("l").hash()).hasSize(64);
    assertThat(sample("l").hash()).isNotEqualTo(sample("other").hash());
  }

  @Test
  void isEmpty_andCount() {
    assertThat(new Plan("e", List.of(), "d", "l").isEmpty()).isTrue();
    assertThat(sample("l").isEmpty()).isFalse();
    assertThat(sample("l").count(Change.Action.UPDATE)).isEqualTo(1);
  }
}
