package dev.pdkit.testkit.scenarios;

import static dev.pdkit.testkit.assertj.PagerDutyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.Secret;
import dev.pdkit.errors.ApiException;
import dev.pdkit.errors.BadRequestException;
import dev.pdkit.errors.ForbiddenException;
import dev.pdkit.errors.NotFoundException;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.UnauthorizedException;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.ChangeEvent;
import dev.pdkit.events.EventResult;
import dev.pdkit.events.Severity;
import dev.pdkit.model.Incident;
import dev.pdkit.model.IncidentCreate;
import dev.pdkit.model.IncidentStatus;
import dev.pdkit.model.Service;
import dev.pdkit.model.Urgency;
import dev.pdkit.rest.IncidentQuery;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.rest.Page;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RateLimits;
import dev.pdkit.testkit.SeededService;
import dev.pdkit.testkit.junit.PagerDutyTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "Done when" scenario suite: the REAL pdkit client ({@link PagerDuty}, typed resources and the
 * Events API) against the fake, one shared fake reset before every scenario.
 */
@PagerDutyTest(tokens = "scenario-token", readOnlyTokens = "readonly-token",
    users = {"ops@example.com", "bob@example.com"})
class ClientScenariosTest {
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

  EventResult trigger(String dedup, String summary) {
    return pd.events().trigger(AlertEvent.trigger(key).dedupKey(dedup).summary(summary).source("web-1")
        .severity(Severity.ERROR).build());
  }

  List<Incident> incidents() {
    return pd.incidents().list(IncidentQuery.builder().dateRangeAll().build()).toList();
  }

  PagerDuty client(String token, RetryPolicy retries) {
    return PagerDuty.builder().apiToken(token).apiUrl(fake.baseUrl()).eventsUrl(fake.baseUrl())
        .from("ops@example.com").retryPolicy(retries).build();
  }

  @Nested
  class Dedup {
    @Test
    void trigger_sameKeyTwice_oneIncidentOneAlert() {
      trigger("k", "first");
      trigger("k", "second");
      assertThat(incidents()).hasSize(1);
      assertThat(pd.incidents().alerts(incidents().get(0).id()).toList()).hasSize(1);
    }

    @Test
    void trigger_returnsTheDedupKeySent() {
      assertThat(trigger("disk-1", "Disk full").dedupKey()).isEqualTo("disk-1");
    }

    @Test
    void trigger_withoutKey_serverGeneratesDistinctKeys() {
      EventResult a = pd.events().trigger(AlertEvent.trigger(key).summary("a").source("s").severity(Severity.INFO).build());
      EventResult b = pd.events().trigger(AlertEvent.trigger(key).summary("b").source("s").severity(Severity.INFO).build());
      assertThat(a.dedupKey()).isNotBlank().isNotEqualTo(b.dedupKey());
      assertThat(incidents()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 10})
    void trigger_distinctKeys_oneIncidentEach(int n) {
      IntStream.range(0, n).forEach(i -> trigger("k" + i, "alert " + i));
      assertThat(incidents()).hasSize(n);
      assertThat(fake).receivedEvents(n);
    }

    @Test
    void acknowledge_openAlert_incidentAcknowledged() {
      trigger("k", "Disk full");
      pd.events().acknowledge(key, "k");
      assertThat(fake).hasOpenIncident("Disk full").withStatus("acknowledged");
    }

    @Test
    void resolve_openAlert_incidentResolved() {
      trigger("k", "Disk full");
      pd.events().resolve(key, "k");
      assertThat(fake).hasIncident("Disk full").withStatus("resolved");
      assertThat(fake).hasNoOpenIncidents();
    }

    @Test
    void acknowledge_unknownKey_acceptedButDropped() {
      EventResult r = pd.events().acknowledge(key, "never-triggered");
      assertThat(r.status()).isEqualTo("success");
      assertThat(incidents()).isEmpty();
    }

