package dev.pdkit.model;

import static dev.pdkit.model.Examples.member;
import static dev.pdkit.model.Examples.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.json.Json;
import java.io.IOException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads PagerDuty's official OpenAPI examples, checks key fields, and round-trips them. */
class ModelJsonTest {

  private static <T> T read(String json, Class<T> type) throws IOException {
    return Json.mapper().readValue(json, type);
  }

  @Test
  void service_officialExample_readsEveryModelledField() {
    Service s = member("service-get", "service", Service.class);

    assertThat(s.id()).isEqualTo("PIJ90N7");
    assertThat(s.type()).isEqualTo("service");
    assertThat(s.htmlUrl()).isEqualTo("https://subdomain.pagerduty.com/service-directory/PIJ90N7");
    assertThat(s.autoResolveTimeout()).isEqualTo(14400);
    assertThat(s.acknowledgementTimeout()).isEqualTo(600);
    assertThat(s.status()).isEqualTo(ServiceStatus.ACTIVE);
    assertThat(s.createdAt()).isEqualTo(OffsetDateTime.parse("2015-11-06T11:12:51-05:00"));
    assertThat(s.escalationPolicy()).isEqualTo(new Reference("PT20YPA",
        "escalation_policy_reference", "Another Escalation Policy",
        "https://api.pagerduty.com/escalation_policies/PT20YPA",
        "https://subdomain.pagerduty.com/escalation_policies/PT20YPA"));
    assertThat(s.integrations()).singleElement()
        .satisfies(i -> {
          assertThat(i.type()).isEqualTo("generic_email_inbound_integration_reference");
          assertThat(i.integrationKey()).isNull();
        });
    assertThat(s.teams()).extracting(Reference::id).containsExactly("PQ9K7I8");
    assertThat(s.incidentUrgencyRule().type()).isEqualTo(IncidentUrgencyRule.Type.USE_SUPPORT_HOURS);
    assertThat(s.incidentUrgencyRule().duringSupportHours())
        .isEqualTo(IncidentUrgencyRule.constant(Urgency.HIGH));
    assertThat(s.incidentUrgencyRule().outsideSupportHours())
        .isEqualTo(IncidentUrgencyRule.constant(Urgency.LOW));
    assertThat(s.supportHours()).isEqualTo(SupportHours.of("America/Lima", List.of(1, 2, 3, 4, 5),
        LocalTime.of(9, 0), LocalTime.of(17, 0)));
    assertThat(s.scheduledActions()).containsExactly(ScheduledAction.urgencyHighAtSupportHoursStart());
    assertThat(s.autoPauseNotificationsParameters())
        .isEqualTo(AutoPauseNotificationsParameters.enabled(300));
    assertThat(s.alertCreation()).isEqualTo("create_alerts_and_incidents");
    assertThat(roundTrip(s, Service.class)).isEqualTo(s);
  }

  @Test
  void service_written_usesSnakeCaseAndHhMmSsTimes() {
    Service s = member("service-get", "service", Service.class);
    JsonNode json = Json.tree(Json.write(s));

    assertThat(json.path("support_hours").path("start_time").asText()).isEqualTo("09:00:00");
    assertThat(json.path("escalation_policy").path("html_url").asText()).startsWith("https://");
    assertThat(json.path("incident_urgency_rule").path("during_support_hours").path("urgency")
        .asText()).isEqualTo("high");
    assertThat(json.has("htmlUrl")).isFalse();
  }

  @Test
  void service_unknownFieldsAndEnumValues_readAsUnknown() throws IOException {
    Service s = read("""
        {"id":"P1","type":"service","name":"n","status":"melting","brand_new_field":{"x":1},
         "incident_urgency_rule":{"type":"by_moon_phase","urgency":"extreme"},
         "escalation_policy":{"id":"E","type":"escalation_policy_reference"}}""", Service.class);

    assertThat(s.status()).isEqualTo(ServiceStatus.UNKNOWN);
    assertThat(s.incidentUrgencyRule().type()).isEqualTo(IncidentUrgencyRule.Type.UNKNOWN);
    assertThat(s.incidentUrgencyRule().urgency()).isEqualTo(Urgency.UNKNOWN);
    assertThat(s.teams()).isEmpty();
    assertThat(s.scheduledActions()).isEmpty();
  }

