package dev.pdkit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.model.IncidentStatus;
import dev.pdkit.model.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueriesTest {
  private static final Instant A = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant B = Instant.parse("2026-01-02T00:00:00Z");

  @Test
  void listQuery_builder_collectsEveryFilter() {
    ListQuery q = ListQuery.builder().query("x").teamIds("T1").teamIds("T2").userIds("U")
        .include("teams").sortBy("name").param("service_ids[]", "S1", "S2").build();

    assertThat(q.teamIds()).containsExactly("T1", "T2");
    assertThat(q.extra()).isEqualTo(Map.of("service_ids[]", List.of("S1", "S2")));
    assertThat(ListQuery.none().teamIds()).isEmpty();
    assertThat(ListQuery.text("q").query()).isEqualTo("q");
    assertThatThrownBy(() -> q.extra().put("x", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ListQuery.builder().teamIds("T", " "))
        .hasMessageContaining("teamIds must not contain null or blank ids");
  }

  @Test
  void incidentQuery_invalidCombinations_rejected() {
    assertThatThrownBy(() -> IncidentQuery.builder().since(B).until(A).build())
        .hasMessageContaining("must be after since");
    assertThatThrownBy(() -> IncidentQuery.builder().sortBy("a").sortBy("b").sortBy("c").build())
        .hasMessageContaining("at most 2");
    assertThatThrownBy(() -> IncidentQuery.builder().dateRangeAll().since(A).build())
        .hasMessageContaining("dateRangeAll ignores since/until");
    assertThatThrownBy(() -> IncidentQuery.builder().statuses(IncidentStatus.UNKNOWN).build())
        .hasMessageContaining("UNKNOWN");
    assertThatThrownBy(() -> IncidentQuery.builder().urgencies(Urgency.UNKNOWN).build())
        .hasMessageContaining("UNKNOWN");
    IncidentQuery ok = IncidentQuery.builder().statuses(IncidentStatus.RESOLVED)
        .urgencies(Urgency.LOW).serviceIds("S").teamIds("T").userIds("U").incidentKey("k")
        .since(A).until(B).include("teams").timeZone("UTC").build();
    assertThat(ok.statuses()).containsExactly(IncidentStatus.RESOLVED);
    assertThat(IncidentQuery.none().dateRangeAll()).isFalse();
  }

  @Test
  void otherQueries_validateTheirWindows() {
    assertThatThrownBy(() -> LogEntryQuery.builder().since(B).until(A).build())
        .hasMessageContaining("must be after since");
    assertThatThrownBy(() -> OnCallQuery.builder().since(B).until(A).build())
        .hasMessageContaining("must be after since");
    assertThatThrownBy(() -> AuditRecordQuery.builder().since(B).until(A).build())
        .hasMessageContaining("must be after since");
    assertThatThrownBy(() -> new AuditRecordQuery(null, null, List.of(), List.of(), null, "U", null))
        .hasMessageContaining("actorId needs actorType");
    assertThat(LogEntryQuery.none().overview()).isFalse();
    assertThat(OnCallQuery.none().earliest()).isFalse();
    assertThat(AuditRecordQuery.none().actions()).isEmpty();
  }

  @Test
  void enums_haveWireSpellings() {
    assertThat(MaintenanceWindows.Filter.ONGOING.wireName()).isEqualTo("ongoing");
    assertThat(AuditRecords.ResourceType.ESCALATION_POLICIES.pathSegment())
        .isEqualTo("escalation_policies");
  }
}
