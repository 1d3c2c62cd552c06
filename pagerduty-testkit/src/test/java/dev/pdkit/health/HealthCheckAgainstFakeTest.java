package dev.pdkit.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.PagerDuty;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.ServiceSpec;
import dev.pdkit.deploy.Deployer;
import dev.pdkit.health.CheckResult.Status;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.Integration;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Restriction;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleLayer;
import dev.pdkit.model.Service;
import dev.pdkit.model.ServiceStatus;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.Fault;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health checks of the real fake over HTTP, with and without a desired state. */
class HealthCheckAgainstFakeTest {
  /** A Monday, 10:00 UTC. */
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private FakePagerDuty fake;
  private PagerDuty pd;

  @BeforeEach
  void start() {
    fake = FakePagerDuty.builder().token("health-token").user("ops@example.com")
        .clock(Clock.fixed(T0, ZoneOffset.UTC)).start();
    pd = client("health-token");
  }

  @AfterEach
  void stop() {
    pd.close();
    fake.close();
  }

  private PagerDuty client(String token) {
    return PagerDuty.builder().apiUrl(fake.baseUrl()).eventsUrl(fake.eventsUrl()).apiToken(token)
        .from("ops@example.com").build();
  }

  static DesiredState example(String env) {
    try {
      Path dir = Path.of(Objects.requireNonNull(HealthCheckAgainstFakeTest.class.getResource("/config-example/config"))
          .toURI());
      return ConfigLoader.forDirectory(dir).load(env);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private HealthReport check(PagerDuty client, DesiredState desired) {
    return HealthCheck.builder().client(client).desiredState(desired).clock(fake.clock()).build().run();
  }

  private HealthReport check() {
    return HealthCheck.builder().client(pd).clock(fake.clock()).build().run();
  }

  private static CheckResult result(HealthReport r, String name) {
    return r.check(name).orElseThrow(() -> new AssertionError("no check " + name + " in\n" + r.toText()));
  }

  private Service managedService(String key) {
    return pd.services().list().toList().stream()
        .filter(s -> s.description() != null && s.description().contains("key=" + key + "]")).findFirst().orElseThrow();
  }

  @Test
  void run_deployedExample_isHealthyAndPrintsNoKeys() {
    DesiredState desired = example("staging");
    Deployer.builder().client(pd).actor("test").build().apply(desired);

    HealthReport report = check(pd, desired);

    assertThat(report.checks()).extracting(CheckResult::name).containsExactly("token", "abilities", "events-api",
        "config", "services", "integrations", "on-call", "coverage");
    assertThat(report.checks()).as(report.toText()).allSatisfy(c -> assertThat(c.status()).isEqualTo(Status.OK));
    assertThat(report.healthy()).isTrue();
    assertThat(report.environment()).isEqualTo("staging");
    assertThat(report.checkedAt()).isEqualTo(T0);
    assertThat(result(report, "config").message()).contains("exist and match");
    assertThat(result(report, "on-call").details())
        // Monday 11:00 in Berlin: the weekday daytime layer (Carol) is over the weekly rotation
        .anySatisfy(d -> assertThat(d).contains("level 1: Carol Example"))
        .anySatisfy(d -> assertThat(d).contains("level 2: Carol Example"));
    // never a secret: neither the token nor any integration key
    List<String> keys = new ArrayList<>();
    for (JsonNode i : fake.state().path("integrations")) {
      keys.add(i.path("integration_key").asText());
    }
    fake.state().findValues("integration_key").forEach(k -> keys.add(k.asText()));
    assertThat(keys).isNotEmpty();
    for (String out : List.of(report.toText(), report.toJson())) {
      assertThat(out).doesNotContain("health-token");
      for (String k : keys) {
        if (!k.isEmpty()) {
          assertThat(out).doesNotContain(k);
        }
      }
    }
    assertThat(result(report, "integrations").details()).allSatisfy(d -> assertThat(d).contains("key present"));
  }

  @Test
  void run_disabledService_failsServicesCheck() {
    DesiredState desired = example("staging");
    Deployer.builder().client(pd).actor("test").build().apply(desired);
    Service worker = managedService("checkout-worker");
    pd.services().update(worker.id(), worker.toBuilder().status(ServiceStatus.DISABLED).build());

    HealthReport report = check(pd, desired);

    CheckResult services = result(report, "services");
    assertThat(services.status()).isEqualTo(Status.FAIL);
    assertThat(services.message()).contains("1 of 2 services managed by staging disabled");
    assertThat(services.details()).singleElement().asString()
        .contains("'[staging] Checkout Worker' (" + worker.id() + ") is disabled");
    assertThat(report.healthy()).isFalse();
    assertThat(report.toText()).contains("FAIL  services").contains("UNHEALTHY");
  }

  @Test
  void run_integrationDeleted_failsIntegrationsAndConfig() {
    DesiredState desired = example("staging");
    Deployer.builder().client(pd).actor("test").build().apply(desired);
    Service api = pd.services().get(managedService("checkout-api").id(), List.of("integrations"));
    Integration prometheus = api.integrations().stream().filter(i -> "Prometheus Alertmanager".equals(i.name()))
        .findFirst().orElseThrow();
    pd.services().deleteIntegration(api.id(), prometheus.id());

    HealthReport report = check(pd, desired);

    CheckResult integrations = result(report, "integrations");
    assertThat(integrations.status()).isEqualTo(Status.FAIL);
    assertThat(integrations.details()).anySatisfy(d -> assertThat(d)
        .startsWith("missing: checkout-api/prometheus")
        .contains("no events_api_v2_inbound_integration integration named 'Prometheus Alertmanager'"));
    assertThat(result(report, "config").status()).isEqualTo(Status.FAIL);
    assertThat(result(report, "config").details()).anySatisfy(d -> assertThat(d)
        .isEqualTo("missing: integration checkout-api/prometheus"));
    assertThat(result(report, "services").status()).isEqualTo(Status.OK);
  }

  @Test
  void run_configDrift_listsTheDifferingField() {
    DesiredState desired = example("staging");
    Deployer.builder().client(pd).actor("test").build().apply(desired);
    DesiredState changed = withService(desired, "checkout-api", s -> new ServiceSpec(s.key(), s.name(),
        "new description", s.team(), s.escalationPolicy(), s.urgency(), s.acknowledgementTimeout(),
        s.autoResolveTimeout(), s.alertGrouping(), s.supportHours(), s.integrations(), s.managed(), s.adopt()));

    HealthReport report = check(pd, changed);

    CheckResult config = result(report, "config");
    assertThat(config.status()).isEqualTo(Status.FAIL);
    assertThat(config.message()).startsWith("1 difference between the config and the account (0 missing, 1 differ");
    assertThat(config.details()).singleElement().asString()
        .startsWith("differs: service checkout-api (")
        .endsWith("description \"Payments and checkout backend\" -> \"new description\"");
    assertThat(report.checks()).filteredOn(c -> !c.name().equals("config"))
        .allSatisfy(c -> assertThat(c.status()).as(c.name()).isEqualTo(Status.OK));
    assertThat(report.healthy()).isFalse();
  }

  @Test
  void run_levelWithNobodyOnCall_failsOnCallNow() {
    String alice = fake.seedUser("alice@example.com");
    String manager = fake.seedUser("manager@example.com");
    // on call only 18:00-22:00 UTC: nobody at 10:00
    Schedule evenings = pd.schedules().create(Schedule.builder().name("Evenings").timeZone("UTC")
        .addLayer(ScheduleLayer.builder().start(OffsetDateTime.parse("2026-01-01T00:00:00Z"))
            .rotationVirtualStart(OffsetDateTime.parse("2026-01-01T00:00:00Z")).rotationTurnLengthSeconds(86_400)
            .addUser(alice).addRestriction(Restriction.daily(LocalTime.of(18, 0), 4 * 3600)).build())
        .build());
    EscalationPolicy ep = pd.escalationPolicies().create(EscalationPolicy.builder().name("Evening ops")
        .addRule(EscalationRule.of(30, Reference.schedule(evenings.id())))
        .addRule(EscalationRule.of(30, Reference.user(manager)))
        .build());
    fake.seedService("evening-svc", ep.id());

    HealthReport report = check();

    CheckResult onCall = result(report, "on-call");
    assertThat(onCall.status()).isEqualTo(Status.FAIL);
    assertThat(onCall.details()).singleElement().asString()
        .isEqualTo("policy 'Evening ops' (" + ep.id() + ") level 1: nobody on call now (schedule Evenings ("
            + evenings.id() + ") has nobody on call)");
    assertThat(report.healthy()).isFalse();
  }

  @Test
  void run_restrictionLeavesWeekendHole_failsCoverageButNotOnCallNow() {
    String alice = fake.seedUser("alice@example.com");
    // Monday 00:00 for five days: covered now (Monday 10:00), nobody Saturday and Sunday
    Schedule weekdays = pd.schedules().create(Schedule.builder().name("Weekdays").timeZone("UTC")
        .addLayer(ScheduleLayer.builder().start(OffsetDateTime.parse("2026-01-01T00:00:00Z"))
            .rotationVirtualStart(OffsetDateTime.parse("2026-01-01T00:00:00Z")).rotationTurnLengthSeconds(7 * 86_400)
            .addUser(alice).addRestriction(Restriction.weekly(1, LocalTime.MIDNIGHT, 5 * 86_400)).build())
        .build());
    EscalationPolicy ep = pd.escalationPolicies().create(EscalationPolicy.builder().name("Weekday ops")
        .addRule(EscalationRule.of(30, Reference.schedule(weekdays.id()))).build());
    fake.seedService("weekday-svc", ep.id());

    HealthReport report = check();

    assertThat(result(report, "on-call").status()).as(report.toText()).isEqualTo(Status.OK);
    CheckResult coverage = result(report, "coverage");
    assertThat(coverage.status()).isEqualTo(Status.FAIL);
    assertThat(coverage.details()).singleElement().asString()
        .contains("policy 'Weekday ops' (" + ep.id() + ") level 1: 1 gap in the next 7d, 2d uncovered")
        .contains("first 2026-03-07T00:00:00Z .. 2026-03-09T00:00:00Z (2d)");
  }

  @Test
  void run_horizonBeforeTheHole_passesCoverage() {
    String alice = fake.seedUser("alice@example.com");
    Schedule weekdays = pd.schedules().create(Schedule.builder().name("Weekdays").timeZone("UTC")
        .addLayer(ScheduleLayer.builder().start(OffsetDateTime.parse("2026-01-01T00:00:00Z"))
            .rotationVirtualStart(OffsetDateTime.parse("2026-01-01T00:00:00Z")).rotationTurnLengthSeconds(7 * 86_400)
            .addUser(alice).addRestriction(Restriction.weekly(1, LocalTime.MIDNIGHT, 5 * 86_400)).build())
        .build());
    EscalationPolicy ep = pd.escalationPolicies().create(EscalationPolicy.builder().name("Weekday ops")
        .addRule(EscalationRule.of(30, Reference.schedule(weekdays.id()))).build());
    fake.seedService("weekday-svc", ep.id());

    HealthReport report = HealthCheck.builder().client(pd).clock(fake.clock()).horizon(Duration.ofDays(3)).build()
        .run();

    assertThat(result(report, "coverage").status()).as(report.toText()).isEqualTo(Status.OK);
  }

  @Test
  void run_badToken_reportsFailureInsteadOfThrowing() {
    try (PagerDuty wrong = client("not-the-token")) {
      HealthReport report = check(wrong, example("staging"));

      CheckResult token = result(report, "token");
      assertThat(token.status()).isEqualTo(Status.FAIL);
      assertThat(token.message()).contains("token rejected").contains("401");
      assertThat(result(report, "services").message()).isEqualTo("not checked: the API token was rejected (see the"
          + " token check)");
      assertThat(result(report, "events-api").status()).isEqualTo(Status.OK);
      assertThat(report.healthy()).isFalse();
      assertThat(report.toText() + report.toJson()).doesNotContain("not-the-token");
    }
  }

  @Test
  void run_quick_runsTokenAbilitiesAndEventsOnly() {
    HealthReport report = HealthCheck.builder().client(pd).full(false).build().run();

    assertThat(report.checks()).extracting(CheckResult::name).containsExactly("token", "abilities", "events-api");
    assertThat(report.healthy()).as(report.toText()).isTrue();
    assertThat(result(report, "events-api").message()).contains("400 invalid event").contains("nothing was created");
    assertThat(fake.incidents()).isEmpty();
    assertThat(fake.requests()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/v2/enqueue"));
  }

  @Test
  void run_eventsApiDown_failsEventsCheck() {
    fake.addFault(Fault.builder().path("/v2/enqueue").status(503).build());

    HealthReport report = HealthCheck.builder().client(pd).full(false).build().run();

    CheckResult events = result(report, "events-api");
    assertThat(events.status()).isEqualTo(Status.FAIL);
    assertThat(events.message()).contains("answered 503");
  }

  @Test
  void run_slowEndpoint_timesOutThatCheckOnly() {
    fake.addFault(Fault.builder().path("/abilities").delayMs(3_000).build());

    HealthReport report = HealthCheck.builder().client(pd).full(false).timeout(Duration.ofMillis(500)).build().run();

    assertThat(result(report, "token").status()).isEqualTo(Status.FAIL);
    assertThat(result(report, "token").message()).startsWith("timed out after 500ms");
    assertThat(result(report, "events-api").status()).isEqualTo(Status.OK);
    assertThat(report.latency()).isLessThan(Duration.ofMillis(2_500));
  }

  @Test
  void run_endpointErrors_becomeFailedChecksNotExceptions() throws Exception {
    fake.addFault(Fault.builder().method("GET").path("/services").status(403).build());

    HealthReport report = check(pd, example("staging"));

    assertThat(result(report, "services").status()).isEqualTo(Status.FAIL);
    assertThat(result(report, "services").message()).contains("403");
    assertThat(result(report, "integrations").status()).isEqualTo(Status.FAIL);
    assertThat(result(report, "token").status()).isEqualTo(Status.OK);
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertThat(json.path("healthy").asBoolean()).isFalse();
    assertThat(json.path("status").asText()).isEqualTo("fail");
    assertThat(json.path("checks").size()).isEqualTo(8);
    assertThat(json.path("checks").get(4).path("name").asText()).isEqualTo("services");
    assertThat(json.path("checks").get(4).path("status").asText()).isEqualTo("fail");
    assertThat(json.path("checks").get(4).has("latency_ms")).isTrue();
  }

  private static DesiredState withService(DesiredState d, String key, UnaryOperator<ServiceSpec> change) {
    List<ServiceSpec> services = d.services().stream().map(s -> s.key().equals(key) ? change.apply(s) : s).toList();
    return new DesiredState(d.environment(), d.protectedEnvironment(), d.approvals(), d.defaults(), d.users(),
        d.teams(), d.schedules(), d.escalationPolicies(), services, d.templates(), d.secrets(), d.warnings(),
        d.contentHash());
  }
}
