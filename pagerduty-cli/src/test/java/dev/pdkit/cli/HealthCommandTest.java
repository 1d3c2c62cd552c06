package dev.pdkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.PagerDuty;
import dev.pdkit.cli.config.ExampleConfig;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.deploy.Deployer;
import dev.pdkit.model.Service;
import dev.pdkit.model.ServiceStatus;
import dev.pdkit.testkit.FakePagerDuty;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pdkit health} in-process against the real fake. */
class HealthCommandTest {
  @TempDir Path tmp;

  private FakePagerDuty fake;
  private Map<String, String> env;
  private Path config;

  @BeforeEach
  void start() {
    fake = FakePagerDuty.builder().token("cli-health-token").user("ops@example.com").start();
    env = new HashMap<>(Map.of("PAGERDUTY_API_URL", fake.baseUrl().toString(),
        "PAGERDUTY_EVENTS_URL", fake.eventsUrl().toString(), "PAGERDUTY_API_KEY", "cli-health-token",
        "PAGERDUTY_FROM", "ops@example.com"));
    config = ExampleConfig.writeTo(tmp.resolve("config"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private PagerDuty client() {
    return PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken("cli-health-token").from("ops@example.com").build();
  }

  private void deployStaging() {
    try (PagerDuty pd = client()) {
      Deployer.builder().client(pd).actor("test").build().apply(ConfigLoader.forDirectory(config).load("staging"));
    }
  }

  @Test
  void quick_healthyAccount_exitsZeroWithSummary() {
    CliRun run = CliRun.of(env, "health");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).startsWith("HEALTHY: 3 checks, 3 ok, 0 warn, 0 fail");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void fullReport_deployedExample_printsEveryCheckAligned() {
    deployStaging();

    CliRun run = CliRun.of(env, "health", "--full-check", "--report", "--environment", "staging",
        "--config", config.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("(environment staging)")
        .containsPattern("(?m)^  OK    token +\\d+ ms  token accepted")
        .containsPattern("(?m)^  OK    coverage +\\d+ ms  no coverage gap")
        .contains("HEALTHY: 8 checks, 8 ok")
        .doesNotContain("cli-health-token");
  }

  @Test
  void fullCheck_disabledService_exitsOneAndNamesTheCheck() {
    deployStaging();
    try (PagerDuty pd = client()) {
      Service s = pd.services().list().toList().stream().filter(x -> x.name().equals("[staging] Checkout API"))
          .findFirst().orElseThrow();
      pd.services().update(s.id(), s.toBuilder().status(ServiceStatus.DISABLED).build());
    }

    CliRun run = CliRun.of(env, "health", "--full-check", "-e", "staging", "-c", config.toString());

    assertThat(run.exitCode()).isEqualTo(Main.FAILED);
    assertThat(run.out()).startsWith("UNHEALTHY").contains("FAIL  services: 1 of 2 services managed by staging disabled")
        .contains("'[staging] Checkout API'");
    assertThat(run.errLines()).containsExactly("pdkit: error: unhealthy: 1 check failed (services)");
  }

  @Test
  void json_badToken_exitsOneWithParseableReport() throws Exception {
    env.put("PAGERDUTY_API_KEY", "wrong-token-value");

    CliRun run = CliRun.of(env, "health", "--full-check", "--format", "json");

    assertThat(run.exitCode()).isEqualTo(Main.FAILED);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("healthy").asBoolean()).isFalse();
    assertThat(json.path("checks").get(0).path("status").asText()).isEqualTo("fail");
    assertThat(json.path("checks").get(0).path("message").asText()).contains("401");
    assertThat(run.out() + run.err()).doesNotContain("wrong-token-value");
  }

  @Test
  void usage_configWithoutEnvironment_exitsTwo() {
    CliRun run = CliRun.of(env, "health", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.errLines()).containsExactly(
        "pdkit: error: --config needs an environment: pass --environment or set ENVIRONMENT");
  }

  @Test
  void usage_unknownEnvironment_exitsTwo() {
    CliRun run = CliRun.of(env, "health", "-e", "nope", "-c", config.toString());

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("invalid config in " + config + " for environment nope");
  }

  @Test
  void usage_badFormat_exitsTwo() {
    CliRun run = CliRun.of(env, "health", "--format", "xml");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
  }
}