    @Test
    void resolve_withAnotherServicesRoutingKey_dropped() {
      trigger("k", "Disk full");
      SeededService other = fake.seedService("payments");
      pd.events().resolve(Secret.of(other.integrationKey()), "k");
      assertThat(fake).hasOpenIncident("Disk full").withStatus("triggered");
    }

    @Test
    void trigger_afterResolve_opensNewIncident() {
      trigger("k", "Disk full");
      pd.events().resolve(key, "k");
      trigger("k", "Disk full");
      assertThat(incidents()).hasSize(2);
      assertThat(fake).hasOpenIncident("Disk full").withStatus("triggered");
    }

    @Test
    void trigger_unknownRoutingKey_rejected() {
      assertThatThrownBy(() -> pd.events().trigger(AlertEvent.trigger(Secret.of("f".repeat(32)))
          .summary("x").source("y").severity(Severity.INFO).build())).isInstanceOf(PagerDutyException.class);
      assertThat(fake).receivedNoEvents();
    }

    @Test
    void change_event_recorded() {
      pd.events().change(ChangeEvent.builder(key).summary("deployed v42").source("ci").build());
      assertThat(fake.changeEvents()).singleElement()
          .satisfies(e -> assertThat(e.toString()).contains("deployed v42"));
      assertThat(incidents()).isEmpty();
    }

    @Test
    void trigger_incidentKeyIsTheDedupKey() {
      trigger("disk-7", "Disk full");
      assertThat(fake).hasIncident("Disk full").withIncidentKey("disk-7").onService(svc.serviceId());
    }
  }

  @Nested
  class Pagination {
    @ParameterizedTest
    @CsvSource({"0,25", "1,25", "25,25", "26,25", "99,100", "100,100", "101,100", "7,3"})
    void servicesList_anySizeAndPageSize_returnsAllExactlyOnce(int extra, int pageSize) {
      for (int i = 0; i < extra; i++) {
        fake.seedService("svc-" + i);
      }
      List<String> names = pd.services().list().withPageSize(pageSize).stream().map(Service::name)
          .collect(Collectors.toList());
      assertThat(names).hasSize(extra + 1).doesNotHaveDuplicates();
    }

    @Test
    void page_lastPage_moreFalse() {
      IntStream.range(0, 4).forEach(i -> fake.seedService("s" + i));
      Page<Service> p = pd.services().list().withPageSize(3).page(3);
      assertThat(p.items()).hasSize(2);
      assertThat(p.more()).isFalse();
    }

    @Test
    void page_firstOfMany_moreTrue() {
      IntStream.range(0, 4).forEach(i -> fake.seedService("s" + i));
      Page<Service> p = pd.services().list().withPageSize(2).firstPage();
      assertThat(p.items()).hasSize(2);
      assertThat(p.more()).isTrue();
    }

    @Test
    void raw_totalTrue_countsServices() {
      JsonNode withTotal = pd.raw().get("/services", Map.of("total", "true"));
      assertThat(withTotal.path("total").asInt()).isEqualTo(1);
    }

    @Test
    void raw_offsetBeyondTenThousand_badRequest() {
      assertThatThrownBy(() -> pd.raw().get("/services", Map.of("offset", "9950", "limit", "100")))
          .isInstanceOf(BadRequestException.class);
    }

    @Test
    void raw_limitAbove100_capped() {
      IntStream.range(0, 120).forEach(i -> fake.seedUser("u" + i + "@example.com"));
      JsonNode page = pd.raw().get("/users", Map.of("limit", "500"));
      assertThat(page.path("users").size()).isLessThanOrEqualTo(100);
      assertThat(page.path("more").asBoolean()).isTrue();
    }

    @Test
    void incidents_filterByStatus() {
      trigger("a", "A");
      trigger("b", "B");
      pd.events().acknowledge(key, "b");
      List<Incident> acked = pd.incidents().list(IncidentQuery.builder().dateRangeAll()
          .statuses(IncidentStatus.ACKNOWLEDGED).build()).toList();
      assertThat(acked).extracting(Incident::title).containsExactly("B");
    }

