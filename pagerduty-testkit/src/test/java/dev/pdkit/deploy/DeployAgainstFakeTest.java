package dev.pdkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.PagerDuty;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.ServiceSpec;
import dev.pdkit.model.Service;
import dev.pdkit.testkit.FakePagerDuty;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plan and apply of the example config against the real fake over HTTP. */
class DeployAgainstFakeTest {
  private FakePagerDuty fake;
  private PagerDuty pd;
  private Deployer deployer;

  @BeforeEach
  void start() {
    fake = FakePagerDuty.builder().token("deploy-token").user("ops@example.com").start();
    pd = PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken(fake.apiToken()).from(fake.adminEmail()).build();
    deployer = Deployer.builder().client(pd).actor("test").build();
  }

  @AfterEach
  void stop() {
    pd.close();
    fake.close();
  }

  static DesiredState example(String env) {
    try {
      Path dir = Path.of(Objects.requireNonNull(DeployAgainstFakeTest.class.getResource("/config-example/config"))
          .toURI());
      return ConfigLoader.forDirectory(dir).load(env);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void apply_exampleOnEmptyAccount_createsAllThenReplanIsEmpty() {
    DesiredState desired = example("staging");
    Plan first = deployer.plan(desired);
    assertThat(first.count(Change.Action.UPDATE)).isZero();
    assertThat(first.count(Change.Action.DELETE)).isZero();
    // 3 users, 1 team, 1 schedule, 1 policy, 2 services, 2 integrations
    assertThat(first.changes()).extracting(Change::kind).containsExactly(ResourceKind.USER, ResourceKind.USER,
        ResourceKind.USER, ResourceKind.TEAM, ResourceKind.SCHEDULE, ResourceKind.ESCALATION_POLICY,
        ResourceKind.SERVICE, ResourceKind.SERVICE, ResourceKind.INTEGRATION, ResourceKind.INTEGRATION);

    ApplyResult result = deployer.apply(desired);
    assertThat(result.applied()).hasSize(first.changes().size());

    Plan again = deployer.plan(desired);
    assertThat(again.changes()).as(again.toText()).isEmpty();
    assertThat(deployer.apply(desired).applied()).isEmpty();

    Service api = pd.services().list().toList().stream().filter(s -> s.name().equals("[staging] Checkout API"))
        .findFirst().orElseThrow();
    assertThat(api.description()).startsWith("Payments and checkout backend")
        .endsWith("[pdkit:env=staging;key=checkout-api]");
  }

  @Test
  void plan_oneChangedField_plansExactlyOneUpdate() {
    deployer.apply(example("staging"));
    DesiredState changed = withService(example("staging"), "checkout-api",
        s -> new ServiceSpec(s.key(), s.name(), "new description", s.team(), s.escalationPolicy(), s.urgency(),
            s.acknowledgementTimeout(), s.autoResolveTimeout(), s.alertGrouping(), s.supportHours(),
            s.integrations(), s.managed(), s.adopt()));

    Plan plan = deployer.plan(changed);

    assertThat(plan.changes()).hasSize(1);
    Change c = plan.changes().get(0);
    assertThat(c.action()).isEqualTo(Change.Action.UPDATE);
    assertThat(c.kind()).isEqualTo(ResourceKind.SERVICE);
    assertThat(c.fields()).containsExactly(new FieldChange("description", "Payments and checkout backend",
        "new description"));
    assertThat(plan.toText()).contains("~ update service checkout-api",
        "description: \"Payments and checkout backend\" -> \"new description\"");
    assertThat(plan.toJson()).contains("\"action\" : \"update\"", "\"plan_hash\"");

    deployer.apply(changed);
    assertThat(deployer.plan(changed).changes()).isEmpty();
  }

  @Test
  void apply_rename_updatesInPlaceKeepingIdAndIntegrationKey() {
    deployer.apply(example("staging"));
    Service before = findByMarker("checkout-api");
    DesiredState renamed = withService(example("staging"), "checkout-api",
        s -> new ServiceSpec(s.key(), "[staging] Checkout", s.description(), s.team(), s.escalationPolicy(),
            s.urgency(), s.acknowledgementTimeout(), s.autoResolveTimeout(), s.alertGrouping(), s.supportHours(),
            s.integrations(), s.managed(), s.adopt()));

    Plan plan = deployer.plan(renamed);
    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Change.Action.UPDATE);
      assertThat(c.fields()).containsExactly(new FieldChange("name", "[staging] Checkout API", "[staging] Checkout"));
    });
    deployer.apply(renamed);

