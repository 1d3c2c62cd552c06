package dev.pdkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.audit.AuditLog;
import dev.pdkit.audit.AuditVerification;
import dev.pdkit.audit.JsonLinesAuditSink;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.DeployRefusedException.Reason;
import dev.pdkit.model.Service;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protected environment against the real fake over HTTP: apply needs a fresh saved plan approved by
 * an Ed25519 signature or a TOTP code; everything else is refused with nothing written.
 */
class ProtectedDeployTest {
  private static final String TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  private static final Instant NOW = Instant.parse("2026-11-28T02:00:10Z");

  @TempDir Path dir;
  private FakePagerDuty fake;
  private PagerDuty pd;
  private Deployer deployer;
  private ApproverKey approver;
  private Path config;

  @BeforeEach
  void start() throws IOException, URISyntaxException {
    fake = FakePagerDuty.builder().token("deploy-token").user("ops@example.com").start();
    pd = PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken(fake.apiToken()).from(fake.adminEmail()).build();
    deployer = Deployer.builder().client(pd).actor("test").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    approver = ApproverKey.generate();
    config = copyExample(dir.resolve("config"));
    protect(1, approver.publicKey());
  }

  @AfterEach
  void stop() {
    pd.close();
    fake.close();
  }

  static Path copyExample(Path target) throws IOException, URISyntaxException {
    Path src = Path.of(Objects.requireNonNull(ProtectedDeployTest.class.getResource("/config-example/config")).toURI());
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : files.toList()) {
        Path t = target.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return target;
  }

  /** Writes production.yaml: protected, with these approver keys, the TOTP secret and {@code required}. */
  private void protect(int required, String... keys) throws IOException {
    StringBuilder y = new StringBuilder("""
        environment: production
        protected: true
        approvals:
        """);
    y.append("  required: ").append(required).append('\n');
    y.append("  totp_secret: ").append(TOTP).append('\n');
    y.append("  ed25519_public_keys:\n");
    for (String k : keys) {
      y.append("    - ").append(k).append('\n');
    }
    y.append("""
        escalation_policies:
          - key: platform
            num_loops: 3
        services:
          - key: checkout-api
            auto_resolve_timeout: null
        """);
    Files.writeString(config.resolve("environments/production.yaml"), y);
  }

  private DesiredState production() {
    return ConfigLoader.forDirectory(config).load("production");
  }

  private PlanFile saved() {
    Path file = dir.resolve("prod.plan.json");
    PlanFile.of(deployer.plan(production()), NOW).write(file);
    return PlanFile.read(file);
  }

  private List<String> serviceNames() {
    return pd.services().list().toList().stream().map(Service::name).toList();
  }

  private void assertRefused(ThrowingCallable apply, Reason reason, String message) {
    int writesBefore = writes();
    assertThatThrownBy(apply).isInstanceOfSatisfying(DeployRefusedException.class,
        e -> assertThat(e.reason()).isEqualTo(reason)).hasMessageContaining(message);
    assertThat(writes()).as("nothing written").isEqualTo(writesBefore);
  }

  private int writes() {
    return (int) fake.requests().stream().filter(r -> !r.method().equals("GET")).count();
  }

  @Test
  void apply_protectedWithoutSavedPlan_isRefused() {
    assertRefused(() -> deployer.apply(production()), Reason.NOT_APPROVED, "environment production is protected");
    assertThat(serviceNames()).isEmpty();
  }

  @Test
  void apply_unsignedPlan_isRefused() {
    assertRefused(() -> deployer.apply(production(), saved(), null), Reason.NOT_APPROVED,
        "has no approval: sign it with `pdkit deploy approve");
    assertThat(serviceNames()).isEmpty();
  }

  @Test
  void apply_signedByKeyNotInConfig_isRefused() {
    PlanFile plan = saved();
    ApproverKey stranger = ApproverKey.generate();
    assertRefused(() -> deployer.apply(production(), plan.withSignature(stranger.sign(plan.plan(), NOW)), null),
        Reason.NOT_APPROVED, "1 signature is by a key not in approvals.ed25519_public_keys: " + stranger.publicKey());
  }