  @Test
  void service_nullArrays_readAsEmptyLists() throws IOException {
    Service s = read("""
        {"id":"P1","name":"n","teams":null,"integrations":null,"scheduled_actions":null}""",
        Service.class);

    assertThat(s.type()).isEqualTo("service");
    assertThat(s.teams()).isEmpty();
    assertThat(s.integrations()).isEmpty();
    assertThat(s.scheduledActions()).isEmpty();
  }

  @Test
  void integration_withKey_keyIsSecretAndNeverPrinted() throws IOException {
    String key = "0123456789abcdef0123456789abcdef";
    Integration i = read("{\"id\":\"PI1\",\"type\":\"events_api_v2_inbound_integration\","
        + "\"name\":\"Events\",\"integration_key\":\"" + key + "\"}", Integration.class);

    assertThat(i.integrationKey().reveal()).isEqualTo(key);
    assertThat(i.toString()).doesNotContain(key).contains("<redacted>");
    assertThat(new String(Json.write(i))).contains("\"integration_key\":\"" + key + "\"");
    assertThat(roundTrip(i, Integration.class)).isEqualTo(i);
  }

  @Test
  void integration_emptyKey_readsAsNull() throws IOException {
    Integration i = read("{\"type\":\"x\",\"integration_key\":\"\"}", Integration.class);

    assertThat(i.integrationKey()).isNull();
  }

  @Test
  void integration_officialExamples_readVendorServiceAndEmail() {
    Integration get = member("integration-get", "integration", Integration.class);
    Integration created = member("integration-create", "integration", Integration.class);

    assertThat(get.integrationEmail()).isEqualTo("my-email-based-integration@subdomain.pagerduty.com");
    assertThat(get.vendor().id()).isEqualTo("P8JX75F");
    assertThat(get.service().id()).isEqualTo("PQL78HM");
    assertThat(get.createdAt()).isEqualTo(OffsetDateTime.parse("2015-10-14T13:33:02-07:00"));
    assertThat(created.type()).isNotBlank();
    assertThat(roundTrip(get, Integration.class)).isEqualTo(get);
  }

  @Test
  void integration_withers_keepOtherFields() {
    Integration i = Integration.eventsApiV2("a").withName("b").withVendor("V1")
        .withIntegrationEmail("x@y.pagerduty.com");

    assertThat(i.type()).isEqualTo(Integration.EVENTS_API_V2);
    assertThat(i.name()).isEqualTo("b");
    assertThat(i.vendor()).isEqualTo(Reference.vendor("V1"));
    assertThat(i.integrationEmail()).isEqualTo("x@y.pagerduty.com");
    assertThat(i.withVendor(null).vendor()).isNull();
  }

  @Test
  void user_officialExample_calendarUrlsAreSecrets() {
    User u = member("user-get", "user", User.class);

    assertThat(u.name()).isEqualTo("Earline Greenholt");
    assertThat(u.email()).isEqualTo("125.greenholt.earline@graham.name");
    assertThat(u.role()).isEqualTo(UserRole.ADMIN);
    assertThat(u.createdViaSso()).isTrue();
    assertThat(u.invitationSent()).isFalse();
    assertThat(u.contactMethods()).extracting(Reference::type)
        .containsExactly("email_contact_method_reference");
    assertThat(u.notificationRules()).singleElement()
        .satisfies(r -> assertThat(r.htmlUrl()).isNull());
    assertThat(u.teams()).extracting(Reference::id).containsExactly("PQ9K7I8");
    assertThat(u.httpCalUrl().reveal()).contains("ABCDEFGHIJKLMNOP");
    assertThat(u.toString()).doesNotContain("ABCDEFGHIJKLMNOP");
    assertThat(u.reference()).isEqualTo(Reference.user("PXPGF42"));
    assertThat(roundTrip(u, User.class)).isEqualTo(u);
  }

  @Test
  void user_listAndMeExamples_decode() {
    JsonNode list = Examples.tree("users-list");
    assertThat(list.get("users")).isNotEmpty();
    for (JsonNode n : list.get("users")) {
      User u = Json.mapper().convertValue(n, User.class);
      assertThat(u.id()).isNotBlank();
      assertThat(roundTrip(u, User.class)).isEqualTo(u);
    }
    // The official /users/me example has a typo ("created_via_sso": "true,"): it must fail loudly,
    // naming the bad value, and decode once the value is a boolean.
    assertThatThrownBy(() -> member("users-me", "user", User.class))
        .hasMessageContaining("\"true,\"");
    User me = Json.mapper().convertValue(
        ((com.fasterxml.jackson.databind.node.ObjectNode) Examples.tree("users-me").get("user"))
            .put("created_via_sso", true), User.class);
    assertThat(me.email()).contains("@");
    assertThat(me.createdViaSso()).isTrue();
  }