    @Test
    void incidents_filterByService() {
      SeededService other = fake.seedService("payments");
      trigger("a", "A");
      pd.events().trigger(AlertEvent.trigger(Secret.of(other.integrationKey())).dedupKey("b").summary("B")
          .source("s").severity(Severity.INFO).build());
      List<Incident> only = pd.incidents().list(IncidentQuery.builder().dateRangeAll()
          .serviceIds(other.serviceId()).build()).toList();
      assertThat(only).extracting(Incident::title).containsExactly("B");
    }

    @Test
    void users_query_filters() {
      assertThat(pd.users().list(ListQuery.text("bob")).toList()).extracting(u -> u.email())
          .containsExactly("bob@example.com");
    }
  }

  @Nested
  class FromRules {
    @Test
    void createIncident_withFrom_created() {
      Incident i = pd.incidents().create(IncidentCreate.builder().title("Manual").service(svc.serviceId()).assignTo(fake.userId("bob@example.com")).build());
      assertThat(i.status()).isEqualTo(IncidentStatus.TRIGGERED);
      assertThat(fake).receivedRequest("POST", "/incidents").withHeader("from", "ops@example.com");
    }

    @Test
    void createIncident_withoutFrom_rejectedByClientOrServer() {
      try (PagerDuty noFrom = PagerDuty.builder().apiToken("scenario-token").apiUrl(fake.baseUrl())
          .retryPolicy(RetryPolicy.none()).build()) {
        assertThatThrownBy(() -> noFrom.incidents().create(
            IncidentCreate.builder().title("x").service(svc.serviceId()).build()))
            .isInstanceOf(PagerDutyException.class).hasMessageContaining("From");
      }
      assertThat(fake).hasIncidentCount(0);
    }

    @Test
    void acknowledge_viaRest_sendsFromAndSucceeds() {
      trigger("k", "Disk full");
      Incident acked = pd.incidents().acknowledge(incidents().get(0).id());
      assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
      assertThat(fake).receivedRequest("PUT", "/incidents/*").withHeader("from", "ops@example.com");
    }

    @Test
    void fromUnknownUser_rejected() {
      trigger("k", "Disk full");
      String id = incidents().get(0).id();
      try (PagerDuty stranger = PagerDuty.builder().apiToken("scenario-token").apiUrl(fake.baseUrl())
          .from("stranger@example.com").retryPolicy(RetryPolicy.none()).build()) {
        assertThatThrownBy(() -> stranger.incidents().acknowledge(id)).isInstanceOf(ApiException.class);
      }
      assertThat(fake).hasOpenIncident("Disk full").withStatus("triggered");
    }

    @Test
    void addNote_withFrom_listed() {
      trigger("k", "Disk full");
      String id = incidents().get(0).id();
      pd.incidents().addNote(id, "looking into it");
      assertThat(pd.incidents().notes(id)).singleElement()
          .satisfies(n -> assertThat(n.content()).isEqualTo("looking into it"));
    }

    @Test
    void getServices_withoutFrom_allowed() {
      try (PagerDuty noFrom = PagerDuty.builder().apiToken("scenario-token").apiUrl(fake.baseUrl()).build()) {
        assertThat(noFrom.services().list().toList()).hasSize(1);
      }
      assertThat(fake).receivedRequest("GET", "/services").withoutHeader("from");
    }
  }

  @Nested
  class AuthAndErrors {
    @Test
    void unknownToken_unauthorized() {
      try (PagerDuty bad = client("wrong-token", RetryPolicy.none())) {
        assertThatThrownBy(() -> bad.services().list().toList()).isInstanceOf(UnauthorizedException.class);
      }
    }

    @Test
    void readOnlyToken_readsButCannotWrite() {
      try (PagerDuty ro = client("readonly-token", RetryPolicy.none())) {
        assertThat(ro.services().list().toList()).hasSize(1);
        assertThatThrownBy(() -> ro.services().delete(svc.serviceId())).isInstanceOf(ForbiddenException.class);
      }
      assertThat(pd.services().get(svc.serviceId()).name()).isEqualTo("checkout");
    }

