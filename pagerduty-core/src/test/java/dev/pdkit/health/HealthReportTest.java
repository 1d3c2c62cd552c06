package dev.pdkit.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.Secret;
import dev.pdkit.health.CheckResult.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportTest {
  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

  private static HealthReport report(Status... statuses) {
    List<CheckResult> checks = new java.util.ArrayList<>();
    String[] names = {"token", "integrations", "coverage"};
    for (int i = 0; i < statuses.length; i++) {
      checks.add(new CheckResult(names[i], statuses[i], names[i] + " message",
          i == 1 ? List.of("first detail", "second detail") : List.of(), Duration.ofMillis(5 + 100L * i)));
    }
    return new HealthReport(AT, "staging", checks, Duration.ofMillis(250));
  }

  @Test
  void healthy_warningsOnly_isHealthy() {
    HealthReport r = report(Status.OK, Status.WARN, Status.OK);

    assertThat(r.healthy()).isTrue();
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.failures()).isEmpty();
    assertThat(r.summary()).isEqualTo("HEALTHY: 3 checks, 2 ok, 1 warn, 0 fail (250 ms)");
  }

  @Test
  void healthy_oneFailure_isUnhealthy() {
    HealthReport r = report(Status.OK, Status.OK, Status.FAIL);

    assertThat(r.healthy()).isFalse();
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.failures()).extracting(CheckResult::name).containsExactly("coverage");
  }

  @Test
  void toText_alignsColumnsAndIndentsDetailsUnderTheMessage() {
    String text = report(Status.OK, Status.FAIL, Status.WARN).toText();

    assertThat(text.lines().toList()).containsExactly(
        "PagerDuty health at 2026-03-02T10:00:00Z (environment staging)",
        "  OK    token           5 ms  token message",
        "  FAIL  integrations  105 ms  integrations message",
        "                              - first detail",
        "                              - second detail",
        "  WARN  coverage      205 ms  coverage message",
        "UNHEALTHY: 3 checks, 1 ok, 1 warn, 1 fail (250 ms)");
  }

  @Test
  void toJson_hasEveryCheckInOrder() throws Exception {
    JsonNode json = new ObjectMapper().readTree(report(Status.OK, Status.FAIL).toJson());

    assertThat(json.path("healthy").asBoolean()).isFalse();
    assertThat(json.path("status").asText()).isEqualTo("fail");
    assertThat(json.path("checked_at").asText()).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(json.path("environment").asText()).isEqualTo("staging");
    assertThat(json.path("latency_ms").asLong()).isEqualTo(250);
    assertThat(json.path("checks").get(1).path("name").asText()).isEqualTo("integrations");
    assertThat(json.path("checks").get(1).path("status").asText()).isEqualTo("fail");
    assertThat(json.path("checks").get(1).path("details").get(1).asText()).isEqualTo("second detail");
    assertThat(json.path("checks").get(1).path("latency_ms").asLong()).isEqualTo(105);
  }

  @Test
  void toJson_withoutConfig_hasNullEnvironment() throws Exception {
    HealthReport r = new HealthReport(AT, null, List.of(), Duration.ZERO);

    assertThat(new ObjectMapper().readTree(r.toJson()).path("environment").isNull()).isTrue();
    assertThat(r.toText()).startsWith("PagerDuty health at 2026-03-02T10:00:00Z\n");
  }

  @Test
  void keyHint_showsAtMostTheLastFourCharacters() {
    assertThat(Checks.keyHint(Secret.of("0123456789abcdef0123456789abcd1f"))).isEqualTo("present (ends ...cd1f)");
    assertThat(Checks.keyHint(Secret.of("short-key"))).isEqualTo("present");
  }

  @Test
  void human_printsCompactDurations() {
    assertThat(Checks.human(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(Checks.human(Duration.ofHours(16))).isEqualTo("16h");
    assertThat(Checks.human(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Checks.human(Duration.ofMillis(500))).isEqualTo("500ms");
  }
}