  @Test
  void team_officialExamples_decodeAndRoundTrip() {
    Team t = member("team-get", "team", Team.class);

    assertThat(t.name()).isEqualTo("Engineering");
    assertThat(t.description()).isEqualTo("All engineering");
    assertThat(t.defaultRole()).isEqualTo(Team.DefaultRole.MANAGER);
    assertThat(t.reference()).isEqualTo(Reference.team("PQ9K7I8"));
    assertThat(roundTrip(t, Team.class)).isEqualTo(t);
  }

  @Test
  void teamMember_officialExample_readsRole() {
    TeamMember m = Json.mapper().convertValue(Examples.tree("team-members").get("members").get(0),
        TeamMember.class);

    assertThat(m.user().id()).isEqualTo("P0XJYI9");
    assertThat(m.role()).isEqualTo(TeamRole.MANAGER);
  }

  @Test
  void schedule_officialExample_readsLayersAndFinalSchedule() {
    Schedule s = member("schedule-get", "schedule", Schedule.class);

    assertThat(s.timeZone()).isEqualTo("America/New_York");
    ScheduleLayer layer = s.scheduleLayers().get(0);
    assertThat(layer.id()).isEqualTo("PG68P1M");
    assertThat(layer.rotationTurnLengthSeconds()).isEqualTo(86400);
    assertThat(layer.rotationVirtualStart()).isEqualTo(OffsetDateTime.parse("2015-11-06T20:00:00-05:00"));
    assertThat(layer.end()).isNull();
    assertThat(layer.users()).containsExactly(new ScheduleLayerUser(new Reference("PXPGF42",
        "user_reference", "Regina Phalange", "https://api.pagerduty.com/users/PXPGF42",
        "https://subdomain.pagerduty.com/users/PXPGF42")));
    assertThat(layer.restrictions()).containsExactly(Restriction.daily(LocalTime.of(8, 0), 32400));
    assertThat(layer.renderedCoveragePercentage()).isEqualTo(37.5);
    assertThat(layer.renderedScheduleEntries()).hasSize(1);
    assertThat(s.finalSchedule().name()).isEqualTo("Final Schedule");
    assertThat(s.finalSchedule().renderedScheduleEntries()).singleElement().satisfies(e -> {
      assertThat(e.start()).isEqualTo(OffsetDateTime.parse("2015-11-10T08:00:00-05:00"));
      assertThat(e.end()).isEqualTo(OffsetDateTime.parse("2015-11-10T17:00:00-05:00"));
      assertThat(e.user().id()).isEqualTo("PXPGF42");
    });
    assertThat(s.overridesSubschedule().renderedScheduleEntries()).isEmpty();
    assertThat(s.overridesSubschedule().renderedCoveragePercentage()).isZero();
    assertThat(s.escalationPolicies()).extracting(Reference::id).containsExactly("PT20YPA");
    assertThat(roundTrip(s, Schedule.class)).isEqualTo(s);
  }

  @Test
  void schedule_listExampleWithLayers_decodes() {
    for (JsonNode n : Examples.tree("schedules-list").get("schedules")) {
      Schedule s = Json.mapper().convertValue(n, Schedule.class);
      assertThat(s.scheduleLayers()).isNotEmpty();
      assertThat(roundTrip(s, Schedule.class)).isEqualTo(s);
    }
  }

  @Test
  void restriction_weekly_writesDayAndTime() {
    JsonNode json = Json.tree(Json.write(Restriction.weekly(1, LocalTime.of(9, 30), 3600)));

    assertThat(json.path("type").asText()).isEqualTo("weekly_restriction");
    assertThat(json.path("start_time_of_day").asText()).isEqualTo("09:30:00");
    assertThat(json.path("start_day_of_week").asInt()).isEqualTo(1);
    assertThat(json.path("duration_seconds").asInt()).isEqualTo(3600);
  }