  @Test
  void apply_signatureOverAnotherPlan_isRefusedAsBadSignature() {
    PlanFile plan = saved();
    PlanSignature forOther = approver.sign("0".repeat(64), NOW);
    assertRefused(() -> deployer.apply(production(), plan.withSignature(forOther), null), Reason.BAD_SIGNATURE,
        "does not verify over plan hash " + plan.plan().hash());
  }

  @Test
  void apply_wrongOrExpiredTotp_isRefused() {
    PlanFile plan = saved();
    Secret secret = Secret.of(TOTP);
    String current = Totp.code(secret, NOW);
    String wrong = current.equals("000000") ? "000001" : "000000";
    assertRefused(() -> deployer.apply(production(), plan, wrong), Reason.BAD_TOTP, "TOTP code is wrong or expired");
    String old = Totp.code(secret, NOW.minusSeconds(90));
    assertRefused(() -> deployer.apply(production(), plan, old), Reason.BAD_TOTP, "wrong or expired");
    assertThat(serviceNames()).isEmpty();
  }

  @Test
  void apply_approvedBySignature_appliesThenRedeployPlansNothing() {
    PlanFile plan = saved();
    PlanFile signed = plan.withSignature(approver.sign(plan.plan(), NOW));
    signed.write(dir.resolve("prod.plan.json"));

    ApplyResult r = deployer.apply(production(), PlanFile.read(dir.resolve("prod.plan.json")), null);

    assertThat(r.applied()).hasSize(plan.plan().changes().size()).isNotEmpty();
    assertThat(serviceNames()).contains("Checkout API", "Checkout Worker");
    assertThat(deployer.plan(production()).changes()).isEmpty();
  }

  @Test
  void apply_approvedByTotp_applies_previousStepStillAccepted() {
    PlanFile plan = saved();
    String code = Totp.code(Secret.of(TOTP), NOW.minusSeconds(30));
    assertThat(deployer.apply(production(), plan, code).applied()).isNotEmpty();
    assertThat(deployer.plan(production()).isEmpty()).isTrue();
  }

  @Test
  void apply_twoRequired_oneSignatureIsNotEnough_signaturePlusTotpIs() throws IOException {
    ApproverKey second = ApproverKey.generate();
    protect(2, approver.publicKey(), second.publicKey());
    PlanFile plan = saved();
    PlanFile once = plan.withSignature(approver.sign(plan.plan(), NOW));
    assertRefused(() -> deployer.apply(production(), once, null), Reason.NOT_APPROVED,
        "has 1 of 2 approvals");
    // the same key twice is still one approver
    assertRefused(() -> deployer.apply(production(), once.withSignature(approver.sign(plan.plan(), NOW)), null),
        Reason.NOT_APPROVED, "has 1 of 2 approvals");
    assertThat(deployer.apply(production(), once, Totp.code(Secret.of(TOTP), NOW)).applied()).isNotEmpty();
  }

  @Test
  void apply_stalePlan_liveChangedAfterPlanning_isRefused() throws IOException {
    PlanFile first = saved();
    deployer.apply(production(), first.withSignature(approver.sign(first.plan(), NOW)), null);
    // a one-field change is planned, then someone edits a managed service by hand
    Path prod = config.resolve("environments/production.yaml");
    Files.writeString(prod, Files.readString(prod).replace("num_loops: 3", "num_loops: 4"));
    DesiredState changed = production();
    Path file = dir.resolve("prod.plan.json");
    PlanFile.of(deployer.plan(changed), NOW).write(file);
    PlanFile plan = PlanFile.read(file);
    assertThat(plan.plan().changes()).hasSize(1);
    Service api = pd.services().list().toList().stream().filter(s -> s.name().equals("Checkout API"))
        .findFirst().orElseThrow();
    pd.services().update(Objects.requireNonNull(api.id()),
        api.toBuilder().description("edited in the web UI [pdkit:env=production;key=checkout-api]").build());
    PlanFile signed = plan.withSignature(approver.sign(plan.plan(), NOW));

    assertRefused(() -> deployer.apply(changed, signed, null), Reason.STALE_LIVE,
        "PagerDuty changed since plan " + plan.plan().hash().substring(0, 12) + " was made");
    assertThat(pd.services().get(api.id()).description()).startsWith("edited in the web UI");
  }

