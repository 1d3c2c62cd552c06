package dev.pdkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demo_againstEmbeddedFake_walksIncidentThroughItsLifecycle_exits0() {
    CliRun run = CliRun.of(Map.of(), "demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("Started a fake PagerDuty at http://127.0.0.1:")
        .contains("service \"checkout\"")
        .contains("pd.events().trigger(...) -> success")
        .containsPattern("incident #\\d+ \"Checkout error rate above 5% on checkout-1\" is"
            + " triggered, urgency high, assigned to ")
        .containsPattern("incident #\\d+ is acknowledged")
        .containsPattern("incident #\\d+ is resolved")
        .contains("Its log, oldest first: trigger")
        .contains("+0 min level 1 Oncall, +5 min level 2 Backup Engineer")
        .containsPattern("\\+0 min: incident #\\d+ assigned to Oncall")
        .contains("+5 min (fake clock advanced, nobody acknowledged): assigned to Backup Engineer")
        .contains("+15 min (fake clock advanced, nobody acknowledged): assigned to Oncall")
        .contains("acknowledged: escalation stops")
        .contains("11. Health after the deploy (pdkit health --full-check --report -e production)")
        .containsPattern("(?m)^     OK    coverage +\\d+ ms  no coverage gap")
        .contains("HEALTHY: 8 checks, 8 ok, 0 warn, 0 fail")
        .containsPattern("9. Backup and restore: \\d+ records .* in an encrypted archive")
        .contains("a new plan finds nothing left to restore")
        .contains("a new backup has the same content, modulo ids")
        .contains("10. Deploy the bundled example config (environment production, protected: true):")
        .contains("plan: 10 to create, 0 to update, 0 to delete")
        .contains("apply without an approved plan -> refused (NOT_APPROVED)")
        .contains("saved plan signed with a new Ed25519 approver key -> applied 10 changes")
        .contains("re-plan: 0 to create, 0 to update, 0 to delete (no perma-diff); audit log: 10 entries,"
            + " hash chain intact")
        .doesNotContain("pdkit-demo-token");
  }
}