  @Test
  void overrides_officialExamples_readPartialSuccess() throws IOException {
    List<OverrideResult> results = Json.mapper().readValue(Examples.text("overrides-create"),
        Json.mapper().getTypeFactory().constructCollectionType(List.class, OverrideResult.class));

    assertThat(results).hasSize(3);
    assertThat(results.get(0).created()).isTrue();
    assertThat(results.get(0).override().id()).isEqualTo("Q3X6MJ1LUKD6QW");
    assertThat(results.get(2).created()).isFalse();
    assertThat(results.get(2).errors()).containsExactly("Override must end after its start");
    assertThat(results.get(2).override().id()).isNull();

    ScheduleOverride listed = member("overrides-list", "overrides", ScheduleOverride[].class)[0];
    assertThat(listed.start()).isEqualTo(OffsetDateTime.parse("2012-07-01T00:00:00-04:00"));
    assertThat(roundTrip(listed, ScheduleOverride.class)).isEqualTo(listed);
  }

  @Test
  void escalationPolicy_officialExample_readsRulesAndTargets() {
    EscalationPolicy ep = member("escalation-policy-get", "escalation_policy", EscalationPolicy.class);

    assertThat(ep.name()).isEqualTo("Another Escalation Policy");
    assertThat(ep.numLoops()).isEqualTo(2);
    assertThat(ep.onCallHandoffNotifications())
        .isEqualTo(EscalationPolicy.HandoffNotifications.IF_HAS_SERVICES);
    EscalationRule rule = ep.escalationRules().get(0);
    assertThat(rule.id()).isEqualTo("PGHDV41");
    assertThat(rule.escalationDelayInMinutes()).isEqualTo(30);
    assertThat(rule.targets()).extracting(Reference::type)
        .containsExactly("user_reference", "schedule_reference");
    assertThat(ep.services()).extracting(Reference::id).containsExactly("PIJ90N7");
    assertThat(ep.reference()).isEqualTo(Reference.escalationPolicy("PT20YPA"));
    assertThat(roundTrip(ep, EscalationPolicy.class)).isEqualTo(ep);
  }

  @Test
  void escalationRule_assignmentStrategy_readsStringObjectArrayAndUnknown() throws IOException {
    String base = "{\"escalation_delay_in_minutes\":5,\"targets\":[],"
        + "\"escalation_rule_assignment_strategy\":";
    assertThat(read(base + "\"round_robin\"}", EscalationRule.class)
        .escalationRuleAssignmentStrategy()).isEqualTo(EscalationRule.AssignmentStrategy.ROUND_ROBIN);
    assertThat(read(base + "{\"type\":\"assign_to_everyone\"}}", EscalationRule.class)
        .escalationRuleAssignmentStrategy())
        .isEqualTo(EscalationRule.AssignmentStrategy.ASSIGN_TO_EVERYONE);
    assertThat(read(base + "[{\"type\":\"round_robin\"}]}", EscalationRule.class)
        .escalationRuleAssignmentStrategy()).isEqualTo(EscalationRule.AssignmentStrategy.ROUND_ROBIN);
    assertThat(read(base + "\"by_lottery\"}", EscalationRule.class)
        .escalationRuleAssignmentStrategy()).isEqualTo(EscalationRule.AssignmentStrategy.UNKNOWN);
    assertThat(read(base + "[]}", EscalationRule.class).escalationRuleAssignmentStrategy()).isNull();
    EscalationRule r = EscalationRule.of(5, Reference.user("U"))
        .withAssignmentStrategy(EscalationRule.AssignmentStrategy.ROUND_ROBIN);
    assertThat(Json.tree(Json.write(r)).path("escalation_rule_assignment_strategy").asText())
        .isEqualTo("round_robin");
    assertThat(roundTrip(r, EscalationRule.class)).isEqualTo(r);
  }

  @Test
  void escalationPolicies_listExample_decodes() {
    for (JsonNode n : Examples.tree("escalation-policies-list").get("escalation_policies")) {
      EscalationPolicy ep = Json.mapper().convertValue(n, EscalationPolicy.class);
      assertThat(ep.escalationRules()).isNotEmpty();
    }
  }

  @Test
  void onCall_officialExample_readsLevelAndWindow() {
    OnCall oc = member("oncalls-list", "oncalls", OnCall[].class)[0];

    assertThat(oc.escalationLevel()).isPositive();
    assertThat(oc.user().type()).isEqualTo("user_reference");
    assertThat(oc.escalationPolicy().type()).isEqualTo("escalation_policy_reference");
    assertThat(roundTrip(oc, OnCall.class)).isEqualTo(oc);
  }

