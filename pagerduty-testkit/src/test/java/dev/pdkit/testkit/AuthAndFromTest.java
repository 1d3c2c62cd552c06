package dev.pdkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AuthAndFromTest {
  static FakePagerDuty fake;
  Http http;

  @BeforeAll
  static void start() {
    fake = FakePagerDuty.builder().token("full").readOnlyToken("ro").userToken("usertok", "bob@example.com")
        .user("admin@example.com").user("bob@example.com").start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
    http = new Http(fake).token("full");
  }

  @Test
  void anyRestCall_missingAuthorization_401Code2006() {
    Http.R r = http.withoutToken().get("/services");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").get("code").asInt()).isEqualTo(2006);
    assertThat(r.json().get("error").get("errors").get(0).asText()).contains("Authorization");
  }

  @Test
  void anyRestCall_unknownToken_401() {
    Http.R r = http.token("nope").get("/services");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").get("code").asInt()).isEqualTo(2006);
    assertThat(r.raw().body()).doesNotContain("nope");
  }

  @Test
  void bearerToken_accepted() {
    Http.R r = http.withoutToken().send("GET", "/abilities", null);
    assertThat(r.status()).isEqualTo(401);
    java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.baseUrl() + "/abilities"))
        .header("Authorization", "Bearer full").build();
    try {
      var resp = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).contains("teams");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readOnlyToken_getAllowedWriteForbidden403() {
    assertThat(http.token("ro").get("/services").status()).isEqualTo(200);
    Http.R r = http.token("ro").post("/teams", "{\"team\":{\"type\":\"team\",\"name\":\"x\"}}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("error").get("code").asInt()).isEqualTo(2010);
    assertThat(http.token("ro").delete("/teams/PXXXXXX").status()).isEqualTo(403);
  }

  @Test
  void usersMe_userToken_returnsTokenUser_accountToken400() {
    Http.R me = http.token("usertok").get("/users/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("user").get("email").asText()).isEqualTo("bob@example.com");
    Http.R acct = http.get("/users/me");
    assertThat(acct.status()).isEqualTo(400);
    assertThat(acct.json().get("error").get("errors").get(0).asText()).contains("user-level");
  }

  @Test
  void userToken_fromOptional_incidentCreatedByTokenUser() {
    SeededService svc = fake.seedService("svc");
    Http.R r = http.token("usertok").post("/incidents", "{\"incident\":{\"type\":\"incident\",\"title\":\"t\","
        + "\"service\":{\"id\":\"" + svc.serviceId() + "\",\"type\":\"service_reference\"}}}");
    assertThat(r.status()).isEqualTo(201);
  }

  @Test
  void lenientRequest_noAcceptHeaderContentTypeOnGetAnyHost_ok() throws Exception {
    var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.baseUrl() + "/users"))
        .header("Authorization", "Token token=\"full\"").header("Content-Type", "application/json")
        .header("X-Extra", "1").GET().build();
    var resp = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "POST, /incidents",
      "PUT, /incidents",
      "PUT, /incidents/PINC001",
      "PUT, /incidents/PINC001/alerts",
      "PUT, /incidents/PINC001/alerts/PALRT01",
      "PUT, /incidents/PINC001/merge",
      "POST, /incidents/PINC001/notes",
      "PUT, /incidents/PINC001/notes/PNOTE01",
      "POST, /incidents/PINC001/snooze",
      "POST, /incidents/PINC001/status_updates",
      "PUT, /log_entries/PLOG001/channel",
      "POST, /maintenance_windows",
      "POST, /users"})
  void fromRequiredOperation_missingFrom_400NamingTheHeader(String method, String path) {
    Http.R r = http.send(method, path, "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("code").asInt()).isEqualTo(2001);
    assertThat(r.json().get("error").get("errors").get(0).asText()).contains("'From' header is required");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "POST, /incidents",
      "PUT, /incidents/PINC001",
      "POST, /incidents/PINC001/notes",
      "POST, /maintenance_windows",
      "POST, /users"})
  void fromRequiredOperation_unknownEmail_400UserNotFound(String method, String path) {
    Http.R r = http.from("ghost@example.com").send(method, path, "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("code").asInt()).isEqualTo(2013);
    assertThat(r.json().get("error").get("errors").get(0).asText()).contains("ghost@example.com");
  }

  @Test
  void fromOptionalOperations_noFrom_succeed() {
    assertThat(http.post("/teams", "{\"team\":{\"type\":\"team\",\"name\":\"SRE\"}}").status()).isEqualTo(201);
    String admin = fake.userId("admin@example.com");
    assertThat(http.post("/escalation_policies", "{\"escalation_policy\":{\"type\":\"escalation_policy\",\"name\":\"EP\","
        + "\"escalation_rules\":[{\"escalation_delay_in_minutes\":10,\"targets\":[{\"id\":\"" + admin
        + "\",\"type\":\"user_reference\"}]}]}}").status()).isEqualTo(201);
  }

  @Test
  void usersCreate_withFrom_201AndDuplicateEmail400() {
    Http.R r = http.from("admin@example.com").post("/users",
        "{\"user\":{\"type\":\"user\",\"name\":\"Carol\",\"email\":\"carol@example.com\",\"role\":\"limited_user\",\"bogus\":1}}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("user").get("role").asText()).isEqualTo("limited_user");
    assertThat(r.json().get("user").has("bogus")).isFalse();
    Http.R dup = http.from("admin@example.com").post("/users",
        "{\"user\":{\"type\":\"user\",\"name\":\"Carol\",\"email\":\"carol@example.com\"}}");
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.json().get("error").get("errors").get(0).asText()).contains("already taken");
  }

  @Test
  void apiTokenAndAdminEmail_reportFirstFullAccessTokenAndFirstUser() {
    assertThat(fake.apiToken()).isEqualTo("full");
    assertThat(fake.adminEmail()).isEqualTo("admin@example.com");
    assertThat(new Http(fake).token(fake.apiToken()).get("/users").status()).isEqualTo(200);
    try (FakePagerDuty roOnly = FakePagerDuty.builder().readOnlyToken("ro").start()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(roOnly::apiToken).hasMessageContaining("read-only");
      assertThat(roOnly.adminEmail()).isNull();
    }
  }

  @Test
  void noTokensConfigured_anyTokenAccepted() {
    try (FakePagerDuty open = FakePagerDuty.start()) {
      assertThat(new Http(open).token(open.apiToken()).get("/services").status()).isEqualTo(200);
      assertThat(new Http(open).token("whatever").get("/services").status()).isEqualTo(200);
      assertThat(new Http(open).withoutToken().get("/services").status()).isEqualTo(401);
    }
  }
}