    Service after = findByMarker("checkout-api");
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.name()).isEqualTo("[staging] Checkout");
    assertThat(deployer.plan(renamed).changes()).isEmpty();
  }

  @Test
  void apply_serviceRemovedFromConfig_deletesOnlyManagedResource() {
    deployer.apply(example("staging"));
    String foreign = fake.seedService("hand-made").serviceId();
    DesiredState dev = example("dev"); // dev removes checkout-worker, other prefix: different environment
    DesiredState staging = example("staging");
    DesiredState without = new DesiredState(staging.environment(), staging.protectedEnvironment(),
        staging.approvals(), staging.defaults(), staging.users(), staging.teams(), staging.schedules(),
        staging.escalationPolicies(),
        staging.services().stream().filter(s -> !s.key().equals("checkout-worker")).toList(), staging.templates(),
        staging.secrets(), staging.warnings(), staging.contentHash() + "-without-worker");

    Plan plan = deployer.plan(without);
    assertThat(plan.changes()).extracting(Change::action, Change::kind, Change::key).containsExactly(
        // deleting the service deletes its integrations with it
        org.assertj.core.groups.Tuple.tuple(Change.Action.DELETE, ResourceKind.SERVICE, "checkout-worker"));
    deployer.apply(without);
    assertThat(deployer.plan(without).changes()).isEmpty();
    assertThat(pd.services().get(foreign).id()).isEqualTo(foreign);
    assertThat(dev.environment()).isEqualTo("dev");
  }

  @Test
  void apply_withJsonLinesAudit_recordsEveryWrite_andTamperingIsDetected(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    Path log = dir.resolve("audit.jsonl");
    Deployer audited = Deployer.builder().client(pd).actor("alice@example.com")
        .auditSink(dev.pdkit.audit.JsonLinesAuditSink.open(log)).build();
    ApplyResult result = audited.apply(example("staging"));

    dev.pdkit.audit.AuditVerification ok = dev.pdkit.audit.AuditLog.verify(log);
    assertThat(ok.valid()).isTrue();
    assertThat(ok.lines()).isEqualTo(result.applied().size());
    List<String> lines = java.nio.file.Files.readAllLines(log);
    assertThat(lines.get(0)).contains("\"actor\":\"alice@example.com\"", "\"environment\":\"staging\"",
        "\"action\":\"create\"", "\"resource_type\":\"user\"");

    lines.set(3, lines.get(3).replace("\"action\":\"create\"", "\"action\":\"update\""));
    java.nio.file.Files.write(log, lines);
    dev.pdkit.audit.AuditVerification tampered = dev.pdkit.audit.AuditLog.verify(log);
    assertThat(tampered.valid()).isFalse();
    assertThat(tampered.badLine()).isEqualTo(4);
  }

  private Service findByMarker(String key) {
    return pd.services().list().toList().stream()
        .filter(s -> s.description() != null && s.description().endsWith("key=" + key + "]")).findFirst()
        .orElseThrow();
  }

  static DesiredState withService(DesiredState d, String key, java.util.function.UnaryOperator<ServiceSpec> f) {
    List<ServiceSpec> services = new ArrayList<>();
    for (ServiceSpec s : d.services()) {
      services.add(s.key().equals(key) ? f.apply(s) : s);
    }
    return new DesiredState(d.environment(), d.protectedEnvironment(), d.approvals(), d.defaults(), d.users(),
        d.teams(), d.schedules(), d.escalationPolicies(), services, d.templates(), d.secrets(), d.warnings(),
        d.contentHash() + "-changed");
  }
}
