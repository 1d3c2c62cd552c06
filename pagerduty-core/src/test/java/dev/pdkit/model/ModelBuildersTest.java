package dev.pdkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.json.Json;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelBuildersTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-05T09:00:00+01:00");

  @Test
  void service_builder_missingFields_namedInOneMessage() {
    assertThatThrownBy(() -> Service.builder().autoResolveTimeout(-1).acknowledgementTimeout(-2)
            .status(ServiceStatus.UNKNOWN).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot build Service")
        .hasMessageContaining("name is required")
        .hasMessageContaining("escalationPolicy is required")
        .hasMessageContaining("autoResolveTimeout must be >= 0")
        .hasMessageContaining("acknowledgementTimeout must be >= 0")
        .hasMessageContaining("status UNKNOWN");
  }

  @Test
  void service_builder_urgencyRuleWithoutSupportHours_rejected() {
    assertThatThrownBy(() -> Service.builder().name("a").escalationPolicy("E")
            .incidentUrgencyRule(IncidentUrgencyRule.useSupportHours(Urgency.HIGH, Urgency.LOW))
            .build())
        .hasMessageContaining("needs supportHours");
  }

  @Test
  void service_builder_full_writesWrappedShapeFields() {
    Service s = Service.builder().name("checkout").description("d").escalationPolicy("PEP")
        .autoResolveTimeout(0).acknowledgementTimeout(600).status(ServiceStatus.ACTIVE)
        .incidentUrgencyRule(IncidentUrgencyRule.useSupportHours(Urgency.HIGH, Urgency.LOW))
        .supportHours(SupportHours.of("Europe/Berlin", List.of(1, 2, 3, 4, 5), LocalTime.of(9, 0),
            LocalTime.of(17, 30)))
        .addScheduledAction(ScheduledAction.urgencyHighAtSupportHoursStart())
        .alertGroupingParameters(AlertGroupingParameters.time(5))
        .autoPauseNotificationsParameters(AutoPauseNotificationsParameters.enabled(120))
        .build();
    JsonNode json = Json.tree(Json.write(s));

    assertThat(json.path("type").asText()).isEqualTo("service");
    assertThat(json.path("escalation_policy").path("type").asText())
        .isEqualTo("escalation_policy_reference");
    assertThat(json.path("auto_resolve_timeout").asInt()).isZero();
    assertThat(json.path("support_hours").path("end_time").asText()).isEqualTo("17:30:00");
    assertThat(json.path("scheduled_actions").get(0).path("at").path("name").asText())
        .isEqualTo("support_hours_start");
    assertThat(json.has("teams")).as("read-only empty lists are left out").isFalse();
    assertThat(json.has("id")).isFalse();
    Service copy = s.toBuilder().name("checkout-2").build();
    assertThat(copy.name()).isEqualTo("checkout-2");
    assertThat(copy).usingRecursiveComparison().ignoringFields("name").isEqualTo(s);
    assertThatThrownBy(s::reference).isInstanceOf(NullPointerException.class).hasMessage("id");
  }

  @Test
  void escalationPolicy_builder_validatesAndCopies() {
    assertThatThrownBy(() -> EscalationPolicy.builder().numLoops(-1).build())
        .hasMessageContaining("name is required")
        .hasMessageContaining("at least one escalation rule")
        .hasMessageContaining("numLoops must be >= 0");
    assertThatThrownBy(() -> EscalationPolicy.builder().name("x")
            .addRule(new EscalationRule(null, 5, List.of(), null)).build())
        .hasMessageContaining("escalationRules[0] needs 1 to 10 targets, has 0");

    EscalationPolicy ep = EscalationPolicy.builder().name("ops").description("d").numLoops(2)
        .onCallHandoffNotifications(EscalationPolicy.HandoffNotifications.ALWAYS)
        .addRule(EscalationRule.of(10, Reference.user("U1"), Reference.schedule("S1")))
        .team("T1").build();
    assertThat(ep.teams()).containsExactly(Reference.team("T1"));
    assertThat(ep.toBuilder().team(null).build().teams()).isEmpty();
    assertThat(ep.toBuilder().rules(List.of(EscalationRule.of(1, Reference.user("U2")))).build()
        .escalationRules()).hasSize(1);
    JsonNode json = Json.tree(Json.write(ep));
    assertThat(json.path("on_call_handoff_notifications").asText()).isEqualTo("always");
    assertThat(json.path("escalation_rules").get(0).path("targets").get(1).path("type").asText())
        .isEqualTo("schedule_reference");
  }

  @Test
  void escalationRule_of_rejectsBadTargetCounts() {
    assertThatThrownBy(() -> EscalationRule.of(5)).hasMessageContaining("1 to 10 targets, got 0");
    Reference[] eleven = new Reference[11];
    Arrays.fill(eleven, Reference.user("U"));
    assertThatThrownBy(() -> EscalationRule.of(5, eleven)).hasMessageContaining("got 11");
    assertThatThrownBy(() -> EscalationRule.of(-1, Reference.user("U")))
        .hasMessageContaining("escalationDelayInMinutes must be >= 0");
  }

  @Test
  void schedule_builder_validatesLayersAndBuilds() {
    assertThatThrownBy(() -> Schedule.builder().build())
        .hasMessageContaining("name is required")
        .hasMessageContaining("timeZone is required")
        .hasMessageContaining("at least one layer");
    assertThatThrownBy(() -> ScheduleLayer.builder().rotationTurnLengthSeconds(0).end(T0).build())
        .hasMessageContaining("start is required")
        .hasMessageContaining("rotationTurnLengthSeconds must be positive")
        .hasMessageContaining("users must name at least one user");
    assertThatThrownBy(() -> ScheduleLayer.builder().start(T0).end(T0).addUser("U").build())
        .hasMessageContaining("rotationTurnLengthSeconds is required")
        .hasMessageContaining("must be after start");

    ScheduleLayer layer = ScheduleLayer.builder().name("L1").start(T0).rotationTurnLengthSeconds(86400)
        .addUser("U1").addUser("U2").addRestriction(Restriction.daily(LocalTime.of(8, 0), 3600))
        .build();
    assertThat(layer.rotationVirtualStart()).isEqualTo(T0);
    Schedule s = Schedule.builder().name("primary").description("d").timeZone("Europe/Berlin")
        .addLayer(layer).addTeam("T1").build();
    JsonNode json = Json.tree(Json.write(s));
    assertThat(json.path("type").asText()).isEqualTo("schedule");
    assertThat(json.path("schedule_layers").get(0).path("users").get(1).path("user").path("id")
        .asText()).isEqualTo("U2");
    assertThat(json.path("schedule_layers").get(0).has("rendered_schedule_entries")).isFalse();
    assertThat(json.path("teams").get(0).path("id").asText()).isEqualTo("T1");

    ScheduleLayer edited = layer.toBuilder().id("L").rotationVirtualStart(T0.minusDays(1))
        .users(List.of(ScheduleLayerUser.of("U3"))).restrictions(List.of()).end(T0.plusDays(9))
        .build();
    assertThat(edited.users()).containsExactly(ScheduleLayerUser.of("U3"));
    assertThat(edited.restrictions()).isEmpty();
    Schedule copy = s.toBuilder().id("S").layers(List.of(edited)).build();
    assertThat(copy.reference()).isEqualTo(Reference.schedule("S"));
    assertThat(copy.teams()).containsExactly(Reference.team("T1"));
  }

  @Test
  void restriction_invalidValues_rejected() {
    assertThatThrownBy(() -> Restriction.weekly(8, LocalTime.NOON, 60))
        .hasMessageContaining("startDayOfWeek must be 1 (Monday) to 7 (Sunday), was 8");
    assertThatThrownBy(() -> Restriction.daily(LocalTime.NOON, -1))
        .hasMessageContaining("durationSeconds must be >= 0");
  }

  @Test
  void scheduleOverride_endNotAfterStart_rejected() {
    assertThatThrownBy(() -> ScheduleOverride.of("U", T0, T0))
        .hasMessageContaining("must be after start");
    assertThat(ScheduleOverride.of("U", T0, T0.plusHours(1)).user()).isEqualTo(Reference.user("U"));
  }

  @Test
  void team_builder_validatesLengths() {
    assertThatThrownBy(() -> Team.builder().description("x".repeat(1025)).build())
        .hasMessageContaining("name is required")
        .hasMessageContaining("description must be at most 1024");
    assertThatThrownBy(() -> Team.builder().name("n".repeat(101)).build())
        .hasMessageContaining("name must be at most 100");
    Team t = Team.builder().name("SRE").description("d").defaultRole(Team.DefaultRole.NONE)
        .parent("P0").build();
    assertThat(Json.tree(Json.write(t)).path("default_role").asText()).isEqualTo("none");
    assertThat(t.toBuilder().id("T9").parent(null).build().parent()).isNull();
  }

  @Test
  void user_builder_validatesEmailAndRole() {
    assertThatThrownBy(() -> User.builder().email("a@b").jobTitle("j".repeat(101)).build())
        .hasMessageContaining("name is required")
        .hasMessageContaining("email must be an address of 6 to 100 characters, was 'a@b'")
        .hasMessageContaining("jobTitle must be at most 100");
    assertThatThrownBy(() -> User.builder().name("n".repeat(101)).build())
        .hasMessageContaining("name must be at most 100")
        .hasMessageContaining("email is required");
    assertThatThrownBy(() -> User.builder().role(UserRole.UNKNOWN))
        .isInstanceOf(IllegalArgumentException.class);

    User u = User.builder().name("Ada").email("ada@example.com").role(UserRole.LIMITED_USER)
        .timeZone("Europe/London").color("green").description("bio").jobTitle("SRE").build();
    JsonNode json = Json.tree(Json.write(u));
    assertThat(json.path("type").asText()).isEqualTo("user");
    assertThat(json.path("role").asText()).isEqualTo("limited_user");
    assertThat(json.path("time_zone").asText()).isEqualTo("Europe/London");
    assertThat(json.has("teams")).isFalse();
    assertThat(json.has("http_cal_url")).isFalse();
    User copy = u.toBuilder().id("PU").name("Ada L").build();
    assertThat(copy.reference()).isEqualTo(Reference.user("PU"));
    assertThat(copy.jobTitle()).isEqualTo("SRE");
  }

  @Test
  void maintenanceWindow_builder_validatesAndWrites() {
    assertThatThrownBy(() -> MaintenanceWindow.builder().build())
        .hasMessageContaining("startTime is required")
        .hasMessageContaining("endTime is required")
        .hasMessageContaining("at least one service");
    assertThatThrownBy(() -> MaintenanceWindow.builder().startTime(T0).endTime(T0).addService("S")
            .build())
        .hasMessageContaining("must be after startTime");
    MaintenanceWindow mw = MaintenanceWindow.builder().startTime(T0).endTime(T0.plusHours(2))
        .description("deploy").addService("S1").build();
    JsonNode json = Json.tree(Json.write(mw));
    assertThat(json.path("type").asText()).isEqualTo("maintenance_window");
    assertThat(json.path("start_time").asText()).isEqualTo("2026-01-05T09:00:00+01:00");
    assertThat(json.path("services").get(0).path("type").asText()).isEqualTo("service_reference");
    assertThat(mw.toBuilder().id("M").build().id()).isEqualTo("M");
  }

  @Test
  void incidentCreate_builder_validatesAndWritesApiShape() {
    assertThatThrownBy(() -> IncidentCreate.builder().assignTo("U").escalationPolicy("E")
            .urgency(Urgency.SEVERITY_BASED).build())
        .hasMessageContaining("title is required")
        .hasMessageContaining("service is required")
        .hasMessageContaining("exclude each other")
        .hasMessageContaining("urgency of an incident must be HIGH or LOW");
    assertThatThrownBy(() -> new IncidentCreate(null, "t", Reference.service("S"), null, null, null,
            null, List.of(Assignment.toUser("U")), Reference.escalationPolicy("E"), null))
        .isInstanceOf(IllegalArgumentException.class);

    IncidentCreate c = IncidentCreate.builder().title("Disk full").service("PS")
        .urgency(Urgency.LOW).priority("PP").details("the disk is full").incidentKey("k-1")
        .assignTo("U1").assignTo("U2")
        .conferenceBridge(new ConferenceBridge("+1 555", "https://meet.example.com/x")).build();
    JsonNode json = Json.tree(Json.write(c));
    assertThat(json.path("type").asText()).isEqualTo("incident");
    assertThat(json.path("service").path("type").asText()).isEqualTo("service_reference");
    assertThat(json.path("urgency").asText()).isEqualTo("low");
    assertThat(json.path("priority").path("type").asText()).isEqualTo("priority_reference");
    assertThat(json.path("body").path("type").asText()).isEqualTo("incident_body");
    assertThat(json.path("body").path("details").asText()).isEqualTo("the disk is full");
    assertThat(json.path("incident_key").asText()).isEqualTo("k-1");
    assertThat(json.path("assignments").get(1).path("assignee").path("id").asText())
        .isEqualTo("U2");
    assertThat(json.has("escalation_policy")).isFalse();
    assertThat(json.path("conference_bridge").path("conference_number").asText())
        .isEqualTo("+1 555");

    IncidentCreate viaEp = IncidentCreate.builder().title("t").service("S").escalationPolicy("E")
        .details(Map.of("k", "v")).priority(null).details(null).build();
    assertThat(viaEp.escalationPolicy()).isEqualTo(Reference.escalationPolicy("E"));
    assertThat(viaEp.body()).isNull();
    assertThat(Json.tree(Json.write(viaEp)).has("assignments")).isTrue();
  }

  @Test
  void lists_nullElement_rejectedWithFieldName() {
    List<Reference> withNull = new ArrayList<>();
    withNull.add(Reference.team("T"));
    withNull.add(null);
    assertThatThrownBy(() -> new Service(null, null, null, null, null, "n", null, null, null, null,
            null, null, null, withNull, List.of(), null, null, List.of(), null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("teams[1] is null; remove it or give a value");
  }

  @Test
  void lists_copies_areIndependentAndUnmodifiable() {
    List<Reference> source = new ArrayList<>(List.of(Reference.user("U")));
    MaintenanceWindow mw = new MaintenanceWindow(null, null, null, null, null, null, T0,
        T0.plusHours(1), null, null, source, null);
    source.add(Reference.user("V"));

    assertThat(mw.services()).hasSize(1);
    assertThat(mw.teams()).isEmpty();
    assertThatThrownBy(() -> mw.services().add(Reference.user("W")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void freeformDetails_areDeepFrozen() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("n", 1);
    List<Object> list = new ArrayList<>(List.of(inner));
    Map<String, Object> details = new HashMap<>(Map.of("list", list));
    IncidentBody body = IncidentBody.of(details);
    inner.put("n", 2);

    @SuppressWarnings("unchecked")
    Map<String, Object> frozen = (Map<String, Object>) body.details();
    assertThat(frozen).isEqualTo(Map.of("list", List.of(Map.of("n", 1))));
    assertThatThrownBy(() -> frozen.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> frozenList = (List<Object>) frozen.get("list");
    assertThatThrownBy(() -> frozenList.add(1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void reference_factories_useReferenceTypes() {
    assertThat(Reference.service("S").type()).isEqualTo("service_reference");
    assertThat(Reference.user("U").type()).isEqualTo("user_reference");
    assertThat(Reference.team("T").type()).isEqualTo("team_reference");
    assertThat(Reference.schedule("S").type()).isEqualTo("schedule_reference");
    assertThat(Reference.escalationPolicy("E").type()).isEqualTo("escalation_policy_reference");
    assertThat(Reference.incident("I").type()).isEqualTo("incident_reference");
    assertThat(Reference.priority("P").type()).isEqualTo("priority_reference");
    assertThat(Reference.vendor("V").type()).isEqualTo("vendor_reference");
    Reference full = new Reference("U", "user_reference", "Ada", "https://a/u", "https://b/u");
    assertThat(full.bare()).isEqualTo(Reference.user("U"));
    Reference bare = Reference.user("U");
    assertThat(bare.bare()).isSameAs(bare);
    assertThat(Json.tree(Json.write(bare)).size()).isEqualTo(2);
    assertThatThrownBy(() -> Reference.of("user_reference", null))
        .isInstanceOf(NullPointerException.class).hasMessage("id");
  }

  @Test
  void smallRecords_requireTheirKeyFields() {
    assertThatThrownBy(() -> Ability.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TeamMember(null, TeamRole.MANAGER))
        .hasMessage("user");
    assertThatThrownBy(() -> new SupportHours(null, "UTC", List.of(0), null, null))
        .hasMessageContaining("1 (Monday) to 7 (Sunday), had 0");
    assertThat(new SupportHours(null, null, null, null, null).type()).isEqualTo("fixed_time_per_day");
    assertThat(new ScheduledAction(null, new ScheduledAction.At(null, "support_hours_end"),
        Urgency.HIGH)).isEqualTo(ScheduledAction.urgencyHighAt("support_hours_end"));
    assertThat(new IncidentUrgencyRule(null, Urgency.LOW, null, null))
        .isEqualTo(IncidentUrgencyRule.constant(Urgency.LOW));
    assertThat(new PendingAction("escalate", null, null).type()).isEqualTo("escalate");
    assertThat(new OverrideResult(201, null, null).created()).isTrue();
    assertThat(new OverrideResult(400, List.of("bad"), null).created()).isFalse();
    assertThat(new OverrideResult(500, null, null).created()).isFalse();
    assertThat(new Acknowledgement(null, Reference.user("U")).at()).isNull();
  }
}