  @Test
  void apply_stalePlan_configChangedAfterPlanning_isRefused() throws IOException {
    PlanFile plan = saved();
    PlanFile signed = plan.withSignature(approver.sign(plan.plan(), NOW));
    Path prod = config.resolve("environments/production.yaml");
    Files.writeString(prod, Files.readString(prod).replace("num_loops: 3", "num_loops: 4"));

    assertRefused(() -> deployer.apply(production(), signed, null), Reason.STALE_DESIRED,
        "the config of production changed since the plan was made");
  }

  @Test
  void apply_planOfOtherEnvironment_isRefused() {
    DesiredState staging = ConfigLoader.forDirectory(config).load("staging");
    PlanFile stagingPlan = PlanFile.of(deployer.plan(staging), NOW);
    assertRefused(() -> deployer.apply(production(), stagingPlan.withSignature(approver.sign(stagingPlan.plan(), NOW)),
        null), Reason.WRONG_ENVIRONMENT, "the saved plan is for environment staging, not production");
  }

  @Test
  void apply_unprotectedSavedPlan_needsNoApprovalButMustBeFresh() {
    DesiredState staging = ConfigLoader.forDirectory(config).load("staging");
    PlanFile plan = PlanFile.of(deployer.plan(staging), NOW);
    pd.users().create(dev.pdkit.model.User.builder().name("Alice by hand").email("alice@example.com").build());
    assertRefused(() -> deployer.apply(staging, plan, null), Reason.STALE_LIVE, "PagerDuty changed");
    PlanFile fresh = PlanFile.of(deployer.plan(staging), NOW);
    assertThat(deployer.apply(staging, fresh, null).applied()).isNotEmpty();
  }

  @Test
  void auditLog_afterApprovedDeploy_editDeleteOrReorderALine_failsNamingTheLine() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    Deployer audited = Deployer.builder().client(pd).actor("release@example.com").clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .auditSink(JsonLinesAuditSink.open(log)).build();
    PlanFile plan = saved();
    audited.apply(production(), plan.withSignature(approver.sign(plan.plan(), NOW)), null);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSizeGreaterThan(5);
    assertThat(AuditLog.verify(log).valid()).isTrue();

    List<String> edited = new ArrayList<>(lines);
    edited.set(2, edited.get(2).replace("release@example.com", "someone@example.com"));
    assertTampered(log, edited, 3, "edited");

    List<String> deleted = new ArrayList<>(lines);
    deleted.remove(1);
    assertTampered(log, deleted, 2, "sequence number");

    List<String> reordered = new ArrayList<>(lines);
    reordered.set(3, lines.get(4));
    reordered.set(4, lines.get(3));
    assertTampered(log, reordered, 4, "sequence number");

    // renumbering the moved lines does not help: the chain breaks
    List<String> renumbered = new ArrayList<>(reordered);
    renumbered.set(3, renumbered.get(3).replace("\"seq\":5", "\"seq\":4"));
    renumbered.set(4, renumbered.get(4).replace("\"seq\":4", "\"seq\":5"));
    assertTampered(log, renumbered, 4, "prev does not match");
  }

  private static void assertTampered(Path log, List<String> lines, int badLine, String problem) throws IOException {
    Files.write(log, lines);
    AuditVerification v = AuditLog.verify(log);
    assertThat(v.valid()).isFalse();
    assertThat(v.badLine()).isEqualTo(badLine);
    assertThat(v.summary()).contains("TAMPERED at line " + badLine, problem);
  }
}
