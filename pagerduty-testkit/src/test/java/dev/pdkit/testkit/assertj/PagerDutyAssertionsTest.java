package dev.pdkit.testkit.assertj;

import static dev.pdkit.testkit.assertj.PagerDutyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.Severity;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.SeededService;
import dev.pdkit.testkit.junit.PagerDutyTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PagerDutyTest(tokens = "t", users = "ops@example.com")
class PagerDutyAssertionsTest {
  FakePagerDuty fake;
  PagerDuty pd;
  SeededService svc;
  Secret key;

  @BeforeEach
  void seed(FakePagerDuty fake, PagerDuty pd) {
    this.fake = fake;
    this.pd = pd;
    svc = fake.seedService("checkout");
    key = Secret.of(svc.integrationKey());
  }

  private void trigger(String dedup, String summary) {
    pd.events().trigger(AlertEvent.trigger(key).dedupKey(dedup).summary(summary).source("web-1")
        .severity(Severity.CRITICAL).customDetail("disk", "sda1").build());
  }

  @Test
  void receivedEvent_matchingFields_passesAndChains() {
    trigger("disk-1", "Disk full");
    pd.events().acknowledge(key, "disk-1");
    assertThat(fake).receivedEvent().withDedupKey("disk-1").withAction("trigger")
        .withSummary("Disk full").withSeverity("critical").withCustomDetail("disk", "sda1")
        .withRoutingKey(svc.integrationKey()).hasCount(1);
    assertThat(fake).receivedEvent().withDedupKey("disk-1").hasCount(2);
    assertThat(fake).receivedEvents(2);
  }

  @Test
  void receivedEvent_wrongDedupKey_failureListsCandidatesWithoutRoutingKey() {
    trigger("disk-1", "Disk full");
    assertThatThrownBy(() -> assertThat(fake).receivedEvent().withDedupKey("other"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("dedup_key=other")
        .hasMessageContaining("trigger dedup_key=disk-1 summary=\"Disk full\" severity=critical")
        .hasMessageNotContaining(svc.integrationKey());
  }

  @Test
  void receivedEvent_none_failsNamingEventsRequestsThatWereRejected() {
    assertThatThrownBy(() -> assertThat(fake).receivedEvent())
        .isInstanceOf(AssertionError.class).hasMessageContaining("no Events API requests at all");
    assertThatThrownBy(() -> pd.events().trigger(AlertEvent.trigger(Secret.of("0".repeat(32)))
        .summary("x").source("y").severity(Severity.INFO).build()));
    assertThat(fake).receivedNoEvents();
  }

  @Test
  void hasOpenIncident_afterTriggerAndAck_checksStatusUrgencyServiceAssignee() {
    trigger("disk-1", "Disk full");
    pd.events().acknowledge(key, "disk-1");
    assertThat(fake).hasOpenIncident("Disk full").withStatus("acknowledged").withUrgency("high")
        .onService(svc.serviceId()).withIncidentKey("disk-1").assignedTo(fake.userId("ops@example.com"));
    assertThat(fake).hasIncidentCount(1);
  }

  @Test
  void hasOpenIncident_resolved_failsShowingTheIncidentsThere() {
    trigger("disk-1", "Disk full");
    pd.events().resolve(key, "disk-1");
    assertThatThrownBy(() -> assertThat(fake).hasOpenIncident("Disk full"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("open incident titled \"Disk full\"")
        .hasMessageContaining("\"Disk full\" resolved");
    assertThat(fake).hasIncident("Disk full").withStatus("resolved");
    assertThat(fake).hasNoOpenIncidents();
  }

  @Test
  void withStatus_mismatch_failsWithActualStatus() {
    trigger("disk-1", "Disk full");
    assertThatThrownBy(() -> assertThat(fake).hasIncident("Disk full").withStatus("resolved"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("status \"resolved\" but it was \"triggered\"");
    assertThatThrownBy(() -> assertThat(fake).hasIncident("nope"))
        .hasMessageContaining("\"Disk full\" triggered");
    assertThatThrownBy(() -> assertThat(fake).hasNoOpenIncidents()).hasMessageContaining("Disk full");
    assertThatThrownBy(() -> assertThat(fake).hasIncidentCount(0)).hasMessageContaining("Expecting 0 incidents");
  }

  @Test
  void hasIncident_byId_findsIt() {
    trigger("disk-1", "Disk full");
    String id = pd.incidents().list().toList().get(0).id();
    assertThat(fake).hasIncident(id).withStatus("triggered");
  }

  @Test
  void receivedRequest_globAndHeaders_narrowAndFailWithJournal() {
    trigger("disk-1", "Disk full");
    String id = pd.incidents().list().toList().get(0).id();
    pd.incidents().acknowledge(id);
    assertThat(fake).receivedRequest("PUT", "/incidents/*").withHeader("from", "ops@example.com")
        .withBodyContaining("acknowledged").answeredWith(200).hasCount(1);
    assertThat(fake).receivedRequest("GET", "/incidents").hasCount(1);
    assertThat(fake).receivedRequest("*", "/v2/**").hasCount(1);
    assertThat(fake).receivedNoRequest("DELETE", "/**");
    assertThatThrownBy(() -> assertThat(fake).receivedRequest("PUT", "/incidents/*").withHeader("from", "x@y.z"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PUT /incidents/" + id + " -> 200 (From: ops@example.com)");
    assertThatThrownBy(() -> assertThat(fake).receivedRequest("POST", "/services"))
        .hasMessageContaining("GET /incidents");
    assertThatThrownBy(() -> assertThat(fake).receivedNoRequest("GET", "/incidents"))
        .hasMessageContaining("Expecting no request GET /incidents");
  }
}