    @Test
    void getMissingService_notFound() {
      assertThatThrownBy(() -> pd.services().get("PNOPE00")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteService_thenGet_notFound() {
      pd.services().delete(svc.serviceId());
      assertThatThrownBy(() -> pd.services().get(svc.serviceId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void createService_roundTrip() {
      Service created = pd.services().create(Service.builder().name("search")
          .escalationPolicy(svc.escalationPolicyId()).build());
      assertThat(created.id()).isNotBlank();
      assertThat(pd.services().get(created.id()).name()).isEqualTo("search");
    }

    @Test
    void createService_duplicateName_rejected() {
      assertThatThrownBy(() -> pd.services().create(Service.builder().name("checkout")
          .escalationPolicy(svc.escalationPolicyId()).build())).isInstanceOf(ApiException.class);
    }
  }

  @Nested
  class Faults {
    @Test
    void oneServerError_clientRetriesGet_succeeds() {
      fake.addFault(Fault.builder().method("GET").path("/services").status(503).times(1).build());
      assertThat(pd.services().list().toList()).hasSize(1);
      assertThat(fake).receivedRequest("GET", "/services").answeredWith(503).hasCount(1);
      assertThat(fake).receivedRequest("GET", "/services").answeredWith(200).hasCount(1);
    }

    @Test
    void persistentServerError_clientGivesUpAfterMaxAttempts() {
      fake.addFault(Fault.status("/services", 500));
      assertThatThrownBy(() -> pd.services().list().toList()).isInstanceOf(ApiException.class)
          .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(500));
      assertThat(fake).receivedRequest("GET", "/services").answeredWith(500).hasCount(4);
    }

    @Test
    void serverErrorOnPost_notRetried() {
      fake.addFault(Fault.builder().method("POST").path("/incidents").status(500).times(1).build());
      assertThatThrownBy(() -> pd.incidents().create(IncidentCreate.builder().title("x").service(svc.serviceId()).build()))
          .isInstanceOf(ApiException.class);
      assertThat(fake).receivedRequest("POST", "/incidents").hasCount(1);
      assertThat(fake).hasIncidentCount(0);
    }

    @Test
    void eventTriggerWithDedupKey_retriedAfter502() {
      fake.addFault(Fault.builder().method("POST").path("/v2/enqueue").status(502).times(1).build());
      trigger("k", "Disk full");
      assertThat(fake).receivedRequest("POST", "/v2/enqueue").answeredWith(502).hasCount(1);
      assertThat(fake).hasOpenIncident("Disk full");
    }

    @Test
    void connectionReset_onGet_retried() {
      fake.addFault(Fault.builder().method("GET").path("/services").resetConnection(true).times(1).build());
      assertThat(pd.services().list().toList()).hasSize(1);
      assertThat(fake).receivedRequest("GET", "/services").answeredWith(0).hasCount(1);
    }

    @Test
    void faultOnOtherPath_doesNotAffectServices() {
      fake.addFault(Fault.status("/incidents", 500));
      assertThat(pd.services().list().toList()).hasSize(1);
    }

    @Test
    void clearFaults_restoresService() {
      fake.addFault(Fault.status("/services", 500));
      fake.clearFaults();
      assertThat(pd.services().list().toList()).hasSize(1);
    }

    @Test
    void delayFault_requestStillSucceeds() {
      fake.addFault(Fault.builder().path("/services").delayMs(50).times(1).build());
      long t0 = System.nanoTime();
      assertThat(pd.services().list().toList()).hasSize(1);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }
  }

  @Nested
  class RateLimiting {
    @Test
    void restLimit_windowPassesOnVirtualClock_allowedAgain() {
      // limit 2: without the clock moving, the third call would get 429. The client never sees
      // ratelimit-remaining 0 before its last call, so it never waits in real time.
      fake.setRateLimits(new RateLimits(2, null));
      pd.services().list().toList();
      fake.advanceClock(Duration.ofSeconds(61));
      pd.services().list().toList();
      assertThat(pd.services().list().toList()).hasSize(1);
      assertThat(fake).receivedRequest("GET", "/services").answeredWith(200).hasCount(3);
    }

  }

  @Nested
  class Clock {
    @Test
    void escalation_afterDelay_levelTwo() {
      String a = fake.userId("ops@example.com");
      String b = fake.userId("bob@example.com");
      String ep = fake.seedEscalationPolicy("two-level", List.of(List.of(a), List.of(b)), 10, 0);
      SeededService s2 = fake.seedService("escalating", ep);
      pd.events().trigger(AlertEvent.trigger(Secret.of(s2.integrationKey())).dedupKey("e").summary("Esc")
          .source("s").severity(Severity.CRITICAL).build());
      assertThat(fake).hasOpenIncident("Esc").assignedTo(a);
      fake.advanceClock(Duration.ofMinutes(11));
      assertThat(fake).hasOpenIncident("Esc").assignedTo(b);
    }

    @Test
    void escalation_beforeDelay_staysAtLevelOne() {
      String a = fake.userId("ops@example.com");
      String b = fake.userId("bob@example.com");
      String ep = fake.seedEscalationPolicy("two-level", List.of(List.of(a), List.of(b)), 10, 0);
      SeededService s2 = fake.seedService("escalating", ep);
      pd.events().trigger(AlertEvent.trigger(Secret.of(s2.integrationKey())).dedupKey("e").summary("Esc")
          .source("s").severity(Severity.CRITICAL).build());
      fake.advanceClock(Duration.ofMinutes(9));
      assertThat(fake).hasOpenIncident("Esc").assignedTo(a);
    }

    @Test
    void createdAt_comesFromVirtualClock() {
      Instant t = fake.advanceClock(Duration.ofDays(3));
      trigger("k", "Later");
      assertThat(incidents().get(0).createdAt().toInstant()).isEqualTo(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void snooze_wakesUpAfterDuration() {
      trigger("k", "Sleepy");
      String id = incidents().get(0).id();
      pd.incidents().acknowledge(id);
      pd.incidents().snooze(id, Duration.ofHours(1));
      fake.advanceClock(Duration.ofMinutes(61));
      assertThat(fake).hasOpenIncident("Sleepy").withStatus("triggered");
    }

    @Test
    void advanceClock_negative_rejected() {
      assertThatThrownBy(() -> fake.advanceClock(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class IncidentLifecycle {
    @Test
    void restAcknowledgeThenResolve_logEntriesRecorded() {
      trigger("k", "Disk full");
      String id = incidents().get(0).id();
      pd.incidents().acknowledge(id);
      Incident resolved = pd.incidents().resolve(id);
      assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(fake.state().path("log_entries").toString()).contains("acknowledge_log_entry", "resolve_log_entry");
    }

    @Test
    void merge_sourceResolvedIntoTarget() {
      trigger("a", "A");
      trigger("b", "B");
      List<Incident> all = incidents();
      pd.incidents().merge(all.get(0).id(), List.of(all.get(1).id()));
      assertThat(fake).hasIncident(all.get(1).id()).withStatus("resolved");
      assertThat(fake).hasOpenIncident(all.get(0).id());
    }

    @Test
    void createIncident_lowUrgency_kept() {
      pd.incidents().create(IncidentCreate.builder().title("Low").service(svc.serviceId()).assignTo(fake.userId("ops@example.com")).urgency(Urgency.LOW).build());
      assertThat(fake).hasOpenIncident("Low").withUrgency("low");
    }

    @Test
    void reassign_toBob_assigned() {
      trigger("k", "Disk full");
      String id = incidents().get(0).id();
      pd.incidents().reassign(id, List.of(fake.userId("bob@example.com")));
      assertThat(fake).hasOpenIncident("Disk full").assignedTo(fake.userId("bob@example.com"));
    }

    @Test
    void asyncTwin_getIncident_completes() throws Exception {
      trigger("k", "Disk full");
      String id = incidents().get(0).id();
      assertThat(pd.incidents().getAsync(id).get(5, java.util.concurrent.TimeUnit.SECONDS).title()).isEqualTo("Disk full");
    }
  }
}
