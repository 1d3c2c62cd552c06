package dev.pdkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.PagerDuty;
import dev.pdkit.RetryPolicy;
import dev.pdkit.config.ConfigLoader;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.RollbackReport.Method;
import dev.pdkit.deploy.RollbackReport.Outcome;
import dev.pdkit.internal.json.Json;
import dev.pdkit.spi.AuditSink;
import dev.pdkit.spi.DeployLock;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Automatic rollback against the fake: a plan with creates, updates and deletes of every kind, a
 * fault injected at every write step in turn, and the account compared before and after through the
 * fake's state.
 */
class DeployRollbackTest {
  private static final Pattern ID_SEGMENT = Pattern.compile("/P[A-Z0-9]{6}(?=/|$)");

  @TempDir static Path dir;
  static DesiredState base;
  static DesiredState target;

  @BeforeAll
  static void configs() throws IOException {
    base = load("base", BASE);
    target = load("target", TARGET);
  }

  // ------------------------------------------------------------------ the required test

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4})
  void apply_faultAtEveryWriteStep_leavesAccountExactlyAsBefore(int concurrency) {
    // a clean run tells which writes the apply makes
    List<RecordedRequest> writes;
    try (Account a = new Account(concurrency)) {
      a.fake.clearRequests();
      Plan plan = a.deployer.plan(target);
      assertThat(plan.count(Change.Action.CREATE)).as(plan.toText()).isGreaterThanOrEqualTo(6);
      assertThat(plan.count(Change.Action.UPDATE)).as(plan.toText()).isGreaterThanOrEqualTo(6);
      assertThat(plan.count(Change.Action.DELETE)).as(plan.toText()).isGreaterThanOrEqualTo(5);
      assertThat(plan.changes()).extracting(Change::kind).contains(ResourceKind.values());
      a.deployer.apply(target);
      writes = a.fake.requests().stream().filter(r -> !r.method().equals("GET")).toList();
      assertThat(a.deployer.plan(target).changes()).isEmpty();
    }
    assertThat(writes).hasSizeGreaterThan(20);

    for (int i = 0; i < writes.size(); i++) {
      RecordedRequest w = writes.get(i);
      String glob = ID_SEGMENT.matcher(w.path()).replaceAll("/*");
      int skip = 0;
      for (int j = 0; j < i; j++) {
        RecordedRequest e = writes.get(j);
        if (e.method().equals(w.method()) && ID_SEGMENT.matcher(e.path()).replaceAll("/*").equals(glob)) {
          skip++;
        }
      }
      // alternate a refused write (4xx: certainly not applied) and a server error (outcome unknown)
      int status = i % 2 == 0 ? 400 : 503;
      String what = "write " + (i + 1) + "/" + writes.size() + " " + w.method() + " " + w.path() + " (" + status
          + ", concurrency " + concurrency + ")";
      try (Account a = new Account(concurrency)) {
        JsonNode before = normalised(a.fake.state());
        Map<String, String> keysBefore = integrationKeys(a.fake.state());
        a.fake.addFault(Fault.builder().method(w.method()).path(glob).skip(skip).times(1).status(status).build());

        DeployException e = catchThrowableOfType(() -> a.deployer.apply(target), DeployException.class);

        assertThat(e).as(what).isNotNull();
        RollbackReport report = e.rollbackReport().orElseThrow();
        assertThat(report.complete()).as(what + "\n" + e.getMessage()).isTrue();
        assertThat(report.count(Outcome.FAILED)).isZero();
        assertThat(e.getMessage()).as(what).contains("rolled back", "the account is as before");
        JsonNode after = normalised(a.fake.state());
        assertThat(after).as(what + "\n" + e.getMessage() + "\ndiff: " + diff("", before, after)).isEqualTo(before);
        // integrations that were not deleted keep their keys
        Map<String, String> keysAfter = integrationKeys(a.fake.state());
        keysBefore.forEach((id, key) -> {
          if (keysAfter.containsKey(id)) {
            assertThat(keysAfter.get(id)).as(what).isEqualTo(key);
          }
        });
        // and every undo write is in the audit trail
        long undoWrites = a.audit.stream().filter(x -> x.action().startsWith("rollback-")).count();
        assertThat(undoWrites).as(what).isEqualTo(report.count(Outcome.UNDONE));
        // a second apply after the rollback converges
        a.fake.clearFaults();
        a.deployer.apply(target);
        assertThat(a.deployer.plan(target).changes()).as(what).isEmpty();
      }
    }
  }

  @Test
  void apply_deleteThenFailure_recreatesDeletedResourcesWithReferencesRemapped() {
    try (Account a = new Account(1)) {
      JsonNode before = normalised(a.fake.state());
      String goneSchedule = a.id("schedules", "RB Gone Schedule");
      String gonePolicy = a.id("escalation_policies", "RB Gone Policy");
      // fail the very last write: everything else, all deletes included, has happened
      a.fake.addFault(Fault.builder().method("DELETE").path("/teams/*").status(400).times(1).build());

      DeployException e = catchThrowableOfType(() -> a.deployer.apply(target), DeployException.class);

      RollbackReport report = e.rollbackReport().orElseThrow();
      assertThat(report.complete()).isTrue();
      assertThat(report.undos().get(0).outcome()).isEqualTo(Outcome.NOTHING_TO_UNDO);
      assertThat(report.undos()).filteredOn(u -> u.method() == Method.RECREATE_DELETED
          && u.outcome() == Outcome.UNDONE).extracting(u -> u.change().key())
          .containsExactly("gone-schedule", "gone-policy", "svc-gone", "svc-keep/Gone Hook");
      String newSchedule = a.id("schedules", "RB Gone Schedule");
      String newPolicy = a.id("escalation_policies", "RB Gone Policy");
      assertThat(newSchedule).isNotEqualTo(goneSchedule);
      // the recreated policy points at the recreated schedule, the restored service at the recreated policy
      JsonNode policy = find(a.fake.state(), "escalation_policies", "RB Gone Policy");
      assertThat(policy.at("/escalation_rules/0/targets/0/id").asText()).isEqualTo(newSchedule);
      JsonNode moved = find(a.fake.state(), "services", "RB Moved Service");
      assertThat(moved.at("/escalation_policy/id").asText()).isEqualTo(newPolicy).isNotEqualTo(gonePolicy);
      assertThat(normalised(a.fake.state())).isEqualTo(before);
      assertThat(report.notes()).anyMatch(n -> n.contains("new integration key"))
          .anyMatch(n -> n.contains("schedule gone-schedule was recreated with a new id " + newSchedule));
      assertThat(report.toText()).doesNotContain(integrationKeys(a.fake.state()).values());
      assertThat(e.getMessage()).doesNotContain(integrationKeys(a.fake.state()).values());
    }
  }

  @Test
  void apply_rollbackFails_reportsExactlyWhatIsLeftAndStops() {
    try (Account a = new Account(1)) {
      String keepService = a.id("services", "RB Keep Service");
      // the deploy fails creating the first integration; undoing then fails restoring svc-keep
      a.fake.addFault(Fault.builder().method("POST").path("/services/*/integrations").status(400).times(1).build());
      a.fake.addFault(Fault.builder().method("PUT").path("/services/" + keepService).skip(1).times(1).status(500)
          .build());

      DeployException e = catchThrowableOfType(() -> a.deployer.apply(target), DeployException.class);

      RollbackReport report = e.rollbackReport().orElseThrow();
      assertThat(report.complete()).isFalse();
      List<RollbackReport.Undo> undos = report.undos();
      RollbackReport.Undo failed = undos.stream().filter(u -> u.outcome() == Outcome.FAILED).findFirst()
          .orElseThrow();
      assertThat(failed.change().key()).isEqualTo("svc-keep");
      assertThat(failed.method()).isEqualTo(Method.RESTORE_UPDATED);
      assertThat(failed.id()).isEqualTo(keepService);
      assertThat(report.count(Outcome.FAILED)).isOne();
      int at = undos.indexOf(failed);
      // everything before the failure was undone, nothing after it was attempted
      assertThat(undos.subList(1, at)).allMatch(u -> u.outcome() == Outcome.UNDONE);
      assertThat(undos.subList(at + 1, undos.size())).isNotEmpty()
          .allMatch(u -> u.outcome() == Outcome.NOT_ATTEMPTED);
      assertThat(report.manualSteps()).hasSize(undos.size() - at);
      assertThat(report.manualSteps().get(0)).isEqualTo("set service svc-keep (id " + keepService
          + ") back to: description=\"kept service\"");
      assertThat(report.manualSteps()).anyMatch(m -> m.startsWith("delete user dan@example.com (id "));
      assertThat(e.getMessage()).contains("ROLLBACK FAILED", "ROLLBACK INCOMPLETE",
          "failed: step", "restore updated service svc-keep (" + keepService + ")", "To finish by hand",
          "set service svc-keep (id " + keepService + ") back to: description=\"kept service\"");
      // the report is true: svc-keep still has the deploy's description, the created user still exists
      assertThat(find(a.fake.state(), "services", "RB Keep Service").path("description").asText())
          .startsWith("kept service, changed");
      assertThat(a.fake.userId("dan@example.com")).isNotNull();
      // no further write after the failed undo
      List<RecordedRequest> reqs = a.fake.requests();
      RecordedRequest last = reqs.stream().filter(r -> !r.method().equals("GET")).reduce((x, y) -> y).orElseThrow();
      assertThat(last.path()).isEqualTo("/services/" + keepService);
      assertThat(last.status()).isEqualTo(500);
    }
  }

  @Test
  void apply_lockHeldByAnother_failsNamingTheHolder_andWritesNothing() {
    try (Account a = new Account(1)) {
      try (DeployLock.Lease held = a.lock.tryAcquire("deploy:rb", "ci-runner-7", Duration.ofMinutes(1))
          .orElseThrow()) {
        a.fake.clearRequests();
        assertThatThrownBy(() -> a.deployer.apply(target)).isInstanceOf(DeployException.class)
            .hasMessageContaining("environment rb is being deployed by ci-runner-7")
            .hasMessageContaining("deploy:rb");
        assertThat(a.fake.requests()).isEmpty();
        assertThat(held.owner()).isEqualTo("ci-runner-7");
      }
      a.deployer.apply(target);
      // released after the apply: the next one gets it
      assertThat(a.lock.tryAcquire("deploy:rb", "next", Duration.ofSeconds(5))).isPresent();
    }
  }

  @Test
  void apply_leaseLostBetweenTiers_stopsAndRollsBack() {
    try (Account a = new Account(1)) {
      JsonNode before = normalised(a.fake.state());
      java.util.concurrent.atomic.AtomicInteger renewals = new java.util.concurrent.atomic.AtomicInteger();
      DeployLock losing = (name, owner, ttl) -> a.lock.tryAcquire(name, owner, ttl).map(l -> new DeployLock.Lease() {
        @Override
        public String name() {
          return l.name();
        }

        @Override
        public String owner() {
          return l.owner();
        }

        @Override
        public boolean renew(Duration t) {
          return renewals.incrementAndGet() < 5 && l.renew(t); // lost before the 4th tier
        }

        @Override
        public void close() {
          l.close();
        }
      });
      Deployer d = Deployer.builder().client(a.pd).actor("rb-test").lock(losing).build();

      DeployException e = catchThrowableOfType(() -> d.apply(target), DeployException.class);

      assertThat(e.getMessage()).contains("lost the deploy lock deploy:rb", "rolled back");
      assertThat(e.rollbackReport().orElseThrow().complete()).isTrue();
      assertThat(e.rollbackReport().orElseThrow().count(Outcome.UNDONE)).isGreaterThanOrEqualTo(4);
      assertThat(normalised(a.fake.state())).isEqualTo(before);
    }
  }

  @Test
  void apply_auditSinkFails_rollsBackTheWriteItCouldNotRecord() {
    try (Account a = new Account(4)) {
      JsonNode before = normalised(a.fake.state());
      List<AuditSink.Entry> kept = new ArrayList<>();
      AuditSink failing = entry -> {
        if (entry.action().equals("create") && entry.resourceType().equals("schedule")) {
          throw new IllegalStateException("audit disk full");
        }
        kept.add(entry);
      };
      Deployer d = Deployer.builder().client(a.pd).actor("rb-test").auditSink(failing).lock(a.lock).build();

      DeployException e = catchThrowableOfType(() -> d.apply(target), DeployException.class);

      assertThat(e.getMessage()).contains("(create schedule new-schedule): audit disk full", "rolled back");
      assertThat(normalised(a.fake.state())).isEqualTo(before);
      assertThat(kept).extracting(AuditSink.Entry::action).contains("create", "update", "rollback-delete",
          "rollback-update");
    }
  }

  @Test
  void apply_concurrent_auditsInPlanOrder() {
    try (Account a = new Account(4)) {
      a.audit.clear();
      Plan plan = a.deployer.plan(target);
      a.deployer.apply(target);
      assertThat(a.audit).extracting(x -> x.resourceType() + " " + x.resourceKey())
          .containsExactlyElementsOf(plan.changes().stream().map(c -> c.kind().wire() + " " + c.key()).toList());
    }
  }

  // ------------------------------------------------------------------ fixture

  /** A fresh fake holding the base config, and a deployer for it. */
  private static final class Account implements AutoCloseable {
    final FakePagerDuty fake = FakePagerDuty.builder().token("rb-token").user("ops@example.com").seed(7).start();
    final PagerDuty pd = PagerDuty.builder().apiUrl(fake.baseUrl()).apiToken(fake.apiToken())
        .from(fake.adminEmail()).retryPolicy(RetryPolicy.none()).build();
    final List<AuditSink.Entry> audit = Collections.synchronizedList(new ArrayList<>());
    final DeployLock lock;
    final Deployer deployer;

    Account(int concurrency) {
      try {
        lock = DeployLock.file(Files.createTempDirectory(dir, "locks"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      deployer = Deployer.builder().client(pd).actor("rb-test").auditSink(audit::add).lock(lock)
          .concurrency(concurrency).build();
      deployer.apply(base);
      assertThat(deployer.plan(base).changes()).isEmpty();
      audit.clear();
    }

    String id(String collection, String name) {
      return find(fake.state(), collection, name).path("id").asText();
    }

    @Override
    public void close() {
      pd.close();
      fake.close();
    }
  }

  static JsonNode find(JsonNode state, String collection, String name) {
    for (JsonNode n : state.path(collection)) {
      if (name.equals(n.path("name").asText())) {
        return n;
      }
    }
    throw new AssertionError("no " + collection + " named " + name);
  }

  static Map<String, String> integrationKeys(JsonNode state) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode i : state.path("integrations")) {
      if (i.hasNonNull("integration_key")) {
        out.put(i.path("id").asText(), i.path("integration_key").asText());
      }
    }
    return out;
  }

  private static final List<String> COLLECTIONS = List.of("users", "teams", "team_memberships", "schedules",
      "escalation_policies", "services", "integrations");

  /**
   * The account's resources with every id replaced by a stable name (users by e-mail, others by
   * name, nested layers and rules by position), integration keys and timestamps dropped, sorted: two
   * accounts compare equal when they hold the same resources referring to each other the same way,
   * even if a resource was deleted and recreated under a new id.
   */
  static JsonNode normalised(ObjectNode state) {
    Map<String, String> names = new HashMap<>();
    for (String col : COLLECTIONS) {
      for (JsonNode n : state.path(col)) {
        String name = switch (col) {
          case "users" -> "user:" + n.path("email").asText();
          case "integrations" -> "integration:" + n.path("_service_id").asText() + "/" + n.path("name").asText();
          case "team_memberships" -> null;
          default -> col + ":" + n.path("name").asText();
        };
        if (name != null && n.hasNonNull("id")) {
          names.put(n.get("id").asText(), name);
          nestedIds(n, name, names);
        }
      }
    }
    // integration names used the service id: resolve it
    names.replaceAll((id, name) -> {
      if (name.startsWith("integration:")) {
        String sid = name.substring("integration:".length(), name.indexOf('/'));
        return "integration:" + names.getOrDefault(sid, sid) + name.substring(name.indexOf('/'));
      }
      return name;
    });
    ObjectNode out = Json.object();
    for (String col : COLLECTIONS) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (JsonNode n : state.path(col)) {
        JsonNode copy = rewrite(n.deepCopy(), names);
        sorted.put(copy.toString(), copy);
      }
      ArrayNode arr = out.putArray(col);
      sorted.values().forEach(arr::add);
    }
    return out;
  }

  /** Paths where two JSON trees differ, for readable failures. */
  static List<String> diff(String path, JsonNode a, JsonNode b) {
    List<String> out = new ArrayList<>();
    if (a.isObject() && b.isObject()) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        out.addAll(diff(path + "/" + n, a.path(n), b.path(n)));
      }
    } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        out.addAll(diff(path + "/" + i, a.get(i), b.get(i)));
      }
    } else if (!a.equals(b)) {
      out.add(path + ": " + a + " != " + b);
    }
    return out;
  }

  private static void nestedIds(JsonNode n, String owner, Map<String, String> names) {
    for (String field : List.of("schedule_layers", "escalation_rules")) {
      JsonNode arr = n.path(field);
      for (int i = 0; i < arr.size(); i++) {
        if (arr.get(i).hasNonNull("id")) {
          names.put(arr.get(i).get("id").asText(), owner + "/" + field + "[" + i + "]");
        }
      }
    }
  }

  private static JsonNode rewrite(JsonNode n, Map<String, String> names) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      // server-derived or bookkeeping: summary (a copy of the name, stale in references), sequence numbers
      for (String drop : List.of("integration_key", "created_at", "updated_at", "self", "html_url", "summary",
          "_seq")) {
        o.remove(drop);
      }
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      it.forEachRemaining(entries::add);
      for (Map.Entry<String, JsonNode> e : entries) {
        if (e.getValue().isNull()) {
          o.remove(e.getKey()); // on PagerDuty's wire an unset field is null or absent, the same thing
        } else {
          o.set(e.getKey(), rewrite(e.getValue(), names));
        }
      }
      // lists of references the server derives (a policy's services, a service's integrations) come in
      // creation order, and a recreated resource is necessarily newer: compare them as sets
      for (String field : List.of("integrations", "services", "teams", "users", "escalation_policies")) {
        JsonNode arr = o.path(field);
        boolean refs = arr.isArray();
        for (JsonNode x : arr) {
          refs &= x.path("type").asText().endsWith("_reference");
        }
        if (refs && arr.size() > 1) {
          List<JsonNode> list = new ArrayList<>();
          arr.forEach(list::add);
          list.sort(java.util.Comparator.comparing(JsonNode::toString));
          o.putArray(field).addAll(list);
        }
      }
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = (ArrayNode) n;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, rewrite(a.get(i), names));
      }
      return a;
    }
    if (n.isTextual()) {
      String t = n.asText();
      String mapped = names.get(t);
      if (mapped != null) {
        return Json.mapper().getNodeFactory().textNode(mapped);
      }
      // composite keys such as team membership keys "TEAMID:USERID"
      if (t.matches("P[A-Z0-9]{6}:P[A-Z0-9]{6}")) {
        String[] p = t.split(":");
        return Json.mapper().getNodeFactory().textNode(names.getOrDefault(p[0], p[0]) + ":"
            + names.getOrDefault(p[1], p[1]));
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ configs

  private static DesiredState load(String name, String yaml) throws IOException {
    Path d = dir.resolve(name);
    Files.createDirectories(d.resolve("environments"));
    Files.writeString(d.resolve("pagerduty.yaml"), yaml);
    Files.writeString(d.resolve("environments/rb.yaml"), "environment: rb\n");
    return ConfigLoader.forDirectory(d).load("rb");
  }

  private static final String USERS_BASE = """
      users:
        - { email: ann@example.com, name: Ann Base, manage: true }
        - { email: ben@example.com, name: Ben Base, manage: true }
        - { email: cat@example.com, name: Cat Base, manage: true }
      """;

  static final String BASE = "version: 1\ndefaults: { time_zone: Europe/Berlin }\n" + USERS_BASE + """
      teams:
        - key: keep-team
          name: RB Keep Team
          description: kept team
          members:
            - { user: ann@example.com, role: manager }
            - { user: ben@example.com }
        - key: gone-team
          name: RB Gone Team
          members:
            - { user: cat@example.com }
      schedules:
        - key: keep-schedule
          name: RB Keep Schedule
          team: keep-team
          layers:
            - name: Weekly
              start: 2026-01-05T09:00:00+01:00
              turn_length: 7d
              users: [ann@example.com, ben@example.com]
        - key: gone-schedule
          name: RB Gone Schedule
          team: gone-team
          layers:
            - name: Daily
              start: 2026-01-05T09:00:00+01:00
              turn_length: 1d
              users: [cat@example.com]
              restrictions:
                - { type: weekly, start_day: monday, start_time: "09:00", duration: 8h }
      escalation_policies:
        - key: keep-policy
          name: RB Keep Policy
          team: keep-team
          rules:
            - { delay: 15m, targets: ["schedule:keep-schedule"] }
            - { delay: 30m, targets: ["user:cat@example.com"] }
        - key: gone-policy
          name: RB Gone Policy
          team: gone-team
          num_loops: 2
          rules:
            - { delay: 10m, targets: ["schedule:gone-schedule"] }
      services:
        - key: svc-keep
          name: RB Keep Service
          description: kept service
          escalation_policy: keep-policy
          integrations:
            - { key: keep-hook, type: events_api_v2, name: Keep Hook }
            - { key: gone-hook, type: events_api_v2, name: Gone Hook }
        - key: svc-move
          name: RB Moved Service
          escalation_policy: gone-policy
          urgency: low
        - key: svc-gone
          name: RB Gone Service
          escalation_policy: gone-policy
          support_hours:
            time_zone: Europe/Berlin
            days: [monday, friday]
            start_time: "08:00"
            end_time: "16:00"
          urgency: support_hours
          integrations:
            - { key: hook, type: events_api_v2, name: Gone Service Hook }
      """;

  static final String TARGET = "version: 1\ndefaults: { time_zone: Europe/Berlin }\n" + """
      users:
        - { email: ann@example.com, name: Ann Changed, manage: true }
        - { email: ben@example.com, name: Ben Base, manage: true }
        - { email: cat@example.com, name: Cat Base, job_title: SRE, manage: true }
        - { email: dan@example.com, name: Dan New, manage: true }
      teams:
        - key: keep-team
          name: RB Keep Team
          description: kept team, changed
          members:
            - { user: ann@example.com, role: responder }
            - { user: dan@example.com }
        - key: new-team
          name: RB New Team
          members:
            - { user: dan@example.com, role: manager }
            - { user: cat@example.com }
      schedules:
        - key: keep-schedule
          name: RB Keep Schedule Renamed
          team: keep-team
          layers:
            - name: Weekly
              start: 2026-01-05T09:00:00+01:00
              turn_length: 7d
              users: [ann@example.com, dan@example.com]
        - key: new-schedule
          name: RB New Schedule
          team: new-team
          layers:
            - name: Daily
              start: 2026-01-05T09:00:00+01:00
              turn_length: 1d
              users: [dan@example.com]
      escalation_policies:
        - key: keep-policy
          name: RB Keep Policy
          team: keep-team
          rules:
            - { delay: 15m, targets: ["schedule:keep-schedule", "schedule:new-schedule"] }
            - { delay: 30m, targets: ["user:cat@example.com"] }
        - key: new-policy
          name: RB New Policy
          team: new-team
          rules:
            - { delay: 5m, targets: ["schedule:new-schedule"] }
      services:
        - key: svc-keep
          name: RB Keep Service
          description: kept service, changed
          escalation_policy: keep-policy
          integrations:
            - { key: keep-hook, type: events_api_v2, name: Keep Hook }
            - { key: new-hook, type: events_api_v2, name: New Hook }
        - key: svc-move
          name: RB Moved Service
          escalation_policy: new-policy
          urgency: low
        - key: svc-new
          name: RB New Service
          escalation_policy: new-policy
          integrations:
            - { key: hook, type: events_api_v2, name: New Service Hook }
      """;
}
