package dev.pdkit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.PagerDuty;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.FakePagerDuty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Capture and restore against two fakes over HTTP: the round trip, same-account repair, selection, rollback. */
class BackupRestoreTest {
  private FakePagerDuty source;
  private FakePagerDuty target;
  private PagerDuty sourcePd;
  private PagerDuty targetPd;

  @BeforeEach
  void start() {
    source = FakePagerDuty.builder().token("src-token").user("ops@example.com").start();
    // a different seed: the fakes hand out different ids, as two PagerDuty accounts do
    target = FakePagerDuty.builder().token("dst-token").user("ops@example.com").seed(7).start();
    sourcePd = client(source);
    targetPd = client(target);
  }

  @AfterEach
  void stop() {
    sourcePd.close();
    targetPd.close();
    source.close();
    target.close();
  }

  private static PagerDuty client(FakePagerDuty fake) {
    return PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken(fake.apiToken()).from(fake.adminEmail()).build();
  }

  private static Backups backups(PagerDuty pd, FakePagerDuty fake) {
    return Backups.builder().client(pd).clock(fake.clock()).build();
  }

  private static List<BackupRecord> capture(PagerDuty pd, FakePagerDuty fake) {
    List<BackupRecord> records = new ArrayList<>();
    backups(pd, fake).capture(records::add);
    return records;
  }

  private BackupContent content(List<BackupRecord> records) {
    return BackupContent.of(records, source.now());
  }

  @ParameterizedTest
  @EnumSource(AccountSeeds.Shape.class)
  void restore_intoEmptyAccount_thenBackupAgain_givesSameContentModuloIds(AccountSeeds.Shape shape) {
    AccountSeeds.seed(sourcePd, shape, source.now(), "");
    List<BackupRecord> archive = capture(sourcePd, source);
    for (BackupKind k : BackupKind.values()) {
      if (k != BackupKind.TEAM && k != BackupKind.TEAM_MEMBERSHIP || shape != AccountSeeds.Shape.NO_TEAMS) {
        assertThat(archive).as("records of kind %s", k).anyMatch(r -> r.kind() == k);
      }
    }

    Backups into = backups(targetPd, target);
    RestorePlan plan = into.planRestore(archive, RestoreOptions.builder().createMissingUsers(true).build());
    assertThat(plan.sameAccount()).isFalse();
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.count(RestoreChange.Action.UPDATE)).as(plan.toText()).isZero();
    // the startup user exists in both accounts: matched by e-mail, not created
    assertThat(plan.changes()).filteredOn(c -> c.name().equals("ops@example.com"))
        .extracting(RestoreChange::action).containsExactly(RestoreChange.Action.UNCHANGED);

    RestoreResult result = into.restore(archive, RestoreOptions.builder().createMissingUsers(true).build());
    assertThat(result.verified()).as(result.verification().toText()).isTrue();
    assertThat(result.notes()).anyMatch(n -> n.contains("new routing key"));

