package dev.pdkit.internal.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pdkit.internal.rest.RestWireMock.FROM;
import static dev.pdkit.internal.rest.RestWireMock.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pdkit.PagerDuty;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.model.Alert;
import dev.pdkit.model.Incident;
import dev.pdkit.model.IncidentCreate;
import dev.pdkit.model.IncidentNote;
import dev.pdkit.model.IncidentStatus;
import dev.pdkit.model.LogEntry;
import dev.pdkit.model.Reference;
import dev.pdkit.model.ResponderRequest;
import dev.pdkit.model.ResponderRequestTarget;
import dev.pdkit.model.ResponderState;
import dev.pdkit.model.Urgency;
import dev.pdkit.rest.IncidentQuery;
import dev.pdkit.rest.LogEntryQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IncidentsImplTest {
  @RegisterExtension static WireMockExtension wm = RestWireMock.extension();

  private PagerDuty pd;

  @BeforeEach
  void setUp() {
    pd = RestWireMock.client(wm);
    wm.stubFor(put(urlEqualTo("/incidents/PT4KHLK")).willReturn(example(200, "incident-get")));
  }

  @AfterEach
  void tearDown() {
    pd.close();
  }

  private void verifyUpdate(String incidentJson) {
    wm.verify(putRequestedFor(urlEqualTo("/incidents/PT4KHLK"))
        .withHeader("From", equalTo(FROM))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"incident\":" + incidentJson + "}")));
  }

  @Test
  void list_everyFilter_sentAsPagerDutyExpects() {
    wm.stubFor(get(urlPathEqualTo("/incidents")).willReturn(RestWireMock.lastPage("incidents-list")));

    List<Incident> incidents = pd.incidents().list(IncidentQuery.builder()
        .statuses(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED)
        .serviceIds("S1", "S2").teamIds("T1").userIds("U1").urgencies(Urgency.HIGH)
        .incidentKey("k-1").since(Instant.parse("2026-01-01T00:00:00Z"))
        .until(Instant.parse("2026-01-15T00:00:00Z")).sortBy("created_at:desc")
        .sortBy("urgency").include("assignees", "services").timeZone("UTC").build()).toList();

    assertThat(incidents).isNotEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo("/incidents"))
        .withQueryParam("statuses[]", havingExactly("triggered", "acknowledged"))
        .withQueryParam("service_ids[]", havingExactly("S1", "S2"))
        .withQueryParam("team_ids[]", equalTo("T1"))
        .withQueryParam("user_ids[]", equalTo("U1"))
        .withQueryParam("urgencies[]", equalTo("high"))
        .withQueryParam("incident_key", equalTo("k-1"))
        .withQueryParam("since", equalTo("2026-01-01T00:00:00Z"))
        .withQueryParam("until", equalTo("2026-01-15T00:00:00Z"))
        .withQueryParam("sort_by", equalTo("created_at:desc,urgency"))
        .withQueryParam("include[]", havingExactly("assignees", "services"))
        .withQueryParam("time_zone", equalTo("UTC"))
        .withQueryParam("total", equalTo("true"))
        .withQueryParam("offset", equalTo("0")));
  }

  @Test
  void list_dateRangeAll_sendsDateRangeWithoutWindow() {
    wm.stubFor(get(urlPathEqualTo("/incidents")).willReturn(RestWireMock.lastPage("incidents-list")));

    pd.incidents().list(IncidentQuery.builder().dateRangeAll().build()).toList();
    pd.incidents().list().toListAsync().join();

    wm.verify(getRequestedFor(urlPathEqualTo("/incidents"))
        .withQueryParam("date_range", equalTo("all")).withQueryParam("since", absent()));
    wm.verify(getRequestedFor(urlPathEqualTo("/incidents"))
        .withQueryParam("date_range", absent()).withQueryParam("until", absent()));
  }

  @Test
  void list_serverIgnoringOffset_failsInsteadOfLoopingForever() {
    wm.stubFor(get(urlPathEqualTo("/incidents")).willReturn(example(200, "incidents-list")));

    assertThatThrownBy(() -> pd.incidents().list().toList())
        .isInstanceOf(PagerDutyException.class)
        .hasMessageContaining("does not honour 'offset'");
    assertThat(wm.getAllServeEvents()).hasSize(2);
  }

  @Test
  void create_wrapsIncidentAndSendsFrom() {
    wm.stubFor(post(urlEqualTo("/incidents")).willReturn(example(201, "incident-create")));

    Incident created = pd.incidents().create(IncidentCreate.builder().title("Disk full")
        .service("PSVC1").urgency(Urgency.HIGH).incidentKey("disk-full").assignTo("PU1").build());

    assertThat(created.id()).isNotBlank();
    wm.verify(postRequestedFor(urlEqualTo("/incidents")).withHeader("From", equalTo(FROM))
        .withRequestBody(equalToJson("""
            {"incident":{"type":"incident","title":"Disk full",
              "service":{"id":"PSVC1","type":"service_reference"},"urgency":"high",
              "incident_key":"disk-full",
              "assignments":[{"assignee":{"id":"PU1","type":"user_reference"}}]}}""")));
  }

  @Test
  void create_withoutFrom_failsBeforeSending() {
    try (PagerDuty noFrom = RestWireMock.clientWithoutFrom(wm)) {
      IncidentCreate c = IncidentCreate.builder().title("t").service("S").build();

      assertThatThrownBy(() -> noFrom.incidents().create(c))
          .isInstanceOf(PagerDutyException.class).hasMessageContaining("From");
      assertThatThrownBy(() -> noFrom.incidents().acknowledge("PT4KHLK"))
          .hasMessageContaining("From");
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void withOptionsFrom_overridesTheDefault() {
    pd.withOptions(o -> o.from("alice@example.com")).incidents().acknowledge("PT4KHLK");

    wm.verify(putRequestedFor(urlEqualTo("/incidents/PT4KHLK"))
        .withHeader("From", equalTo("alice@example.com")));
  }

  @Test
  void acknowledge_putsStatusAcknowledged() {
    Incident i = pd.incidents().acknowledge("PT4KHLK");

    assertThat(i.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    verifyUpdate("{\"type\":\"incident_reference\",\"status\":\"acknowledged\"}");
  }

  @Test
  void resolve_withAndWithoutResolution() {
    pd.incidents().resolve("PT4KHLK");
    pd.incidents().resolveAsync("PT4KHLK", "Rolled back").join();

    verifyUpdate("{\"type\":\"incident_reference\",\"status\":\"resolved\"}");
    verifyUpdate("{\"type\":\"incident_reference\",\"status\":\"resolved\","
        + "\"resolution\":\"Rolled back\"}");
  }

  @Test
  void reassign_toUsersOrPolicy() {
    pd.incidents().reassign("PT4KHLK", List.of("U1", "U2"));
    pd.incidents().reassignToEscalationPolicy("PT4KHLK", "PEP");

    verifyUpdate("""
        {"type":"incident_reference","assignments":[
          {"assignee":{"id":"U1","type":"user_reference"}},
          {"assignee":{"id":"U2","type":"user_reference"}}]}""");
    verifyUpdate("""
        {"type":"incident_reference",
         "escalation_policy":{"id":"PEP","type":"escalation_policy_reference"}}""");
    assertThatThrownBy(() -> pd.incidents().reassign("PT4KHLK", List.of()))
        .hasMessageContaining("at least one user");
  }

  @Test
  void escalate_setsTheLevel() {
    pd.incidents().escalateAsync("PT4KHLK", 2).join();

    verifyUpdate("{\"type\":\"incident_reference\",\"escalation_level\":2}");
    assertThatThrownBy(() -> pd.incidents().escalate("PT4KHLK", 0))
        .hasMessageContaining("starts at 1");
  }

  @Test
  void merge_sendsSourceReferences() {
    wm.stubFor(put(urlEqualTo("/incidents/PT4KHLK/merge"))
        .willReturn(example(200, "incident-merge")));

    Incident target = pd.incidents().merge("PT4KHLK", List.of("PA", "PB"));

    assertThat(target.type()).isEqualTo("incident_reference");
    wm.verify(putRequestedFor(urlEqualTo("/incidents/PT4KHLK/merge"))
        .withHeader("From", equalTo(FROM)).withRequestBody(equalToJson("""
            {"source_incidents":[{"id":"PA","type":"incident_reference"},
                                 {"id":"PB","type":"incident_reference"}]}""")));
    assertThatThrownBy(() -> pd.incidents().merge("PT4KHLK", List.of()))
        .hasMessageContaining("at least one source");
  }

  @Test
  void snooze_sendsSecondsAndChecksTheRange() {
    wm.stubFor(post(urlEqualTo("/incidents/PT4KHLK/snooze"))
        .willReturn(example(201, "incident-snooze")));

    Incident i = pd.incidents().snooze("PT4KHLK", Duration.ofHours(1));

    assertThat(i.id()).isNotBlank();
    wm.verify(postRequestedFor(urlEqualTo("/incidents/PT4KHLK/snooze"))
        .withHeader("From", equalTo(FROM)).withRequestBody(equalToJson("{\"duration\":3600}")));
    assertThatThrownBy(() -> pd.incidents().snooze("PT4KHLK", Duration.ofDays(8)))
        .hasMessageContaining("1 second to 7 days");
    assertThatThrownBy(() -> pd.incidents().snooze("PT4KHLK", Duration.ZERO))
        .hasMessageContaining("1 second to 7 days");
  }

  @Test
  void addResponders_sendsRequesterMessageAndWrappedTargets_withoutNeedingFrom() {
    wm.stubFor(post(urlEqualTo("/incidents/PXP12GZ/responder_requests"))
        .willReturn(example(200, "responder-request-create")));
    PagerDuty noFrom = pd.withOptions(o -> o.from(null));

    ResponderRequest r = noFrom.incidents().addResponders("PXP12GZ", "P09TT3C",
        "Please help with issue - join bridge at +1(234)-567-8910",
        List.of(Reference.user("PL7A2O4"), new Reference("PEP1234", "escalation_policy_reference", "DB", null, null)));

    wm.verify(postRequestedFor(urlEqualTo("/incidents/PXP12GZ/responder_requests"))
        .withHeader("From", absent())
        .withRequestBody(equalToJson("""
            {"requester_id":"P09TT3C","message":"Please help with issue - join bridge at +1(234)-567-8910",
             "responder_request_targets":[
               {"responder_request_target":{"id":"PL7A2O4","type":"user_reference"}},
               {"responder_request_target":{"id":"PEP1234","type":"escalation_policy_reference"}}]}""")));
    assertThat(r.incident().id()).isEqualTo("PXP12GZ");
    assertThat(r.requester().id()).isEqualTo("P09TT3C");
    assertThat(r.requestedAt()).isNotNull();
    assertThat(r.responderRequestTargets()).singleElement().satisfies(t -> {
      assertThat(t.type()).isEqualTo(ResponderRequestTarget.USER);
      assertThat(t.incidentsResponders()).singleElement()
          .satisfies(ir -> assertThat(ir.state()).isEqualTo(ResponderState.PENDING));
    });
  }

  @Test
  void addResponders_badArguments_failBeforeSending() {
    assertThatThrownBy(() -> pd.incidents().addResponders("PXP12GZ", "PU1", " ", List.of(Reference.user("PU2"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message must not be blank");
    assertThatThrownBy(() -> pd.incidents().addResponders("PXP12GZ", "PU1", "help", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    assertThatThrownBy(() -> pd.incidents().addResponders("PXP12GZ", "PU1", "help", List.of(Reference.schedule("PS1"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets[0] is a schedule_reference");
    assertThatThrownBy(() -> pd.incidents().addResponders("PXP12GZ", " ", "help", List.of(Reference.user("PU2"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requesterId");
    wm.verify(0, postRequestedFor(urlPathEqualTo("/incidents/PXP12GZ/responder_requests")));
  }

  @Test
  void notes_listAndAdd() {
    wm.stubFor(get(urlEqualTo("/incidents/PT4KHLK/notes")).willReturn(example(200, "notes-list")));
    wm.stubFor(post(urlEqualTo("/incidents/PT4KHLK/notes"))
        .willReturn(example(200, "note-create")));

    List<IncidentNote> notes = pd.incidents().notes("PT4KHLK");
    IncidentNote added = pd.incidents().addNote("PT4KHLK", "Firefighters are on the scene.");

    assertThat(notes).hasSize(2);
    assertThat(added.content()).isNotBlank();
    wm.verify(postRequestedFor(urlEqualTo("/incidents/PT4KHLK/notes"))
        .withHeader("From", equalTo(FROM))
        .withRequestBody(equalToJson("{\"note\":{\"content\":\"Firefighters are on the scene.\"}}")));
    assertThatThrownBy(() -> pd.incidents().addNote("PT4KHLK", " "))
        .hasMessageContaining("must not be blank");
  }

  @Test
  void get_decodesTheOfficialExample() {
    wm.stubFor(get(urlEqualTo("/incidents/PT4KHLK")).willReturn(example(200, "incident-get")));

    assertThat(pd.incidents().get("PT4KHLK").incidentNumber()).isEqualTo(1234);
  }

  @Test
  void logEntries_perIncident_sendsFilters() {
    wm.stubFor(get(urlPathEqualTo("/incidents/PT4KHLK/log_entries"))
        .willReturn(example(200, "incident-log-entries")));

    List<LogEntry> entries = pd.incidents().logEntries("PT4KHLK", LogEntryQuery.builder()
        .overview(true).include("channels").timeZone("UTC")
        .since(Instant.parse("2026-01-01T00:00:00Z")).build()).toList();

    assertThat(entries).isNotEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo("/incidents/PT4KHLK/log_entries"))
        .withQueryParam("is_overview", equalTo("true"))
        .withQueryParam("include[]", equalTo("channels"))
        .withQueryParam("time_zone", equalTo("UTC"))
        .withQueryParam("since", equalTo("2026-01-01T00:00:00Z")));
    assertThatThrownBy(() -> pd.incidents().logEntries("PT4KHLK",
        LogEntryQuery.builder().teamIds("T").build())).hasMessageContaining("account-wide");
  }

  @Test
  void logEntries_accountWide_isWindowedWithTeamFilter() {
    wm.stubFor(get(urlPathEqualTo("/log_entries")).willReturn(RestWireMock.json(200,
        "{\"log_entries\":[{\"id\":\"Q1\",\"type\":\"notify_log_entry\"}],\"limit\":100,"
            + "\"offset\":0,\"more\":false,\"total\":1}")));

    List<LogEntry> entries = pd.incidents().logEntries(LogEntryQuery.builder().teamIds("T1")
        .since(Instant.parse("2026-01-01T00:00:00Z")).until(Instant.parse("2026-01-02T00:00:00Z"))
        .build()).toList();

    assertThat(entries).extracting(LogEntry::type).containsExactly("notify_log_entry");
    wm.verify(getRequestedFor(urlPathEqualTo("/log_entries"))
        .withQueryParam("team_ids[]", equalTo("T1"))
        .withQueryParam("until", equalTo("2026-01-02T00:00:00Z"))
        .withQueryParam("total", equalTo("true")));
  }

  @Test
  void alerts_listsThePagesOfAlerts() {
    wm.stubFor(get(urlPathEqualTo("/incidents/PT4KHLK/alerts"))
        .withQueryParam("offset", equalTo("0")).willReturn(example(200, "alerts-list")));
    wm.stubFor(get(urlPathEqualTo("/incidents/PT4KHLK/alerts"))
        .withQueryParam("offset", equalTo("1")).willReturn(RestWireMock.json(200,
            "{\"alerts\":[{\"id\":\"A2\",\"type\":\"alert\",\"status\":\"triggered\"}],"
                + "\"limit\":1,\"offset\":1,\"more\":false}")));

    List<Alert> alerts = pd.incidents().alerts("PT4KHLK").toList();

    assertThat(alerts).extracting(Alert::id).containsExactly("PT4KHLK", "A2");
    assertThat(alerts.get(1).status()).isEqualTo(Alert.Status.TRIGGERED);
  }
}
