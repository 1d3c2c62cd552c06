package dev.pdkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.PagerDuty;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.deploy.Deployer;
import dev.pdkit.deploy.LiveResources;
import dev.pdkit.deploy.ResourceKind;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pdkit oncall now|timeline} with config KEYs, resolved through the deploy marker, against
 * the real fake with a config deployed by {@link Deployer}; and the end-to-end escalation: the CLI's
 * predicted timeline against what the fake does on its clock after a CLI-triggered event.
 */
class OnCallKeyLookupTest {
  /** 5 minutes before the daily 09:00Z handoff from alice (Jan 5) to bob (Jan 6). */
  private static final Instant T0 = Instant.parse("2026-01-06T08:55:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private FakePagerDuty fake;
  private PagerDuty pd;
  private Path config;
  private Map<String, String> env;

  @BeforeEach
  void start() throws IOException {
    fake = FakePagerDuty.builder().token("test-token").user("ops@example.com")
        .clock(Clock.fixed(T0, ZoneOffset.UTC)).start();
    pd = PagerDuty.builder().apiToken("test-token").from("ops@example.com").apiUrl(fake.baseUrl()).build();
    config = writeConfig(tmp.resolve("config"));
    env = Map.of("PAGERDUTY_API_URL", fake.baseUrl().toString(), "PAGERDUTY_EVENTS_URL", fake.eventsUrl().toString(),
        "PAGERDUTY_API_KEY", "test-token");
  }

  @AfterEach
  void stop() {
    pd.close();
    fake.close();
  }

  private void deploy() {
    Deployer.builder().client(pd).actor("test").build().apply(ConfigLoader.forDirectory(config).load("test"));
  }

  private String id(ResourceKind kind, String key) {
    return LiveResources.markedIds(pd, kind, "test").get(key);
  }

  @Test
  void now_byKey_sameAnswerAsById_textAndJson() throws Exception {
    deploy();
    String policyId = id(ResourceKind.ESCALATION_POLICY, "ops");

    CliRun byKey = oncall("now", "--escalation-policy", "ops", "--format", "json");
    CliRun byId = CliRun.of(env, "oncall", "now", "--escalation-policy", policyId, "--at", T0.toString(),
        "--format", "json", "--config", tmp.resolve("absent").toString());
    CliRun text = oncall("now", "--escalation-policy", "ops");

    assertThat(byKey.exitCode()).as(byKey.err()).isZero();
    assertThat(byId.exitCode()).as(byId.err()).isZero();
    JsonNode k = JSON.readTree(byKey.out());
    JsonNode i = JSON.readTree(byId.out());
    assertThat(k.get("escalation_policy").asText()).isEqualTo(policyId);
    assertThat(k.get("key").asText()).isEqualTo("ops");
    assertThat(i.has("key")).isFalse();
    assertThat(k.get("oncalls")).isEqualTo(i.get("oncalls"));
    assertThat(k.get("oncalls").get(0).get("user").asText()).isEqualTo(fake.userId("alice@example.com"));
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("escalation policy ops (" + policyId + ")")
        .contains("level 2  " + fake.userId("carol@example.com") + " (carol@example.com)  (direct, always)");
  }

  @Test
  void timeline_byKey_textAndJson() throws Exception {
    deploy();
    String serviceId = id(ResourceKind.SERVICE, "checkout");

    CliRun json = oncall("timeline", "--service", "checkout", "--format", "json");
    CliRun text = oncall("timeline", "--service", "checkout");

    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode root = JSON.readTree(json.out());
    assertThat(root.get("service").asText()).isEqualTo(serviceId);
    assertThat(root.get("key").asText()).isEqualTo("checkout");
    assertThat(root.get("escalation_policy").asText()).isEqualTo(id(ResourceKind.ESCALATION_POLICY, "ops"));
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("If an incident on checkout (" + serviceId + ")");
  }

  @Test
  void unknownKey_exit2_oneLineListingKnownKeys() {
    deploy();

    CliRun run = oncall("timeline", "--service", "checkuot");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().satisfies(l -> assertThat(l)
        .contains("--service: no service with key 'checkuot'").contains("known keys: checkout, search"));
    assertThat(run.out()).isEmpty();
  }

  @Test
  void keyWithoutEnvironmentOrConfig_exit2_sayWhatToPass() {
    CliRun noEnv = CliRun.of(env, "oncall", "now", "--escalation-policy", "ops", "--config", config.toString());
    CliRun noConfig = CliRun.of(env, "oncall", "now", "--escalation-policy", "ops", "--environment", "test",
        "--config", tmp.resolve("absent").toString());

    assertThat(noEnv.exitCode()).isEqualTo(2);
    assertThat(noEnv.errLines()).singleElement().satisfies(l -> assertThat(l)
        .contains("pass --environment (one of test)"));
    assertThat(noConfig.exitCode()).isEqualTo(2);
    assertThat(noConfig.errLines()).singleElement().satisfies(l -> assertThat(l)
        .contains("'ops' is not a PagerDuty id").contains("no config folder"));
  }

  @Test
  void environmentFromTheEnvironmentVariable() {
    deploy();
    Map<String, String> withEnv = new HashMap<>(env);
    withEnv.put("ENVIRONMENT", "test");

    CliRun run = CliRun.of(withEnv, "oncall", "now", "--escalation-policy", "ops", "--config", config.toString(),
        "--at", T0.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("escalation policy ops (");
  }

  @Test
  void knownKeyNotDeployed_exit1_saysSo() {
    CliRun run = oncall("now", "--escalation-policy", "ops");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().satisfies(l -> assertThat(l)
        .contains("'ops' of environment test is not deployed").contains("[pdkit:env=test;key=ops]"));
  }

  @Test
  void endToEnd_cliTrigger_fakeEscalatesOnItsClock_exactlyAsTheCliTimelinePredicted() throws Exception {
    deploy();
    CliRun predicted = oncall("timeline", "--service", "checkout", "--format", "json");
    assertThat(predicted.exitCode()).as(predicted.err()).isZero();
    JsonNode steps = JSON.readTree(predicted.out()).get("steps");
    // L1 alice, L2 carol at +10, loop 1: L1 at +30 is bob (09:00 handoff), L2 carol at +40
    assertThat(steps).hasSize(4);
    String routingKey = routingKey(id(ResourceKind.SERVICE, "checkout"));

    CliRun trigger = CliRun.of(env, "events", "trigger", "--routing-key", routingKey, "--summary", "checkout down",
        "--source", "web-1", "--severity", "critical", "--dedup-key", "e2e-1");
    assertThat(trigger.exitCode()).as(trigger.err()).isZero();

    Instant now = T0;
    List<String> seen = new ArrayList<>();
    for (JsonNode step : steps) {
      Instant at = Instant.parse(step.get("at").asText());
      fake.advanceClock(Duration.between(now, at));
      now = at;
      JsonNode incident = fake.incidents().get(0);
      List<String> assignees = new ArrayList<>();
      incident.get("assignments").forEach(a -> assignees.add(a.get("assignee").get("id").asText()));
      List<String> expected = new ArrayList<>();
      step.get("users").forEach(u -> expected.add(u.asText()));
      assertThat(assignees).as("assignees at +%d min", step.get("offset_minutes").asInt()).isEqualTo(expected);
      seen.add(expected.get(0));
    }
    assertThat(seen).containsExactly(fake.userId("alice@example.com"), fake.userId("carol@example.com"),
        fake.userId("bob@example.com"), fake.userId("carol@example.com"));

    // the path is exhausted: nothing more happens, however long nobody acknowledges
    fake.advanceClock(Duration.ofHours(2));
    JsonNode incident = fake.incidents().get(0);
    assertThat(incident.get("assignments").get(0).get("assignee").get("id").asText())
        .isEqualTo(fake.userId("carol@example.com"));
    long escalations = 0;
    for (JsonNode le : fake.state().get("log_entries")) {
      if ("escalate_log_entry".equals(le.path("type").asText())) {
        escalations++;
      }
    }
    assertThat(escalations).isEqualTo(3);
  }

  private CliRun oncall(String... args) {
    List<String> all = new ArrayList<>(List.of("oncall"));
    all.addAll(List.of(args));
    all.addAll(List.of("--config", config.toString(), "--environment", "test", "--at", T0.toString()));
    return CliRun.of(env, all.toArray(String[]::new));
  }

  private String routingKey(String serviceId) {
    JsonNode integrations = fake.state().get("integrations");
    for (JsonNode i : (Iterable<JsonNode>) integrations::elements) {
      if (serviceId.equals(i.path("_service_id").asText())) {
        return i.get("integration_key").asText();
      }
    }
    throw new AssertionError("no integration on " + serviceId + ": " + integrations);
  }

  private static Path writeConfig(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("environments"));
    Files.writeString(dir.resolve("pagerduty.yaml"), """
        version: 1
        defaults:
          time_zone: UTC
        users:
          - { email: alice@example.com, name: Alice, manage: true }
          - { email: bob@example.com, name: Bob, manage: true }
          - { email: carol@example.com, name: Carol, manage: true }
        schedules:
          - key: primary
            name: Primary
            layers:
              - name: Daily
                start: 2026-01-05T09:00:00Z
                turn_length: 1d
                users: [alice@example.com, bob@example.com]
        escalation_policies:
          - key: ops
            name: Ops
            num_loops: 1
            rules:
              - delay: 10m
                targets: [ "schedule:primary" ]
              - delay: 20m
                targets: [ "user:carol@example.com" ]
        services:
          - key: checkout
            name: Checkout
            escalation_policy: ops
            urgency: high
            integrations:
              - { key: events, type: events_api_v2, name: Events }
          - key: search
            name: Search
            escalation_policy: ops
        """);
    Files.writeString(dir.resolve("environments/test.yaml"), "environment: test\n");
    return dir;
  }
}
