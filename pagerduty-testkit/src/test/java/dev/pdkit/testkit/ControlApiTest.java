package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlApiTest {
  static FakePagerDuty fake;
  Http http;
  Http control;
  SeededService svc;

  @BeforeAll
  static void start() {
    fake = FakePagerDuty.builder().token("t").token("t2").user("admin@example.com").start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    control = new Http(fake).withoutToken();
    assertThat(control.post("/_fake/reset", "").status()).isEqualTo(204);
    http = new Http(fake).token("t");
    svc = fake.seedService("web");
  }

  @Test
  void reset_forgetsStateKeepsStartupUsersAndIds() {
    String adminId = fake.userId("admin@example.com");
    http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    fake.seedUser("temp@example.com");
    fake.reset();
    JsonNode state = fake.state();
    assertThat(state.get("incidents")).isEmpty();
    assertThat(state.get("services")).isEmpty();
    assertThat(state.get("users")).hasSize(1);
    assertThat(fake.userId("admin@example.com")).isEqualTo(adminId);
    assertThat(fake.requests()).isEmpty();
    // incident numbers restart, ids are never reused
    SeededService again = fake.seedService("web");
    assertThat(again.serviceId()).isNotEqualTo(svc.serviceId());
  }

  @Test
  void state_snapshotHasEveryCollectionAndNow() {
    http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    JsonNode s = control.get("/_fake/state").json();
    for (String c : new String[] {"users", "teams", "schedules", "escalation_policies", "services", "integrations",
        "incidents", "alerts", "log_entries", "notes", "maintenance_windows", "change_events", "audit_records", "abilities"}) {
      assertThat(s.has(c)).as(c).isTrue();
    }
    assertThat(s.get("incidents")).hasSize(1);
    assertThat(s.get("now").asText()).isNotBlank();
  }

  @Test
  void clockAdvance_returnsNowAndFiresEscalation() {
    Instant before = fake.now();
    Http.R r = control.post("/_fake/clock/advance?seconds=90", "");
    assertThat(r.status()).isEqualTo(200);
    assertThat(Instant.parse(r.json().get("now").asText())).isEqualTo(before.plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(fake.now()).isEqualTo(before.plusSeconds(90));
    assertThat(control.post("/_fake/clock/advance?seconds=-1", "").status()).isEqualTo(400);
    assertThat(control.post("/_fake/clock/advance", "").status()).isEqualTo(400);
    assertThatThrownBy(() -> fake.advanceClock(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void virtualClock_timestampsComeFromIt() {
    fake.advanceClock(Duration.ofDays(3));
    http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    String created = fake.incidents().get(0).get("created_at").asText();
    assertThat(Instant.parse(created)).isEqualTo(fake.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void fault_statusTimes_thenPassesThrough() {
    Http.R add = control.post("/_fake/faults", "{\"method\":\"GET\",\"path\":\"/services\",\"status\":503,\"times\":2}");
    assertThat(add.status()).isEqualTo(201);
    Http.R f1 = http.get("/services");
    assertThat(f1.status()).isEqualTo(503);
    assertThat(f1.json().get("error").get("code").asInt()).isEqualTo(2000);
    assertThat(http.get("/services/" + svc.serviceId()).status()).isEqualTo(503); // prefix match
    assertThat(http.get("/services").status()).isEqualTo(200);
    assertThat(http.post("/teams", "{\"team\":{\"name\":\"x\"}}").status()).isEqualTo(201); // method must match
  }

  @Test
  void fault_globAndDelete_clears() {
    fake.addFault(Fault.builder().path("/incidents/*/notes").status(500).build());
    assertThat(http.get("/incidents/PABC123/notes").status()).isEqualTo(500);
    assertThat(http.get("/incidents/PABC123").status()).isEqualTo(404);
    assertThat(control.get("/_fake/faults").json().get("faults")).hasSize(1);
    assertThat(control.delete("/_fake/faults").status()).isEqualTo(204);
    assertThat(http.get("/incidents/PABC123/notes").status()).isEqualTo(404);
  }

  @Test
  void fault_skip_failsExactlyTheNthMatchingRequest() {
    fake.addFault(Fault.builder().method("GET").path("/abilities").skip(2).times(1).status(503).build());
    assertThat(control.post("/_fake/faults", "{\"method\":\"GET\",\"path\":\"/users\",\"status\":500,"
        + "\"times\":1,\"skip\":1}").json().at("/fault/skip").asInt()).isEqualTo(1);
    assertThat(List.of(http.get("/abilities").status(), http.get("/abilities").status(), http.get("/abilities").status(),
        http.get("/abilities").status())).containsExactly(200, 200, 503, 200);
    assertThat(List.of(http.get("/users").status(), http.get("/users").status(), http.get("/users").status()))
        .containsExactly(200, 500, 200);
    assertThatThrownBy(() -> Fault.builder().path("/x").status(500).skip(-1).build()).hasMessageContaining("skip");
  }

  @Test
  void fault_resetConnection_clientSeesIoError() {
    fake.addFault(Fault.builder().path("/v2/enqueue").resetConnection(true).times(1).build());
    assertThatThrownBy(() -> http.event(Http.trigger(svc.integrationKey(), "k", "x")))
        .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    assertThat(http.event(Http.trigger(svc.integrationKey(), "k", "x")).status()).isEqualTo(202);
    assertThat(fake.requests()).extracting(RecordedRequest::status).containsExactly(0, 202);
  }

  @Test
  void fault_delay_slowsButAnswers() {
    fake.addFault(Fault.builder().method("GET").path("/abilities").delayMs(150).times(1).build());
    long t0 = System.nanoTime();
    Http.R r = http.get("/abilities");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(ms).isGreaterThanOrEqualTo(140);
  }

  @Test
  void fault_probability_isSeededAndPartial() {
    fake.addFault(Fault.builder().path("/abilities").status(500).probability(0.5).build());
    int failures = 0;
    for (int i = 0; i < 200; i++) {
      if (http.get("/abilities").status() == 500) {
        failures++;
      }
    }
    assertThat(failures).isBetween(60, 140);
  }

  @Test
  void fault_eventsPath_usesEventsErrorShape() {
    fake.addFault(Fault.status("/v2/enqueue", 429));
    Http.R r = http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().has("status")).isTrue();
    assertThat(r.json().has("error")).isFalse();
  }

  @Test
  void noRateLimits_noRateLimitHeaders() {
    assertThat(http.get("/abilities").header("ratelimit-limit")).isNull();
  }

  @Test
  void fault_invalidRule_400() {
    assertThat(control.post("/_fake/faults", "{\"path\":\"/x\",\"status\":99}").status()).isEqualTo(400);
    assertThat(control.post("/_fake/faults", "{\"path\":\"/x\"}").status()).isEqualTo(400);
    assertThatThrownBy(() -> Fault.builder().status(500).build()).hasMessageContaining("path");
  }

  @Test
  void journal_recordsApiCallsWithRedactedAuthNotControlCalls() {
    http.get("/services");
    http.event(Http.trigger(svc.integrationKey(), "k", "x"));
    control.get("/_fake/state");
    JsonNode reqs = control.get("/_fake/requests").json().get("requests");
    assertThat(reqs).hasSize(2);
    assertThat(reqs.get(0).get("method").asText()).isEqualTo("GET");
    assertThat(reqs.get(0).get("path").asText()).isEqualTo("/services");
    assertThat(reqs.get(0).get("headers").get("authorization").get(0).asText()).isEqualTo("Token token=<redacted>");
    assertThat(reqs.get(1).get("body").asText()).contains("\"dedup_key\":\"k\"");
    assertThat(fake.requests().get(1).status()).isEqualTo(202);
    assertThat(control.delete("/_fake/requests").status()).isEqualTo(204);
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void rateLimits_restPerToken429WithHeadersAndResetOnVirtualClock() {
    Http.R set = control.post("/_fake/rate-limits", "{\"rest_per_minute\":3}");
    assertThat(set.json().get("rest_per_minute").asInt()).isEqualTo(3);
    assertThat(set.json().get("events_per_minute_per_key").isNull()).isTrue();
    assertThat(http.get("/abilities").header("ratelimit-remaining")).isEqualTo("2");
    assertThat(http.get("/abilities").header("ratelimit-remaining")).isEqualTo("1");
    Http.R last = http.get("/abilities");
    assertThat(last.status()).isEqualTo(200);
    assertThat(last.header("ratelimit-limit")).isEqualTo("3");
    assertThat(last.header("ratelimit-remaining")).isEqualTo("0");
    Http.R limited = http.get("/abilities");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("error").get("code").asInt()).isEqualTo(2020);
    assertThat(limited.header("ratelimit-limit")).isEqualTo("3");
    assertThat(limited.header("ratelimit-remaining")).isEqualTo("0");
    assertThat(Integer.parseInt(limited.header("ratelimit-reset"))).isBetween(1, 60);
    assertThat(limited.header("retry-after")).isEqualTo(limited.header("ratelimit-reset"));
    assertThat(http.token("t2").get("/abilities").status()).isEqualTo(200); // per token
    fake.advanceClock(Duration.ofSeconds(61));
    assertThat(http.get("/abilities").status()).isEqualTo(200);
    fake.setRateLimits(RateLimits.UNLIMITED);
  }

  @Test
  void rateLimits_eventsPerRoutingKey() {
    fake.setRateLimits(new RateLimits(null, 2));
    SeededService other = fake.seedService("other");
    assertThat(http.event(Http.trigger(svc.integrationKey(), "a", "x")).status()).isEqualTo(202);
    assertThat(http.event(Http.trigger(svc.integrationKey(), "b", "x")).status()).isEqualTo(202);
    Http.R r = http.event(Http.trigger(svc.integrationKey(), "c", "x"));
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("ratelimit-limit")).isEqualTo("2");
    assertThat(http.event(Http.trigger(other.integrationKey(), "a", "x")).status()).isEqualTo(202);
    assertThat(fake.incidents()).hasSize(3);
    assertThat(control.post("/_fake/rate-limits", "{}").json().get("events_per_minute_per_key").isNull()).isTrue();
    assertThat(http.event(Http.trigger(svc.integrationKey(), "c", "x")).status()).isEqualTo(202);
  }

  @Test
  void manyInstances_independentStateAndPorts() {
    try (FakePagerDuty a = FakePagerDuty.start(); FakePagerDuty b = FakePagerDuty.start()) {
      assertThat(a.port()).isNotEqualTo(b.port());
      a.seedService("only-in-a");
      assertThat(a.state().get("services")).hasSize(1);
      assertThat(b.state().get("services")).isEmpty();
    }
  }

  @Test
  void startStop_takesMilliseconds() {
    long t0 = System.nanoTime();
    FakePagerDuty f = FakePagerDuty.start();
    f.close();
    f.close(); // idempotent
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("start+stop took " + ms + " ms");
    assertThat(ms).isLessThan(2000);
  }
}
