package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.PagerDuty;
import dev.pdkit.errors.ApiException;
import dev.pdkit.errors.ValidationException;
import dev.pdkit.escalation.Escalations;
import dev.pdkit.escalation.RespondersAdded;
import dev.pdkit.model.Incident;
import dev.pdkit.model.IncidentResponder;
import dev.pdkit.model.LogEntry;
import dev.pdkit.model.Reference;
import dev.pdkit.model.ResponderRequest;
import dev.pdkit.model.ResponderRequestTarget;
import dev.pdkit.model.ResponderState;
import dev.pdkit.rest.LogEntryQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /incidents/{id}/responder_requests}: the client, the escalation API and the fake. */
class ResponderRequestsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private FakePagerDuty fake;
  private PagerDuty pd;
  private Http http;
  private String admin;
  private String alice;
  private String bob;
  private String dbOnCall;
  private String dbPolicy;
  private String incidentId;

  @BeforeEach
  void start() {
    fake = FakePagerDuty.builder().token("test-token").user("admin@example.com")
        .clock(Clock.fixed(T0, ZoneOffset.UTC)).start();
    pd = PagerDuty.builder().apiToken("test-token").from("admin@example.com").apiUrl(fake.baseUrl()).build();
    http = new Http(fake);
    admin = fake.userId("admin@example.com");
    alice = fake.seedUser("alice@example.com");
    bob = fake.seedUser("bob@example.com");
    dbOnCall = fake.seedUser("dba@example.com");
    dbPolicy = fake.seedEscalationPolicy("Databases", dbOnCall);
    SeededService svc = fake.seedService("checkout", fake.seedEscalationPolicy("Checkout", alice));
    http.event(Http.trigger(svc.integrationKey(), "k1", "checkout down"));
    incidentId = fake.incidents().get(0).get("id").asText();
  }

  @AfterEach
  void stop() {
    pd.close();
    fake.close();
  }

  @Test
  void client_addResponders_userAndPolicy_recordedOnTheIncidentAndInItsLog() {
    ResponderRequest r = pd.incidents().addResponders(incidentId, admin, "join the bridge",
        List.of(Reference.user(bob), Reference.escalationPolicy(dbPolicy)));

    assertThat(r.id()).isNotBlank();
    assertThat(r.requester().id()).isEqualTo(admin);
    assertThat(r.requestedAt().toInstant()).isEqualTo(T0);
    assertThat(r.message()).isEqualTo("join the bridge");
    assertThat(r.responderRequestTargets()).extracting(ResponderRequestTarget::type, ResponderRequestTarget::id)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("user", bob),
            org.assertj.core.groups.Tuple.tuple("escalation_policy", dbPolicy));
    // the policy target asks whoever is on call on its first level
    assertThat(r.responderRequestTargets().get(1).incidentsResponders())
        .singleElement().satisfies(ir -> {
          assertThat(ir.user().id()).isEqualTo(dbOnCall);
          assertThat(ir.escalationPolicyRequests()).containsExactly("Databases");
        });

    Incident i = pd.incidents().get(incidentId);
    assertThat(i.incidentsResponders()).extracting(ir -> ir.user().id()).containsExactly(bob, dbOnCall);
    assertThat(i.incidentsResponders()).extracting(IncidentResponder::state)
        .containsOnly(ResponderState.PENDING);
    assertThat(i.responderRequests()).singleElement().satisfies(rr -> assertThat(rr.id()).isEqualTo(r.id()));
    assertThat(i.assignments()).extracting(a -> a.assignee().id()).containsExactly(alice); // responders help, not own
    List<LogEntry> log = pd.incidents().logEntries(incidentId, LogEntryQuery.none()).toList();
    assertThat(log).anySatisfy(le -> {
      assertThat(le.type()).isEqualTo("responder_request_log_entry");
      assertThat(le.summary()).contains("join the bridge");
      assertThat(le.agent().id()).isEqualTo(admin);
    });
  }

  @Test
  void client_addResponders_needsNoFromHeader() {
    try (PagerDuty noFrom = pd.withOptions(o -> o.from(null))) {
      ResponderRequest r = noFrom.incidents().addResponders(incidentId, admin, "help", List.of(Reference.user(bob)));

      assertThat(r.responderRequestTargets()).hasSize(1);
    }
  }

  @Test
  void fake_validation_pagerDutyErrorCodes() {
    String path = "/incidents/" + incidentId + "/responder_requests";
    String bobTarget = "[{\"responder_request_target\":{\"id\":\"" + bob + "\",\"type\":\"user_reference\"}}]";

    Http.R noRequester = http.post(path, "{\"message\":\"m\",\"responder_request_targets\":" + bobTarget + "}");
    Http.R unknownRequester = http.post(path,
        "{\"requester_id\":\"PNOBODY\",\"message\":\"m\",\"responder_request_targets\":" + bobTarget + "}");
    Http.R noMessage = http.post(path, "{\"requester_id\":\"" + admin + "\",\"responder_request_targets\":" + bobTarget + "}");
    Http.R noTargets = http.post(path, "{\"requester_id\":\"" + admin + "\",\"message\":\"m\",\"responder_request_targets\":[]}");
    Http.R badType = http.post(path, "{\"requester_id\":\"" + admin + "\",\"message\":\"m\",\"responder_request_targets\":"
        + "[{\"responder_request_target\":{\"id\":\"" + bob + "\",\"type\":\"schedule_reference\"}}]}");
    Http.R unknownUser = http.post(path, "{\"requester_id\":\"" + admin + "\",\"message\":\"m\",\"responder_request_targets\":"
        + "[{\"responder_request_target\":{\"id\":\"" + bob + "\",\"type\":\"user_reference\"}},"
        + "{\"responder_request_target\":{\"id\":\"PGHOST1\",\"type\":\"user_reference\"}}]}");
    Http.R unknownIncident = http.post("/incidents/PNOPE99/responder_requests",
        "{\"requester_id\":\"" + admin + "\",\"message\":\"m\",\"responder_request_targets\":" + bobTarget + "}");

    assertError(noRequester, 400, 2011, "requester_id is required");
    assertError(unknownRequester, 400, 2013, "PNOBODY");
    assertError(noMessage, 400, 2001, "message is required");
    assertError(noTargets, 400, 2001, "responder_request_targets is required");
    assertError(badType, 400, 2001, "responder_request_targets[0].type must be user_reference or escalation_policy_reference");
    assertError(unknownUser, 400, 2001, "responder_request_targets[1] references PGHOST1");
    assertError(unknownIncident, 404, 2100, "PNOPE99");
    // nothing half-applied: the valid first target of the rejected request was not added
    assertThat(pd.incidents().get(incidentId).incidentsResponders()).isEmpty();
  }

  @Test
  void fake_resolvedIncident_400code1001_andMissingAbility_402() {
    fake.setAbilities(Set.of("teams"));
    assertThatThrownBy(() -> pd.incidents().addResponders(incidentId, admin, "help", List.of(Reference.user(bob))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(402);
          assertThat(e.errorCode()).hasValue(2014);
        });
    fake.reset();
    alice = fake.seedUser("alice@example.com");
    SeededService svc = fake.seedService("checkout", fake.seedEscalationPolicy("Checkout", alice));
    http.event(Http.trigger(svc.integrationKey(), "k1", "checkout down"));
    String id = fake.incidents().get(0).get("id").asText();
    pd.incidents().resolve(id);

    assertThatThrownBy(() -> pd.incidents().addResponders(id, alice, "help", List.of(Reference.user(alice))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.errorCode()).hasValue(1001);
        });
  }

  @Test
  void escalations_addResponders_asTheFromUser_idempotentOnRerun() {
    Escalations esc = Escalations.of(pd);

    RespondersAdded first = esc.addResponders(incidentId, "payments fail too", List.of(Reference.user(bob),
        Reference.escalationPolicy(dbPolicy)));
    RespondersAdded again = esc.addResponders(incidentId, "payments fail too", List.of(Reference.user(bob),
        Reference.escalationPolicy(dbPolicy)));
    RespondersAdded more = esc.addResponders(incidentId, "need checkout too", List.of(Reference.user(bob),
        Reference.user(alice)));

    assertThat(first.applied()).isTrue();
    assertThat(first.request().requester().id()).isEqualTo(admin);
    assertThat(first.requested()).extracting(Reference::id).containsExactly(bob, dbPolicy);
    assertThat(again.applied()).isFalse();
    assertThat(again.alreadyRequested()).extracting(Reference::id).containsExactly(bob, dbPolicy);
    assertThat(more.requested()).extracting(Reference::id).containsExactly(alice);
    assertThat(more.alreadyRequested()).extracting(Reference::id).containsExactly(bob);
    assertThat(pd.incidents().get(incidentId).responderRequests()).hasSize(2);
    long posts = fake.requests().stream().filter(r -> r.method().equals("POST")
        && r.path().endsWith("/responder_requests")).count();
    assertThat(posts).isEqualTo(2);
  }

  @Test
  void escalations_addResponders_withoutFrom_failsClearlyBeforeWriting() {
    try (PagerDuty noFrom = pd.withOptions(o -> o.from(null))) {
      assertThatThrownBy(() -> Escalations.of(noFrom).addResponders(incidentId, "help", List.of(Reference.user(bob))))
          .isInstanceOf(ValidationException.class).hasMessageContaining("From");
    }
    try (PagerDuty stranger = pd.withOptions(o -> o.from("stranger@example.com"))) {
      assertThatThrownBy(() -> Escalations.of(stranger).addResponders(incidentId, "help", List.of(Reference.user(bob))))
          .isInstanceOf(ValidationException.class).hasMessageContaining("stranger@example.com, is not a user of the account");
    }
    assertThat(pd.incidents().get(incidentId).responderRequests()).isEmpty();
  }

  private static void assertError(Http.R r, int status, int code, String detail) {
    assertThat(r.status()).as(r.json().toString()).isEqualTo(status);
    JsonNode e = r.json().get("error");
    assertThat(e.get("code").asInt()).as(r.json().toString()).isEqualTo(code);
    assertThat(e.get("errors").toString()).contains(detail);
  }
}