  @Test
  void onCall_permanent_hasNullStartAndEnd() throws IOException {
    OnCall oc = read("""
        {"escalation_policy":{"id":"E","type":"escalation_policy_reference"},
         "user":{"id":"U","type":"user_reference"},"schedule":null,"escalation_level":1,
         "start":null,"end":null}""", OnCall.class);

    assertThat(oc.schedule()).isNull();
    assertThat(oc.start()).isNull();
    assertThat(oc.end()).isNull();
  }

  @Test
  void incident_officialExample_readsEveryModelledField() {
    Incident i = member("incident-get", "incident", Incident.class);

    assertThat(i.id()).isEqualTo("PT4KHLK");
    assertThat(i.incidentNumber()).isEqualTo(1234);
    assertThat(i.title()).isEqualTo("The server is on fire.");
    assertThat(i.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(i.urgency()).isEqualTo(Urgency.HIGH);
    assertThat(i.incidentKey()).isEqualTo("baf7cf21b1da41b4b0221008339ff357");
    assertThat(i.service().id()).isEqualTo("PIJ90N7");
    assertThat(i.assignments()).singleElement().satisfies(a -> {
      assertThat(a.at()).isEqualTo(OffsetDateTime.of(2015, 11, 10, 0, 31, 52, 0, ZoneOffset.UTC));
      assertThat(a.assignee().id()).isEqualTo("PXPGF42");
    });
    assertThat(i.acknowledgements()).singleElement()
        .satisfies(a -> assertThat(a.acknowledger().summary()).isEqualTo("Earline Greenholt"));
    assertThat(i.assignedVia()).isEqualTo("escalation_policy");
    assertThat(i.resolvedAt()).isNull();
    assertThat(i.firstTriggerLogEntry().type()).isEqualTo("trigger_log_entry_reference");
    assertThat(i.alertCounts()).isEqualTo(new AlertCounts(1, 1, 2));
    assertThat(i.mergeable()).isTrue();
    assertThat(i.incidentType().name()).isEqualTo("incident_default");
    assertThat(i.pendingActions()).extracting(PendingAction::type)
        .containsExactly("unacknowledge", "resolve");
    assertThat(i.priority().summary()).isEqualTo("P2");
    assertThat(i.priority().htmlUrl()).isNull();
    assertThat(i.resolveReason()).isNull();
    assertThat(i.conferenceBridge().conferenceUrl()).isEqualTo("https://example.com/acb-123");
    assertThat(i.lastStatusChangeBy().id()).isEqualTo("PXPGF42");
    assertThat(i.teams()).extracting(Reference::id).containsExactly("PQ9K7I8");
    assertThat(i.reference()).isEqualTo(Reference.incident("PT4KHLK"));
    assertThat(i.incidentsResponders()).singleElement().satisfies(r -> {
      assertThat(r.state()).isEqualTo(ResponderState.PENDING);
      assertThat(r.user().id()).isEqualTo("PL7A2O4");
      assertThat(r.requester().summary()).isEqualTo("Jane Doe");
    });
    // the example wraps each target as {"responder_request_target": {...}}
    assertThat(i.responderRequests()).singleElement().satisfies(rr -> {
      assertThat(rr.message()).startsWith("Please help with issue");
      assertThat(rr.responderRequestTargets()).singleElement().satisfies(t -> {
        assertThat(t.isUser()).isTrue();
        assertThat(t.id()).isEqualTo("PL7A2O4");
        assertThat(t.incidentsResponders()).extracting(r -> r.user().id()).containsExactly("PL7A2O4");
      });
    });
    assertThat(new String(Json.write(i))).contains("\"is_mergeable\":true");
    assertThat(roundTrip(i, Incident.class)).isEqualTo(i);
  }

  @Test
  void incident_listCreateAndMergeExamples_decode() {
    for (JsonNode n : Examples.tree("incidents-list").get("incidents")) {
      Incident i = Json.mapper().convertValue(n, Incident.class);
      assertThat(roundTrip(i, Incident.class)).isEqualTo(i);
    }
    Incident created = member("incident-create", "incident", Incident.class);
    assertThat(created.status()).isNotNull();
    Incident merged = member("incident-merge", "incident", Incident.class);
    assertThat(merged.type()).isEqualTo("incident_reference");
    assertThat(merged.assignments()).isEmpty();
    Incident snoozed = member("incident-snooze", "incident", Incident.class);
    assertThat(snoozed.id()).isNotBlank();
  }

  @Test
  void incident_unknownStatusAndUrgency_readAsUnknown() throws IOException {
    Incident i = read("""
        {"id":"P","status":"on_hold","urgency":"medium","pending_actions":[
         {"type":"urgency_change","at":"2015-07-17T08:42:58.315+0000","to":"high"}],
         "resolve_reason":{"type":"merge_resolve_reason","incident":{"id":"Q","type":"incident_reference"}},
         "body":{"type":"incident_body","details":{"a":[1,{"b":2}]}}}""", Incident.class);

    assertThat(i.status()).isEqualTo(IncidentStatus.UNKNOWN);
    assertThat(i.urgency()).isEqualTo(Urgency.UNKNOWN);
    assertThat(i.pendingActions().get(0).at())
        .isEqualTo(OffsetDateTime.of(2015, 7, 17, 8, 42, 58, 315_000_000, ZoneOffset.UTC));
    assertThat(i.pendingActions().get(0).to()).isEqualTo(Urgency.HIGH);
    assertThat(i.resolveReason().incident().id()).isEqualTo("Q");
    assertThat(i.body().details()).isEqualTo(Map.of("a", List.of(1, Map.of("b", 2))));
    assertThat(i.type()).isEqualTo("incident");
    assertThat(i.mergeable()).isFalse();
  }

  @Test
  void notes_officialExamples_readUserAndChannel() {
    IncidentNote[] notes = member("notes-list", "notes", IncidentNote[].class);

    assertThat(notes).hasSize(2);
    assertThat(notes[0].channel().summary()).isEqualTo("The PagerDuty website or APIs");
    assertThat(notes[0].channel().id()).isNull();
    assertThat(notes[1].user().type()).isEqualTo("bot_user_reference");
    assertThat(notes[1].channel().type()).isEqualTo("event_rule_reference");
    assertThat(roundTrip(notes[1], IncidentNote.class)).isEqualTo(notes[1]);
    IncidentNote created = member("note-create", "note", IncidentNote.class);
    assertThat(created.content()).isNotBlank();
  }

  @Test
  void logEntries_officialExamples_keepTypeAndDetails() {
    LogEntry e = member("log-entries-list", "log_entries", LogEntry[].class)[0];

    assertThat(e.type()).isEqualTo("trigger_log_entry");
    assertThat(e.agent().type()).isEqualTo("service_reference");
    assertThat(e.channel().type()).isEqualTo("api");
    assertThat(e.incident().id()).isEqualTo("PT4KHLK");
    assertThat(e.eventDetails()).containsEntry("description",
        "Tasks::SFDCValidator - PD_Data__c - duplicates");
    assertThat(e.contexts()).isEmpty();
    assertThat(roundTrip(e, LogEntry.class)).isEqualTo(e);
    LogEntry fromIncident = member("incident-log-entries", "log_entries", LogEntry[].class)[0];
    assertThat(fromIncident.id()).isNotBlank();
  }

  @Test
  void logEntry_unknownType_keptAsString() throws IOException {
    LogEntry e = read("{\"id\":\"Q\",\"type\":\"teleport_log_entry\",\"event_details\":null}",
        LogEntry.class);

    assertThat(e.type()).isEqualTo("teleport_log_entry");
    assertThat(e.eventDetails()).isEmpty();
  }

  @Test
  void alert_officialExample_readsBodyAndSeverity() {
    Alert a = member("alerts-list", "alerts", Alert[].class)[0];

    assertThat(a.status()).isEqualTo(Alert.Status.RESOLVED);
    assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(a.suppressed()).isFalse();
    assertThat(a.alertKey()).isEqualTo("baf7cf21b1da41b4b0221008339ff357");
    assertThat(a.body().contexts()).extracting(Context::type).containsExactly("link");
    assertThat(a.body().details()).isEqualTo(Map.of("customKey", "Server is on fire!",
        "customKey2", "Other stuff!"));
    assertThat(a.integration().id()).isEqualTo("PQ12345");
    assertThat(roundTrip(a, Alert.class)).isEqualTo(a);
  }

  @Test
  void alert_unknownEnumsAndStringDetails_decode() throws IOException {
    Alert a = read("{\"id\":\"A\",\"status\":\"paused\",\"severity\":\"apocalyptic\","
        + "\"body\":{\"details\":\"plain text\"}}", Alert.class);

    assertThat(a.status()).isEqualTo(Alert.Status.UNKNOWN);
    assertThat(a.severity()).isEqualTo(Alert.Severity.UNKNOWN);
    assertThat(a.body().details()).isEqualTo("plain text");
    assertThat(a.type()).isEqualTo("alert");
  }

  @Test
  void maintenanceWindow_officialExamples_decodeAndRoundTrip() {
    MaintenanceWindow mw = member("maintenance-window-get", "maintenance_window",
        MaintenanceWindow.class);

    assertThat(mw.startTime()).isBefore(mw.endTime());
    assertThat(mw.services()).isNotEmpty();
    assertThat(roundTrip(mw, MaintenanceWindow.class)).isEqualTo(mw);
    MaintenanceWindow[] list = member("maintenance-windows-list", "maintenance_windows",
        MaintenanceWindow[].class);
    assertThat(list).isNotEmpty();
  }

  @Test
  void auditRecords_officialExample_readActorsFieldsAndReferences() {
    AuditRecord[] records = member("audit-records", "records", AuditRecord[].class);

    AuditRecord created = records[0];
    assertThat(created.id()).isEqualTo("PDRECORDID1_TEAM_CREATED");
    assertThat(created.executionTime())
        .isEqualTo(OffsetDateTime.of(2020, 6, 4, 15, 30, 16, 272_000_000, ZoneOffset.UTC));
    assertThat(created.executionContext().remoteAddress()).isEqualTo("201.19.20.19");
    assertThat(created.actors()).extracting(Reference::id).containsExactly("PDUSER");
    assertThat(created.method().type()).isEqualTo("api_token");
    assertThat(created.method().truncatedToken()).isEqualTo("3usr");
    assertThat(created.action()).isEqualTo("create");
    assertThat(created.details().fields()).singleElement()
        .satisfies(f -> assertThat(f.value()).isEqualTo("DevOps team"));
    AuditRecord removed = records[1];
    assertThat(removed.actors()).isEmpty();
    assertThat(removed.details().references()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("members");
      assertThat(r.removed()).extracting(Reference::summary).containsExactly("John Doe");
      assertThat(r.added()).isEmpty();
    });
    for (AuditRecord r : records) {
      assertThat(roundTrip(r, AuditRecord.class)).isEqualTo(r);
    }
  }

