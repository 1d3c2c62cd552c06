package dev.pdkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.PagerDuty;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleLayer;
import dev.pdkit.testkit.FakePagerDuty;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OnCallCommandTest {
  private static final Instant T0 = Instant.parse("2024-03-29T06:00:00Z");

  private FakePagerDuty fake;
  private Map<String, String> env;
  private String bob;
  private String alice;
  private String manager;
  private String policyId;
  private String serviceId;

  @BeforeEach
  void start() {
    fake = FakePagerDuty.builder().token("test-token").user("admin@example.com").clock(Clock.fixed(T0, ZoneOffset.UTC)).start();
    env = Map.of("PAGERDUTY_API_URL", fake.baseUrl().toString(), "PAGERDUTY_API_KEY", "test-token");
    bob = fake.seedUser("bob@example.com");
    alice = fake.seedUser("alice@example.com");
    manager = fake.seedUser("manager@example.com");
    try (PagerDuty pd = PagerDuty.builder().apiToken("test-token").from("admin@example.com").apiUrl(fake.baseUrl()).build()) {
      Schedule s = pd.schedules().create(Schedule.builder().name("primary").timeZone("UTC")
          .addLayer(ScheduleLayer.builder()
              .start(OffsetDateTime.parse("2024-03-01T00:00:00Z"))
              .rotationVirtualStart(OffsetDateTime.parse("2024-03-28T06:20:00Z"))
              .rotationTurnLengthSeconds(86_400)
              .addUser(bob).addUser(alice)
              .build())
          .build());
      EscalationPolicy ep = pd.escalationPolicies().create(EscalationPolicy.builder().name("ops")
          .addRule(EscalationRule.of(30, Reference.schedule(s.id())))
          .addRule(EscalationRule.of(30, Reference.user(manager)))
          .build());
      policyId = ep.id();
    }
    serviceId = fake.seedService("checkout", policyId).serviceId();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void now_text_listsEveryLevelWithTheShift() {
    CliRun run = CliRun.of(env, "oncall", "now", "--escalation-policy", policyId, "--at", T0.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("level 1  " + bob + " (bob@example.com)  via schedule")
        .contains("2024-03-28T06:20:00Z .. 2024-03-29T06:20:00Z")
        .contains("level 2  " + manager + " (manager@example.com)  (direct, always)");
  }

  @Test
  void now_json_isParseable() throws Exception {
    CliRun run = CliRun.of(env, "oncall", "now", "--escalation-policy", policyId, "--at", T0.toString(), "--format", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("oncalls")).hasSize(2);
    assertThat(json.get("oncalls").get(0).get("user").asText()).isEqualTo(bob);
    assertThat(json.get("oncalls").get(0).get("email").asText()).isEqualTo("bob@example.com");
    assertThat(json.get("oncalls").get(1).get("end").isNull()).isTrue();
  }

  @Test
  void timeline_text_andJson_resolveTheHandoff() throws Exception {
    CliRun text = CliRun.of(env, "oncall", "timeline", "--service", serviceId, "--at", T0.toString());
    CliRun json = CliRun.of(env, "oncall", "timeline", "--service", serviceId, "--at", "2024-03-29T06:10:00Z", "--format", "json");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("+   0 min").contains(bob + " (bob@example.com)").contains("+  30 min")
        .contains(manager + " (manager@example.com)");
    JsonNode steps = new ObjectMapper().readTree(json.out()).get("steps");
    assertThat(steps).hasSize(2);
    assertThat(steps.get(0).get("users").get(0).asText()).isEqualTo(bob);
    assertThat(steps.get(1).get("offset_minutes").asInt()).isEqualTo(30);
    assertThat(steps.get(1).get("people").get(0).get("email").asText()).isEqualTo("manager@example.com");
  }

  @Test
  void badInput_exit2_oneLine() {
    CliRun badAt = CliRun.of(env, "oncall", "now", "--escalation-policy", policyId, "--at", "yesterday");
    CliRun missing = CliRun.of(env, "oncall", "timeline");

    assertThat(badAt.exitCode()).isEqualTo(2);
    assertThat(badAt.errLines()).anySatisfy(l -> assertThat(l).contains("--at: 'yesterday' is not an ISO-8601 instant"));
    assertThat(missing.exitCode()).isEqualTo(2);
  }

  @Test
  void unknownPolicy_exit1() {
    CliRun run = CliRun.of(env, "oncall", "now", "--escalation-policy", "PNOPE12", "--at", T0.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).isNotEmpty();
  }
}