    List<BackupRecord> again = capture(targetPd, target);
    assertThat(content(archive).differences(content(again))).isEmpty();
    assertThat(again).hasSameSizeAs(archive);
    // every id was remapped: none of the source's resource ids (other than by coincidence) is reused
    assertThat(result.idMap()).isNotEmpty();
  }

  @Test
  void restore_intoOtherAccount_missingUsers_refusedWithListAndNothingChanged() {
    AccountSeeds.seed(sourcePd, AccountSeeds.Shape.MINIMAL, source.now(), "");
    List<BackupRecord> archive = capture(sourcePd, source);
    String before = target.state().without("now").toString();

    RestorePlan plan = backups(targetPd, target).planRestore(archive, RestoreOptions.defaults());
    assertThat(plan.problems()).singleElement().asString().contains("user0@example.com").contains("--create-users");
    assertThatThrownBy(() -> backups(targetPd, target).restore(archive, RestoreOptions.defaults()))
        .isInstanceOf(RestoreException.class).hasMessageContaining("nothing was changed")
        .hasMessageContaining("user0@example.com").hasMessageNotContaining("\n");
    assertThat(target.state().without("now").toString()).isEqualTo(before);
  }

  @Test
  void plan_creatingUsersWithoutFrom_isAProblemBeforeAnyWrite() {
    AccountSeeds.seed(sourcePd, AccountSeeds.Shape.MINIMAL, source.now(), "");
    List<BackupRecord> archive = capture(sourcePd, source);
    try (PagerDuty noFrom = PagerDuty.builder().apiUrl(target.baseUrl()).apiToken(target.apiToken()).build()) {
      RestorePlan plan = Backups.builder().client(noFrom).clock(target.clock()).build()
          .planRestore(archive, RestoreOptions.builder().createMissingUsers(true).build());
      assertThat(plan.problems()).singleElement().asString().contains("user user0@example.com")
          .contains("PAGERDUTY_FROM");
    }
  }

  @Test
  void restore_sameAccount_afterDeletionsAndEdits_recreatesAndReverts() {
    AccountSeeds.Seeded s = AccountSeeds.seed(sourcePd, AccountSeeds.Shape.WIDE, source.now(), "");
    List<BackupRecord> archive = capture(sourcePd, source);
    BackupContent original = content(archive);

    String deletedService = s.services.get("service-3");
    sourcePd.services().delete(deletedService);
    String editedService = s.services.get("service-0");
    sourcePd.raw().put("/services/" + editedService, Map.of("service", Map.of("name", "renamed",
        "acknowledgement_timeout", 60)));
    String policy = s.policies.get("Policy 0");
    sourcePd.raw().put("/escalation_policies/" + policy, Map.of("escalation_policy", Map.of("num_loops", 5)));
    String team = s.teams.get("Team 0");
    String member = s.users.get("user0@example.com");
    sourcePd.teams().removeUser(team, member);
    String schedule = s.schedules.get("Schedule 1");
    sourcePd.raw().put("/schedules/" + schedule, Map.of("schedule", Map.of("time_zone", "Asia/Tokyo")));

    Backups same = backups(sourcePd, source);
    RestorePlan plan = same.planRestore(archive, RestoreOptions.defaults());
    assertThat(plan.sameAccount()).isTrue();
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.pending()).extracting(c -> c.action() + " " + c.kind().wire() + " " + c.name())
        .containsExactlyInAnyOrder(
            "CREATE team_membership Team 0 member User 0",
            "UPDATE schedule Schedule 1",
            "UPDATE escalation_policy Policy 0",
            "UPDATE service service-0",
            "CREATE service service-3",
            "CREATE integration service-3/Monitoring");
    RestoreChange svc = plan.changes().stream().filter(c -> c.name().equals("service-0")).findFirst().orElseThrow();
    assertThat(svc.targetId()).isEqualTo(editedService);
    assertThat(svc.fields()).extracting(f -> f.field() + ": " + f.before() + " -> " + f.after())
        .containsExactlyInAnyOrder("name: renamed -> service-0", "acknowledgement_timeout: 60 -> 600");

    RestoreResult result = same.restore(archive, RestoreOptions.defaults());
    assertThat(result.verified()).as(result.verification().toText()).isTrue();
    assertThat(sourcePd.services().get(editedService).name()).isEqualTo("service-0"); // reverted in place
    assertThat(result.idMap().get("service:" + deletedService)).isNotEqualTo(deletedService); // recreated
    assertThat(content(capture(sourcePd, source)).differences(original)).isEmpty();
  }

  @Test
  void restore_only_oneService_pullsInMissingDependenciesAndNothingElse() {
    AccountSeeds.seed(sourcePd, AccountSeeds.Shape.WIDE, source.now(), "");
    List<BackupRecord> archive = capture(sourcePd, source);
    Backups into = backups(targetPd, target);

    RestoreOptions noDeps = RestoreOptions.builder().only("service:service-1").pullDependencies(false)
        .createMissingUsers(true).build();
    assertThatThrownBy(() -> into.restore(archive, noDeps)).isInstanceOf(RestoreException.class)
        .hasMessageContaining("needs escalation_policy Policy 1, which is missing in the target")
        .hasMessageContaining("--only escalation_policy:Policy 1");

    RestoreOptions only = RestoreOptions.builder().only("service:service-1").createMissingUsers(true).build();
    RestoreResult result = into.restore(archive, only);
    assertThat(result.verified()).as(result.verification().toText()).isTrue();
    assertThat(result.applied()).filteredOn(c -> !c.dependency())
        .extracting(c -> c.kind().wire() + " " + c.name())
        .containsExactly("service service-1", "integration service-1/Monitoring");
    assertThat(result.applied()).filteredOn(RestoreChange::dependency).extracting(RestoreChange::kind)
        .contains(BackupKind.ESCALATION_POLICY, BackupKind.SCHEDULE, BackupKind.USER)
        .doesNotContain(BackupKind.SERVICE, BackupKind.MAINTENANCE_WINDOW);
    assertThat(targetPd.services().list().toList()).extracting(dev.pdkit.model.Service::name)
        .containsExactly("service-1");

    assertThatThrownBy(() -> RestoreOptions.builder().only("servce:x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown resource kind 'servce'");
    RestorePlan nothing = into.planRestore(archive, RestoreOptions.builder().only("service:nope").build());
    assertThat(nothing.problems()).singleElement().asString().contains("--only service:nope matches nothing");
  }

  @Test
  void restore_faultPartWay_rollsBackEverythingItWrote() {
    AccountSeeds.seed(sourcePd, AccountSeeds.Shape.WIDE, source.now(), "");
    List<BackupRecord> archive = capture(sourcePd, source);
    String before = target.state().without("now").toString();
    BackupContent emptyTarget = content(capture(targetPd, target));
    // the third service fails: users, teams, schedules, policies and two services are written by then
    target.addFault(Fault.builder().method("POST").path("/services").delayMs(1).times(2).build());
    target.addFault(Fault.builder().method("POST").path("/services").status(500).times(1).build());

    assertThatThrownBy(() -> backups(targetPd, target).restore(archive,
        RestoreOptions.builder().createMissingUsers(true).build()))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("(create service ")
        .hasMessageContaining("earlier writes were undone, the target is as it was")
        .satisfies(e -> assertThat(((RestoreException) e).rollbackFailures()).isEmpty())
        .satisfies(e -> assertThat(((RestoreException) e).rolledBack()).isGreaterThan(10));
    target.clearFaults();
    assertThat(content(capture(targetPd, target)).differences(emptyTarget)).isEmpty();
    assertThat(before).contains("ops@example.com");
  }
}
