package dev.pdkit.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.cli.Main;
import dev.pdkit.cli.config.ExampleConfig;
import dev.pdkit.deploy.PlanFile;
import dev.pdkit.deploy.Totp;
import dev.pdkit.model.Service;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pdkit deploy} and {@code pdkit audit verify} in-process against the real fake. */
class DeployCommandTest {
  private static final String TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  @TempDir Path tmp;
  private FakePagerDuty fake;
  private Path config;
  private Path audit;

  record Run(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  @BeforeEach
  void start() {
    fake = FakePagerDuty.builder().token("cli-token").user("ops@example.com").start();
    config = ExampleConfig.writeTo(tmp.resolve("config"));
    audit = tmp.resolve("audit.jsonl");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Run pdkit(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.get(0).equals("deploy") && (all.size() == 1 || !List.of("keygen", "approve").contains(all.get(1)))) {
      all.addAll(List.of("--api-url", fake.baseUrl().toString(), "--events-url", fake.eventsUrl().toString(),
          "--token", "cli-token", "--config", config.toString(),
          "--audit-log", audit.toString()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(all.toArray(String[]::new), o, e, Map.of());
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private long writes() {
    // REST writes only: the post-deploy health check posts an empty probe to the Events API
    return fake.requests().stream().filter(r -> !r.method().equals("GET") && !r.path().startsWith("/v2/")).count();
  }

  private String keygen(String name) {
    Run r = pdkit("deploy", "keygen", "--out", tmp.resolve("keys").toString(), "--name", name);
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().strip();
  }

  private void protect(String... keys) throws IOException {
    StringBuilder y = new StringBuilder("environment: production\nprotected: true\napprovals:\n  totp_secret: "
        + TOTP + "\n  ed25519_public_keys:\n");
    for (String k : keys) {
      y.append("    - ").append(k).append('\n');
    }
    y.append("escalation_policies:\n  - key: platform\n    num_loops: 3\n");
    Files.writeString(config.resolve("environments/production.yaml"), y);
  }

  @Test
  void dryRun_printsPlan_writesNothing() {
    Run r = pdkit("deploy", "-e", "staging", "--validate", "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Plan for environment staging:", "+ create service checkout-api",
        "10 to create, 0 to update, 0 to delete.");
    assertThat(r.err()).contains("environment staging is valid (2 services", "dry run: nothing was changed");
    assertThat(writes()).isZero();
    assertThat(audit).doesNotExist();
  }

  @Test
  void dryRun_jsonFormat_isThePlanJson() {
    Run r = pdkit("deploy", "-e", "staging", "--dry-run", "--format", "json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("{").contains("\"plan_hash\"", "\"action\" : \"create\"");
  }

  @Test
  void apply_unprotected_thenAgain_nothingToChange_auditVerifies() {
    Run first = pdkit("deploy", "-e", "staging");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("applied 10 changes to staging");
    Run again = pdkit("deploy", "-e", "staging");
    assertThat(again.code()).isZero();
    assertThat(again.err()).contains("nothing to change in staging");
    assertThat(again.out()).contains("0 to create, 0 to update, 0 to delete.");

    Run verify = pdkit("audit", "verify", audit.toString());
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("audit log OK: 10 lines");
  }

  @Test
  void apply_thenHealthCheck_printsHealthyReport() {
    Run r = pdkit("deploy", "-e", "staging");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("10 to create", "PagerDuty health at", "(environment staging)")
        .containsPattern("(?m)^  OK    config +\\d+ ms  all 10 managed resources of staging exist and match")
        .contains("HEALTHY: 8 checks, 8 ok, 0 warn, 0 fail");
  }

  @Test
  void apply_unhealthyAfterDeploy_exitsOneWithOneClearLine() {
    assertThat(pdkit("deploy", "-e", "staging").code()).isZero();
    try (PagerDuty pd = PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken("cli-token").from("ops@example.com").build()) {
      Service s = pd.services().list().toList().stream().filter(x -> x.name().equals("[staging] Checkout Worker"))
          .findFirst().orElseThrow();
      pd.services().update(s.id(), s.toBuilder().status(dev.pdkit.model.ServiceStatus.DISABLED).build());
    }

    Run r = pdkit("deploy", "-e", "staging");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL  services").contains("'[staging] Checkout Worker'").contains("UNHEALTHY");
    assertThat(r.errLines()).last().asString().isEqualTo("pdkit: error: deployed to staging, but the account is"
        + " unhealthy: 1 health check failed (services); the changes stay applied, see the report above");

    Run skipped = pdkit("deploy", "-e", "staging", "--no-health-check");
    assertThat(skipped.code()).isZero();
    assertThat(skipped.out()).doesNotContain("PagerDuty health");
  }

  @Test
  void apply_jsonFormat_keepsStdoutOneJsonDocument_reportOnStderr() throws IOException {
    Run r = pdkit("deploy", "-e", "staging", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).has("plan_hash")).isTrue();
    assertThat(r.err()).contains("HEALTHY: 8 checks");
  }

  @Test
  void auditVerify_editedDeletedOrReorderedLine_exitsOneNamingTheLine() throws IOException {
    assertThat(pdkit("deploy", "-e", "staging").code()).isZero();
    List<String> lines = Files.readAllLines(audit);

    List<String> edited = new ArrayList<>(lines);
    edited.set(4, edited.get(4).replace("\"action\":\"create\"", "\"action\":\"delete\""));
    Files.write(audit, edited);
    Run r = pdkit("audit", "verify", audit.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().contains("TAMPERED at line 5", "edited");

    List<String> deleted = new ArrayList<>(lines);
    deleted.remove(6);
    Files.write(audit, deleted);
    assertThat(pdkit("audit", "verify", audit.toString()).err()).contains("TAMPERED at line 7");

    List<String> reordered = new ArrayList<>(lines);
    reordered.set(1, lines.get(2));
    reordered.set(2, lines.get(1));
    Files.write(audit, reordered);
    assertThat(pdkit("audit", "verify", audit.toString()).err()).contains("TAMPERED at line 2");

    // and a deploy refuses to append to a tampered log
    Run deploy = pdkit("deploy", "-e", "staging");
    assertThat(deploy.code()).isEqualTo(1);
    assertThat(deploy.errLines()).singleElement().asString().contains("refusing to append to audit log");
    Run missing = pdkit("audit", "verify", tmp.resolve("nope.jsonl").toString());
    assertThat(missing.code()).isEqualTo(2);
  }

  @Test
  void protected_plainApply_isRefusedInOneLine() throws IOException {
    protect(keygen("alice"));
    Run r = pdkit("deploy", "-e", "production");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("pdkit: error: environment production is protected: apply needs an approved saved plan");
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
    assertThat(writes()).isZero();
  }

  @Test
  void protected_planOut_approve_apply_deploys() throws IOException {
    String pub = keygen("alice");
    assertThat(Files.readString(tmp.resolve("keys/alice.pub")).strip()).isEqualTo(pub);
    protect(pub);
    Path plan = tmp.resolve("prod.plan.json");

    Run planned = pdkit("deploy", "-e", "production", "--plan-out", plan.toString());
    assertThat(planned.code()).as(planned.err()).isZero();
    assertThat(planned.err()).contains("plan saved to " + plan, "approve with `pdkit deploy approve --plan");
    assertThat(writes()).isZero();

    Run unapproved = pdkit("deploy", "-e", "production", "--plan", plan.toString());
    assertThat(unapproved.code()).isEqualTo(1);
    assertThat(unapproved.errLines()).singleElement().asString().contains("has no approval");

    Run approve = pdkit("deploy", "approve", "--plan", plan.toString(), "--key", tmp.resolve("keys/alice.key").toString());
    assertThat(approve.code()).as(approve.err()).isZero();
    assertThat(approve.out()).contains("Plan for environment production:");
    assertThat(approve.err()).contains("with key " + pub, "now has 1 signature");
    assertThat(PlanFile.read(plan).signatures()).hasSize(1);
    String privateKey = Files.readString(tmp.resolve("keys/alice.key"));
    assertThat(approve.out() + approve.err()).doesNotContain(privateKey.lines().skip(1).findFirst().orElseThrow());

    Run apply = pdkit("deploy", "-e", "production", "--plan", plan.toString());
    assertThat(apply.code()).as(apply.err()).isZero();
    assertThat(apply.err()).contains("applied 10 changes to production");
    try (PagerDuty pd = PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken("cli-token").from("ops@example.com").build()) {
      assertThat(pd.services().list().toList()).extracting(Service::name).contains("Checkout API");
    }
    // the plan is spent: PagerDuty changed since it was made
    Run replay = pdkit("deploy", "-e", "production", "--plan", plan.toString());
    assertThat(replay.code()).isEqualTo(1);
    assertThat(replay.errLines()).singleElement().asString().contains("PagerDuty changed since plan");
  }

  @Test
  void protected_approveKeyAtApplyTime_deploys_keyOfStrangerDoesNot() throws IOException {
    protect(keygen("alice"));
    keygen("mallory");
    Path plan = tmp.resolve("p.json");
    assertThat(pdkit("deploy", "-e", "production", "--plan-out", plan.toString()).code()).isZero();

    Run stranger = pdkit("deploy", "-e", "production", "--plan", plan.toString(), "--approve-key",
        tmp.resolve("keys/mallory.key").toString());
    assertThat(stranger.code()).isEqualTo(1);
    assertThat(stranger.err()).contains("not in approvals.ed25519_public_keys");

    Run ok = pdkit("deploy", "-e", "production", "--plan", plan.toString(), "--approve-key",
        tmp.resolve("keys/alice.key").toString());
    assertThat(ok.code()).as(ok.err()).isZero();
  }

  @Test
  void protected_totp_wrongRefused_currentDeploys() throws IOException {
    protect(keygen("alice"));
    Path plan = tmp.resolve("p.json");
    assertThat(pdkit("deploy", "-e", "production", "--plan-out", plan.toString()).code()).isZero();
    String code = Totp.code(Secret.of(TOTP), Instant.now());
    String wrong = code.equals("123456") ? "654321" : "123456";

    Run bad = pdkit("deploy", "-e", "production", "--plan", plan.toString(), "--totp", wrong);
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.errLines()).singleElement().asString().contains("TOTP code is wrong or expired");
    assertThat(writes()).isZero();

    Run ok = pdkit("deploy", "-e", "production", "--plan", plan.toString(), "--totp", code);
    assertThat(ok.code()).as(ok.err()).isZero();
  }

  @Test
  void stalePlan_liveChanged_isRefused() throws IOException {
    Path plan = tmp.resolve("p.json");
    assertThat(pdkit("deploy", "-e", "staging", "--plan-out", plan.toString()).code()).isZero();
    try (PagerDuty pd = PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken("cli-token").from("ops@example.com").build()) {
      pd.users().create(dev.pdkit.model.User.builder().name("Bob by hand").email("bob@example.com").build());
    }
    Run r = pdkit("deploy", "-e", "staging", "--plan", plan.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().contains("PagerDuty changed since plan", "make a new plan");
  }

  @Test
  void badInput_exitsTwoWithOneLine() throws IOException {
    Path plan = tmp.resolve("p.json");
    Files.writeString(plan, "{\"format\":\"pdkit-plan\",\"version\":1,");
    Run corrupt = pdkit("deploy", "-e", "staging", "--plan", plan.toString());
    assertThat(corrupt.code()).isEqualTo(2);
    assertThat(corrupt.errLines()).singleElement().asString().contains("is not valid JSON");

    Run totpWithoutPlan = pdkit("deploy", "-e", "staging", "--totp", "123456");
    assertThat(totpWithoutPlan.code()).isEqualTo(2);
    assertThat(totpWithoutPlan.err()).contains("--totp approves a saved plan");

    Run malformedTotp = pdkit("deploy", "-e", "staging", "--plan", plan.toString(), "--totp", "12ab");
    assertThat(malformedTotp.code()).isEqualTo(2);
    assertThat(malformedTotp.err()).contains("--totp: a code is 6 digits");

    Run badKey = pdkit("deploy", "approve", "--plan", plan.toString(), "--key", tmp.resolve("none.key").toString());
    assertThat(badKey.code()).isEqualTo(2);

    Files.writeString(config.resolve("environments/staging.yaml"), "environment: staging\nservices:\n  - key: nope\n");
    Run invalid = pdkit("deploy", "-e", "staging", "--dry-run");
    assertThat(invalid.code()).isEqualTo(2);
    assertThat(invalid.err()).contains("nothing was deployed");
    assertThat(writes()).isZero();
  }
}