  @Test
  void abilities_officialExample_readAsAbilityValues() {
    Ability[] abilities = member("abilities", "abilities", Ability[].class);

    assertThat(abilities).contains(Ability.TEAMS, Ability.READ_ONLY_USERS,
        Ability.SERVICE_SUPPORT_HOURS, Ability.URGENCIES);
    assertThat(new String(Json.write(Ability.TEAMS))).isEqualTo("\"teams\"");
    assertThat(Ability.of("x").toString()).isEqualTo("x");
  }

  @Test
  void enums_wireName_isLowerCaseSpelling() {
    assertThat(IncidentStatus.TRIGGERED.wireName()).isEqualTo("triggered");
    assertThat(Urgency.SEVERITY_BASED.wireName()).isEqualTo("severity_based");
    assertThat(UserRole.READ_ONLY_LIMITED_USER.wireName()).isEqualTo("read_only_limited_user");
    assertThat(TeamRole.RESPONDER.wireName()).isEqualTo("responder");
    assertThat(ServiceStatus.MAINTENANCE.wireName()).isEqualTo("maintenance");
    assertThat(new String(Json.write(UserRole.READ_ONLY_USER))).isEqualTo("\"read_only_user\"");
  }

  @Test
  void alertGroupingParameters_factories_writeTheirConfig() {
    JsonNode time = Json.tree(Json.write(AlertGroupingParameters.time(10)));
    JsonNode content = Json.tree(Json.write(
        AlertGroupingParameters.contentBased("all", List.of("source"), 300)));
    JsonNode intelligent = Json.tree(Json.write(AlertGroupingParameters.intelligent(0)));

    assertThat(time.path("type").asText()).isEqualTo("time");
    assertThat(time.path("config").path("timeout").asInt()).isEqualTo(10);
    assertThat(content.path("config").path("fields").get(0).asText()).isEqualTo("source");
    assertThat(content.path("config").path("aggregate").asText()).isEqualTo("all");
    assertThat(intelligent.path("config").path("time_window").asInt()).isZero();
    assertThat(AutoPauseNotificationsParameters.disabled().enabled()).isFalse();
  }
}
