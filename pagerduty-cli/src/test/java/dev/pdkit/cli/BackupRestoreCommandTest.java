package dev.pdkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.PagerDuty;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.Integration;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Service;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pdkit backup create} and {@code pdkit backup restore} against the fake. */
class BackupRestoreCommandTest {
  static final String PASS = "restore-test-passphrase";
  @TempDir Path tmp;
  FakePagerDuty fake;
  PagerDuty pd;
  Map<String, String> env;

  @BeforeEach
  void start() {
    fake = FakePagerDuty.builder().token("cli-token").user("ops@example.com").start();
    pd = PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken("cli-token").from("ops@example.com").build();
    String userId = fake.userId("ops@example.com");
    EscalationPolicy ep = pd.escalationPolicies().create(EscalationPolicy.builder().name("Checkout on-call")
        .addRule(EscalationRule.of(30, Reference.user(userId))).build());
    Service s = pd.services().create(Service.builder().name("checkout-api").escalationPolicy(ep.id()).build());
    pd.services().createIntegration(s.id(), Integration.eventsApiV2("Monitoring"));
    pd.services().create(Service.builder().name("billing").escalationPolicy(ep.id()).build());
    env = Map.of("PAGERDUTY_API_KEY", "cli-token", "PAGERDUTY_API_URL", fake.baseUrl().toString(),
        "PAGERDUTY_FROM", "ops@example.com", "PDKIT_BACKUP_PASSPHRASE", PASS);
  }

  @AfterEach
  void stop() {
    pd.close();
    fake.close();
  }

  private String create() {
    CliRun r = CliRun.of(env, "backup", "create", "--encrypt", "--dir", tmp.resolve("b").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).contains("service 2").contains("integration 1");
    String path = lines.get(lines.size() - 1);
    assertThat(Path.of(path)).exists();
    assertThat(r.out() + r.err()).doesNotContain(PASS);
    return path;
  }

  @Test
  void create_withoutEncrypt_usageErrorExplainsWhy() {
    CliRun r = CliRun.of(env, "backup", "create", "--dir", tmp.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList()).singleElement().asString().contains("integration keys").contains("--encrypt");
  }

  @Test
  void restore_dryRunThenApply_recreatesDeletedServiceOnlyWithApply() {
    String archive = create();
    String billing = pd.services().list().stream().filter(s -> s.name().equals("billing")).findFirst()
        .orElseThrow().id();
    pd.services().delete(billing);

    CliRun dry = CliRun.of(env, "backup", "restore", archive);
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("same account").contains("+ create service billing")
        .contains("1 to create, 0 to update").contains("Dry run: nothing was changed");
    assertThat(pd.services().list().toList()).extracting(Service::name).doesNotContain("billing");

    CliRun applied = CliRun.of(env, "backup", "restore", archive, "--apply", "--only", "service:billing");
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("Restored: 1 created, 0 updated.")
        .contains("Verified: a new plan finds the account matching the archive.");
    assertThat(pd.services().list().toList()).extracting(Service::name).contains("billing");
  }

  @Test
  void restore_wrongPassphraseOrTampered_oneLineExit1_nothingRestored() throws IOException {
    String archive = create();
    pd.services().delete(pd.services().list().stream().filter(s -> s.name().equals("billing")).findFirst()
        .orElseThrow().id());
    Map<String, String> wrong = new java.util.HashMap<>(env);
    wrong.put("PDKIT_BACKUP_PASSPHRASE", "definitely-not-it");
    CliRun r = CliRun.of(wrong, "backup", "restore", archive, "--apply");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().lines().toList()).singleElement().asString().contains("wrong passphrase")
        .doesNotContain("definitely-not-it");

    byte[] b = Files.readAllBytes(Path.of(archive));
    b[b.length / 2] ^= 1;
    Files.write(Path.of(archive), b);
    CliRun t = CliRun.of(env, "backup", "restore", archive, "--apply");
    assertThat(t.exitCode()).isEqualTo(1);
    assertThat(t.err().lines().toList()).hasSize(1);
    assertThat(pd.services().list().toList()).extracting(Service::name).doesNotContain("billing");
  }

  @Test
  void restore_badOnly_usageExit2() {
    String archive = create();
    CliRun r = CliRun.of(env, "backup", "restore", archive, "--only", "nonsense");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("KIND:NAME");
  }
}
