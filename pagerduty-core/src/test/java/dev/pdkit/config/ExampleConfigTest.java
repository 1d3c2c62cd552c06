package dev.pdkit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {
  static final Path EXAMPLE = Path.of("src/test/resources/config-example/config");

  static ConfigLoader loader() {
    return ConfigLoader.builder().directory(EXAMPLE).environmentVariables(Map.of()).build();
  }

  @Test
  void validate_everyEnvironment_isValid() {
    for (String env : loader().environments()) {
      ValidationResult r = loader().validate(env);
      assertThat(r.errors()).as(env).isEmpty();
      assertThat(r.isValid()).isTrue();
    }
    assertThat(loader().environments()).containsExactly("dev", "production", "staging");
  }

  @Test
  void load_dev_removesWorkerAndAppliesPrefixAndOverrides() {
    DesiredState dev = loader().load("dev");
    assertThat(dev.environment()).isEqualTo("dev");
    assertThat(dev.protectedEnvironment()).isFalse();
    assertThat(dev.services()).extracting(ServiceSpec::key).containsExactly("checkout-api");
    ServiceSpec api = dev.service("checkout-api").orElseThrow();
    assertThat(api.name()).isEqualTo("[dev] Checkout API");
    assertThat(api.urgency()).isEqualTo(ServiceSpec.Urgency.LOW);
    assertThat(api.acknowledgementTimeout()).isNull();
    assertThat(api.autoResolveTimeout()).isEqualTo(Duration.ofHours(4));
    assertThat(api.alertGrouping()).isEqualTo(new ServiceSpec.AlertGrouping(ServiceSpec.AlertGrouping.Type.TIME, Duration.ofMinutes(5)));
    assertThat(api.integrations()).containsExactly(
        new ServiceSpec.Integration("prometheus", ServiceSpec.Integration.Type.EVENTS_API_V2, "Prometheus Alertmanager"));
    assertThat(dev.team("platform").orElseThrow().name()).isEqualTo("[dev] Platform");
    assertThat(dev.escalationPolicy("platform").orElseThrow().numLoops()).isEqualTo(2);
    assertThat(dev.defaults().namePrefix()).isEqualTo("[dev] ");
  }

  @Test
  void load_production_mergesOverlayAndWarnsAboutApprovals() {
    DesiredState prod = loader().load("production");
    assertThat(prod.protectedEnvironment()).isTrue();
    assertThat(prod.approvals()).isNull();
    assertThat(prod.warnings()).singleElement().satisfies(w -> {
      assertThat(w.file()).endsWith("environments/production.yaml");
      assertThat(w.line()).isEqualTo(2);
      assertThat(w.column()).isEqualTo(1);
      assertThat(w.path()).isEqualTo("protected");
    });
    EscalationPolicySpec ep = prod.escalationPolicy("platform").orElseThrow();
    assertThat(ep.numLoops()).isEqualTo(3);
    assertThat(ep.name()).isEqualTo("Platform Escalation");
    assertThat(ep.rules()).hasSize(2);
    assertThat(ep.rules().get(0).delay()).isEqualTo(Duration.ofMinutes(15));
    assertThat(ep.rules().get(0).targets()).extracting(Object::toString).containsExactly("schedule:platform-primary");
    assertThat(ep.rules().get(1).targets()).extracting(Object::toString).containsExactly("user:carol@example.com");
    ServiceSpec api = prod.service("checkout-api").orElseThrow();
    assertThat(api.autoResolveTimeout()).isNull();
    assertThat(api.acknowledgementTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(api.urgency()).isEqualTo(ServiceSpec.Urgency.HIGH);
    ServiceSpec worker = prod.service("checkout-worker").orElseThrow();
    assertThat(worker.urgency()).isEqualTo(ServiceSpec.Urgency.SUPPORT_HOURS);
    assertThat(worker.supportHours().startTime()).isEqualTo(LocalTime.of(9, 0));
    assertThat(worker.supportHours().days()).hasSize(5);
    assertThat(worker.name()).isEqualTo("Checkout Worker");
  }

  @Test
  void load_staging_appliesPrefixKeepsWorker() {
    DesiredState staging = loader().load("staging");
    assertThat(staging.defaults().namePrefix()).isEqualTo("[staging] ");
    assertThat(staging.services()).extracting(ServiceSpec::name)
        .containsExactly("[staging] Checkout API", "[staging] Checkout Worker");
    assertThat(staging.schedule("platform-primary").orElseThrow().name()).isEqualTo("[staging] Platform Primary");
    assertThat(staging.service("checkout-api").orElseThrow().urgency()).isEqualTo(ServiceSpec.Urgency.LOW);
    assertThat(staging.warnings()).isEmpty();
  }

  @Test
  void load_schedulesUsersAndTeams_areResolved() {
    DesiredState s = loader().load("staging");
    assertThat(s.users()).extracting(UserSpec::email)
        .containsExactly("alice@example.com", "bob@example.com", "carol@example.com");
    assertThat(s.user("CAROL@example.com").orElseThrow().role()).isEqualTo("user");
    assertThat(s.user("alice@example.com").orElseThrow().managed()).isTrue();
    TeamSpec team = s.team("platform").orElseThrow();
    assertThat(team.members()).containsExactly(
        new TeamSpec.Member("alice@example.com", TeamSpec.Role.MANAGER),
        new TeamSpec.Member("bob@example.com", TeamSpec.Role.RESPONDER),
        new TeamSpec.Member("carol@example.com", TeamSpec.Role.RESPONDER));
    ScheduleSpec sched = s.schedule("platform-primary").orElseThrow();
    assertThat(sched.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(sched.team()).isEqualTo("platform");
    assertThat(sched.layers()).hasSize(2);
    assertThat(sched.layers().get(0).turnLength()).isEqualTo(Duration.ofDays(7));
    assertThat(sched.layers().get(1).restrictions()).hasSize(2);
    assertThat(sched.layers().get(1).restrictions().get(1).startDay()).isEqualTo(java.time.DayOfWeek.TUESDAY);
    assertThat(s.defaults().from()).isEqualTo("ops@example.com");
    assertThat(s.templates().names()).containsExactly("db-down", "deploy-finished");
  }

  @Test
  void renderedEvent_toTrigger_buildsAnEventsApiTrigger() {
    RenderedEvent e = loader().load("production").templates()
        .renderEvent("db-down", Map.of("service", "checkout", "db", "orders", "host", "web-1"));
    dev.pdkit.events.AlertEvent trigger = e.toTrigger(dev.pdkit.Secret.of("R0123456789abcdef0123456789abcde"))
        .source("web-1").dedupKey("checkout/orders").build();
    assertThat(trigger.action()).isEqualTo(dev.pdkit.events.EventAction.TRIGGER);
    assertThat(trigger.dedupKey()).isEqualTo("checkout/orders");
    assertThat(trigger.payload().summary()).isEqualTo("checkout: database orders unreachable from web-1");
    assertThat(trigger.payload().severity()).isEqualTo(dev.pdkit.events.Severity.CRITICAL);
    assertThat(trigger.payload().source()).isEqualTo("web-1");
    assertThat(trigger.payload().customDetails()).containsEntry("runbook", "https://runbooks.example.com/db/orders");
  }

  @Test
  void templates_renderEventAndText() {
    Templates t = loader().load("dev").templates();
    RenderedEvent e = t.renderEvent("templates.db-down", Map.of("service", "checkout", "db", "orders", "host", "web-1"));
    assertThat(e.summary()).isEqualTo("checkout: database orders unreachable from web-1");
    assertThat(e.severity()).isEqualTo("critical");
    assertThat(e.customDetails()).containsEntry("runbook", "https://runbooks.example.com/db/orders");
    assertThat(t.renderText("deploy-finished", Map.of("version", "1.2", "service", "api", "environment", "dev", "duration", "3m")))
        .isEqualTo("Deployment 1.2 of api finished in dev (3m)\n");
  }
}
