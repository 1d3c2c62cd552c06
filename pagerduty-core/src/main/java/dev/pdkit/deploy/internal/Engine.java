package dev.pdkit.deploy.internal;

import dev.pdkit.PagerDuty;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.EscalationPolicySpec;
import dev.pdkit.config.ScheduleSpec;
import dev.pdkit.config.ServiceSpec;
import dev.pdkit.config.TeamSpec;
import dev.pdkit.config.UserSpec;
import dev.pdkit.deploy.ApplyResult;
import dev.pdkit.deploy.Change;
import dev.pdkit.deploy.DeployException;
import dev.pdkit.deploy.FieldChange;
import dev.pdkit.deploy.Plan;
import dev.pdkit.deploy.ResourceKind;
import dev.pdkit.deploy.RollbackReport;
import dev.pdkit.model.AlertGroupingParameters;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.IncidentUrgencyRule;
import dev.pdkit.model.Integration;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Restriction;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleLayer;
import dev.pdkit.model.Service;
import dev.pdkit.model.SupportHours;
import dev.pdkit.model.Team;
import dev.pdkit.model.TeamMember;
import dev.pdkit.model.TeamRole;
import dev.pdkit.model.Urgency;
import dev.pdkit.model.User;
import dev.pdkit.model.UserRole;
import dev.pdkit.rest.ListQuery;
import dev.pdkit.spi.AuditSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The deploy engine behind {@link dev.pdkit.deploy.Deployer}. */
public final class Engine {
  private final PagerDuty pd;
  private final AuditSink audit;
  private final String actor;
  private final Clock clock;
  private final int concurrency;

  public Engine(PagerDuty pd, AuditSink audit, String actor, Clock clock) {
    this(pd, audit, actor, clock, 1);
  }

  /** {@code concurrency}: writes in flight at once within one dependency tier (1 = one after another). */
  public Engine(PagerDuty pd, AuditSink audit, String actor, Clock clock, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
    }
    this.pd = pd;
    this.audit = audit;
    this.actor = actor;
    this.clock = clock;
    this.concurrency = concurrency;
  }

  // ---------------------------------------------------------------- plan

  public Plan plan(DesiredState d) {
    return plan(d, LiveState.read(pd, d.environment()).complete(pd, d));
  }

  Plan plan(DesiredState d, LiveState live) {
    Resolver r = new Resolver(d, live);
    List<Change> changes = new ArrayList<>();
    List<Change> deletes = new ArrayList<>();
    for (UserSpec u : d.users()) {
      User lu = live.usersByEmail.get(u.email());
      if (!u.managed()) {
        if (lu == null) {
          throw new DeployException("user " + u.email() + " is referenced but does not exist in PagerDuty and is not"
              + " managed: create it, or set 'manage: true' (and a name) under users:");
        }
        continue;
      }
      Map<String, @Nullable String> want = Views.user(u);
      if (lu == null) {
        changes.add(create(ResourceKind.USER, u.email(), want));
      } else {
        Map<String, @Nullable String> have = Views.user(lu);
        List<FieldChange> diff = Views.diff(have, want, want.keySet());
        if (!diff.isEmpty()) {
          changes.add(new Change(Change.Action.UPDATE, ResourceKind.USER, u.email(), lu.id(), diff));
        }
      }
    }
    plainKind(ResourceKind.TEAM, d.teams().stream().filter(TeamSpec::managed).map(TeamSpec::key).toList(),
        k -> Views.team(d.team(k).orElseThrow()), live.teams, k -> Views.team(live.teams.get(k), live.members(k), r),
        changes, deletes, live);
    plainKind(ResourceKind.SCHEDULE,
        d.schedules().stream().filter(ScheduleSpec::managed).map(ScheduleSpec::key).toList(),
        k -> Views.schedule(d.schedule(k).orElseThrow()), live.schedules,
        k -> Views.schedule(live.schedules.get(k), r), changes, deletes, live);
    plainKind(ResourceKind.ESCALATION_POLICY,
        d.escalationPolicies().stream().filter(EscalationPolicySpec::managed).map(EscalationPolicySpec::key).toList(),
        k -> Views.policy(d.escalationPolicy(k).orElseThrow()), live.policies,
        k -> Views.policy(live.policies.get(k), r), changes, deletes, live);
    plainKind(ResourceKind.SERVICE, d.services().stream().filter(ServiceSpec::managed).map(ServiceSpec::key).toList(),
        k -> Views.service(d.service(k).orElseThrow()), live.services,
        k -> Views.service(live.services.get(k), r), changes, deletes, live);
    // integrations, keyed service/name within managed services
    for (ServiceSpec s : d.services()) {
      if (!s.managed()) {
        continue;
      }
      Service ls = live.services.get(s.key());
      Map<String, Integration> liveByName = new LinkedHashMap<>();
      if (ls != null) {
        for (Integration i : ls.integrations()) {
          liveByName.put(Objects.requireNonNullElse(i.name(), i.id()), i);
        }
      }
      Set<String> wanted = new LinkedHashSet<>();
      for (ServiceSpec.Integration i : s.integrations()) {
        wanted.add(i.name());
        Map<String, @Nullable String> want = Views.integration(i);
        Integration li = liveByName.get(i.name());
        String key = s.key() + "/" + i.key();
        if (li == null) {
          changes.add(create(ResourceKind.INTEGRATION, key, want));
        } else {
          List<FieldChange> diff = Views.diff(Views.integration(li), want, want.keySet());
          if (!diff.isEmpty()) {
            throw new DeployException("integration '" + i.name() + "' of service " + s.key() + " has type "
                + Views.integration(li).get("type") + " in PagerDuty but " + i.type().wire()
                + " in the config; an integration's type cannot be changed: rename it in the config to create a"
                + " new one");
          }
        }
      }
      for (Map.Entry<String, Integration> e : liveByName.entrySet()) {
        if (!wanted.contains(e.getKey())) {
          deletes.add(0, new Change(Change.Action.DELETE, ResourceKind.INTEGRATION, s.key() + "/" + e.getKey(),
              e.getValue().id(), toFields(Views.integration(e.getValue()), false)));
        }
      }
    }
    // deletes in reverse dependency order
    deletes.sort(Comparator.comparing((Change c) -> c.kind().ordinal()).reversed());
    changes.addAll(deletes);
    return new Plan(d.environment(), changes, d.contentHash(), live.hash(r));
  }

  private interface ViewFn {
    Map<String, @Nullable String> view(String key);
  }

  private static void plainKind(ResourceKind kind, List<String> desiredKeys, ViewFn desired,
      Map<String, ?> liveMap, ViewFn liveView, List<Change> changes, List<Change> deletes, LiveState live) {
    for (String k : desiredKeys) {
      Map<String, @Nullable String> want = desired.view(k);
      if (!liveMap.containsKey(k)) {
        changes.add(create(kind, k, want));
      } else {
        Map<String, @Nullable String> have = liveView.view(k);
        Set<String> fields = new LinkedHashSet<>(want.keySet());
        fields.addAll(have.keySet());
        List<FieldChange> diff = Views.diff(have, want, fields);
        if (!diff.isEmpty() || live.adopted.contains(kind.wire() + ":" + k)) {
          changes.add(new Change(Change.Action.UPDATE, kind, k, live.id(kind, k), diff));
        }
      }
    }
    for (String k : liveMap.keySet()) {
      if (!desiredKeys.contains(k) && !live.adopted.contains(kind.wire() + ":" + k)) {
        deletes.add(new Change(Change.Action.DELETE, kind, k, live.id(kind, k), toFields(liveView.view(k), false)));
      }
    }
  }

  private static Change create(ResourceKind kind, String key, Map<String, @Nullable String> want) {
    return new Change(Change.Action.CREATE, kind, key, null, toFields(want, true));
  }

  private static List<FieldChange> toFields(Map<String, @Nullable String> view, boolean after) {
    List<FieldChange> out = new ArrayList<>();
    view.forEach((f, v) -> {
      if (v != null) {
        out.add(after ? new FieldChange(f, null, v) : new FieldChange(f, v, null));
      }
    });
    return out;
  }

  // ---------------------------------------------------------------- apply

  /** Applies with a check before the first write; see {@link #apply(DesiredState, Consumer, Runnable)}. */
  public ApplyResult apply(DesiredState d, Consumer<Plan> beforeFirstWrite) {
    return apply(d, beforeFirstWrite, () -> { });
  }

  /**
   * Plans and executes; on a failure undoes what was written (see {@link Rollback}) and throws a
   * {@link DeployException} carrying the {@link dev.pdkit.deploy.RollbackReport}.
   *
   * @param beforeFirstWrite sees the plan made from the live state about to be changed and may throw
   *     to stop the apply with nothing written (approval and staleness checks hook in here)
   * @param checkpoint runs before the snapshot and before each tier (the deployer renews its lock
   *     lease there); if it throws, the apply stops and rolls back like after a failed write
   */
  public ApplyResult apply(DesiredState d, Consumer<Plan> beforeFirstWrite, Runnable checkpoint) {
    LiveState live = LiveState.read(pd, d.environment()).complete(pd, d);
    Plan plan = plan(d, live);
    beforeFirstWrite.accept(plan);
    if (plan.isEmpty()) {
      return new ApplyResult(plan, List.of());
    }
    Resolver r = new Resolver(d, live);
    List<Step> steps = new ArrayList<>();
    for (Change c : plan.changes()) {
      steps.add(new Step(steps.size() + 1, c));
    }
    ExecutorService pool = concurrency > 1 ? Executors.newFixedThreadPool(concurrency, WORKERS) : null;
    try {
      checkpoint.run();
      Rollback.Snapshot snapshot = snapshot(pool, steps, live, r, d);
      Step failed = null;
      RuntimeException cause = null;
      for (List<Step> tier : tiers(steps)) {
        try {
          checkpoint.run();
        } catch (RuntimeException e) {
          failed = tier.get(0);
          cause = e;
          break;
        }
        runTier(pool, tier, d, live, r);
        // audit in plan order once the tier settled, so the trail does not depend on thread timing
        for (Step s : tier) {
          if (s.done && cause == null) {
            try {
              record(d, s);
            } catch (RuntimeException e) {
              failed = s;
              cause = e;
            }
          }
        }
        for (Step s : tier) {
          if (s.error != null && cause == null) {
            failed = s;
            cause = s.error;
          }
        }
        if (cause != null) {
          break;
        }
      }
      if (failed != null) {
        throw rolledBack(d, plan, steps, failed, Objects.requireNonNull(cause), snapshot, r);
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new ApplyResult(plan, plan.changes());
  }

  /** Plans and executes; see {@link #apply(DesiredState, Consumer, Runnable)}. */
  public ApplyResult apply(DesiredState d) {
    return apply(d, fresh -> { }, () -> { });
  }

  private static final java.util.concurrent.ThreadFactory WORKERS = new java.util.concurrent.ThreadFactory() {
    private final java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread t = new Thread(task, "pdkit-deploy-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  };

  /** Consecutive steps of one kind and phase (create/update vs delete): independent of each other. */
  static List<List<Step>> tiers(List<Step> steps) {
    List<List<Step>> out = new ArrayList<>();
    List<Step> cur = new ArrayList<>();
    for (Step s : steps) {
      if (!cur.isEmpty() && !sameTier(cur.get(0).change, s.change)) {
        out.add(cur);
        cur = new ArrayList<>();
      }
      cur.add(s);
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    return out;
  }

  private static boolean sameTier(Change a, Change b) {
    return a.kind() == b.kind() && (a.action() == Change.Action.DELETE) == (b.action() == Change.Action.DELETE);
  }

  private Rollback.Snapshot snapshot(@Nullable ExecutorService pool, List<Step> steps, LiveState live, Resolver r,
      DesiredState d) {
    Rollback.Snapshot snap = new Rollback.Snapshot();
    List<Step> wanted = steps.stream().filter(s -> s.change.action() != Change.Action.CREATE).toList();
    List<Runnable> reads = wanted.stream().<Runnable>map(s -> () -> snap.take(pd, s, live, r)).toList();
    try {
      runAll(pool, reads);
    } catch (RuntimeException e) {
      throw new DeployException("deploy of " + d.environment() + " stopped before any write: could not snapshot"
          + " the resources it changes (" + Rollback.message(e) + "); nothing was changed, run it again", e);
    }
    return snap;
  }

  /** Runs independent tasks, at most {@code concurrency} at a time; rethrows the first failure. */
  private static void runAll(@Nullable ExecutorService pool, List<Runnable> tasks) {
    if (pool == null) {
      tasks.forEach(Runnable::run);
      return;
    }
    List<Future<?>> futures = new ArrayList<>();
    for (Runnable t : tasks) {
      futures.add(pool.submit(t));
    }
    RuntimeException first = null;
    for (Future<?> f : futures) {
      try {
        awaitUninterruptibly(f);
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Runs the steps of one tier, up to {@code concurrency} at once. After a failure no further step
   * starts, and the ones in flight are waited for, so the rollback knows exactly what completed.
   */
  private void runTier(@Nullable ExecutorService pool, List<Step> tier, DesiredState d, LiveState live,
      Resolver r) {
    AtomicBoolean stop = new AtomicBoolean();
    List<Runnable> tasks = new ArrayList<>();
    for (Step s : tier) {
      tasks.add(() -> {
        if (stop.get()) {
          return;
        }
        s.started = true;
        try {
          execute(d, live, r, s);
          s.doneAt = clock.instant();
          s.done = true;
        } catch (RuntimeException e) {
          s.error = e;
          stop.set(true);
        }
      });
    }
    runAll(pool == null || tier.size() == 1 ? null : pool, tasks);
  }

  private static void awaitUninterruptibly(Future<?> f) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          f.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // in-flight writes must finish before a rollback can know what they did
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private DeployException rolledBack(DesiredState d, Plan plan, List<Step> steps, Step failed, RuntimeException cause,
      Rollback.Snapshot snapshot, Resolver r) {
    List<Step> started = steps.stream().filter(s -> s.started).toList();
    RollbackReport report = new Rollback(pd, audit, actor, clock, d.environment(), snapshot, r).run(started);
    long done = steps.stream().filter(s -> s.done).count();
    String head = "deploy of " + d.environment() + " failed at step " + failed.number + " of " + plan.changes().size()
        + " (" + failed.describe() + "): " + Rollback.message(cause) + "; ";
    String tail = report.complete()
        ? "rolled back (" + report.count(RollbackReport.Outcome.UNDONE) + " of " + done + " completed step(s) and"
            + " any partial write undone), the account is as before the deploy. Fix the cause and deploy again."
        : "the ROLLBACK FAILED, the account is partly changed.";
    return new DeployException(head + tail + "\n" + report.toText(), cause, report);
  }

  private void record(DesiredState d, Step s) {
    Change c = s.change;
    String id = s.id;
    Map<String, @Nullable String> before = new LinkedHashMap<>();
    Map<String, @Nullable String> after = new LinkedHashMap<>();
    for (FieldChange f : c.fields()) {
      if (c.action() != Change.Action.CREATE) {
        before.put(f.field(), f.before());
      }
      if (c.action() != Change.Action.DELETE) {
        after.put(f.field(), f.after());
      }
    }
    audit.record(new AuditSink.Entry(Objects.requireNonNullElseGet(s.doneAt, clock::instant), actor, d.environment(),
        c.action().name().toLowerCase(Locale.ROOT), c.kind().wire(), c.key(), id, before, after));
  }

  private void execute(DesiredState d, LiveState live, Resolver r, Step st) {
    Change c = st.change;
    String env = d.environment();
    switch (c.kind()) {
      case USER -> {
        UserSpec u = d.user(c.key()).orElseThrow();
        User.Builder b = User.builder().name(Objects.requireNonNull(u.name(), "name")).email(u.email());
        if (u.role() != null) {
          b.role(UserRole.valueOf(u.role().toUpperCase(Locale.ROOT)));
        }
        if (u.timeZone() != null) {
          b.timeZone(u.timeZone().getId());
        }
        if (u.jobTitle() != null) {
          b.jobTitle(u.jobTitle());
        }
        User out = c.action() == Change.Action.CREATE ? pd.users().create(b.build())
            : pd.users().update(Objects.requireNonNull(c.id()), b.id(c.id()).build());
        r.userIds.put(u.email(), Objects.requireNonNull(out.id()));
        st.wrote(out.id());
        return;
      }
      case TEAM -> {
        if (c.action() == Change.Action.DELETE) {
          pd.teams().delete(Objects.requireNonNull(c.id()));
          st.wrote(c.id());
          return;
        }
        TeamSpec t = d.team(c.key()).orElseThrow();
        Team model = Team.builder().name(t.name()).description(Markers.describe(t.description(), env, t.key())).build();
        Team out = c.action() == Change.Action.CREATE ? pd.teams().create(model)
            : pd.teams().update(Objects.requireNonNull(c.id()), model.toBuilder().id(c.id()).build());
        String id = Objects.requireNonNull(out.id());
        st.wrote(id);
        r.teamIds.put(t.key(), id);
        Map<String, TeamRole> have = new HashMap<>();
        for (TeamMember m : live.members(t.key())) {
          have.put(m.user().id(), m.role() == null ? TeamRole.UNKNOWN : m.role());
        }
        Set<String> wantIds = new LinkedHashSet<>();
        for (TeamSpec.Member m : t.members()) {
          String uid = r.userId(m.user());
          wantIds.add(uid);
          TeamRole role = TeamRole.valueOf(m.role().name());
          if (have.get(uid) != role) {
            pd.teams().addUser(id, uid, role);
            st.wrote(null);
          }
        }
        for (String uid : have.keySet()) {
          if (!wantIds.contains(uid)) {
            pd.teams().removeUser(id, uid);
            st.wrote(null);
          }
        }
        return;
      }
      case SCHEDULE -> {
        if (c.action() == Change.Action.DELETE) {
          pd.schedules().delete(Objects.requireNonNull(c.id()));
          st.wrote(c.id());
          return;
        }
        ScheduleSpec s = d.schedule(c.key()).orElseThrow();
        Schedule.Builder b = Schedule.builder().name(s.name()).description(Markers.describe(s.description(), env, s.key()))
            .timeZone(s.timeZone().getId());
        Schedule existing = live.schedules.get(s.key());
        List<ScheduleLayer> layers = new ArrayList<>();
        for (int i = 0; i < s.layers().size(); i++) {
          ScheduleSpec.Layer l = s.layers().get(i);
          ScheduleLayer.Builder lb = ScheduleLayer.builder().name(l.name()).start(l.start()).end(l.end())
              .rotationVirtualStart(l.start()).rotationTurnLengthSeconds(l.turnLength().toSeconds());
          if (existing != null && i < existing.scheduleLayers().size()) {
            lb.id(existing.scheduleLayers().get(i).id());
          }
          for (String email : l.users()) {
            lb.addUser(r.userId(email));
          }
          for (ScheduleSpec.Restriction x : l.restrictions()) {
            int secs = (int) x.duration().toSeconds();
            lb.addRestriction(x.type() == ScheduleSpec.Restriction.Type.DAILY ? Restriction.daily(x.startTime(), secs)
                : Restriction.weekly(Objects.requireNonNull(x.startDay()).getValue(), x.startTime(), secs));
          }
          layers.add(lb.build());
        }
        b.layers(layers);
        if (s.team() != null) {
          b.addTeam(r.teamId(s.team()));
        }
        Schedule out = c.action() == Change.Action.CREATE ? pd.schedules().create(b.build())
            : pd.schedules().update(Objects.requireNonNull(c.id()), b.id(c.id()).build());
        r.scheduleIds.put(s.key(), Objects.requireNonNull(out.id()));
        st.wrote(out.id());
        return;
      }
      case ESCALATION_POLICY -> {
        if (c.action() == Change.Action.DELETE) {
          pd.escalationPolicies().delete(Objects.requireNonNull(c.id()));
          st.wrote(c.id());
          return;
        }
        EscalationPolicySpec p = d.escalationPolicy(c.key()).orElseThrow();
        EscalationPolicy.Builder b = EscalationPolicy.builder().name(p.name())
            .description(Markers.describe(p.description(), env, p.key())).numLoops(p.numLoops());
        for (EscalationPolicySpec.Rule rule : p.rules()) {
          List<Reference> targets = new ArrayList<>();
          for (EscalationPolicySpec.Target t : rule.targets()) {
            targets.add(t.kind() == EscalationPolicySpec.Target.Kind.USER ? Reference.user(r.userId(t.ref()))
                : Reference.schedule(r.scheduleId(t.ref())));
          }
          b.addRule(EscalationRule.of((int) rule.delay().toMinutes(), targets.toArray(Reference[]::new)));
        }
        if (p.team() != null) {
          b.team(r.teamId(p.team()));
        }
        EscalationPolicy out = c.action() == Change.Action.CREATE ? pd.escalationPolicies().create(b.build())
            : pd.escalationPolicies().update(Objects.requireNonNull(c.id()), b.id(c.id()).build());
        r.policyIds.put(p.key(), Objects.requireNonNull(out.id()));
        st.wrote(out.id());
        return;
      }
      case SERVICE -> {
        if (c.action() == Change.Action.DELETE) {
          pd.services().delete(Objects.requireNonNull(c.id()));
          st.wrote(c.id());
          return;
        }
        ServiceSpec s = d.service(c.key()).orElseThrow();
        Service.Builder b = Service.builder().name(s.name()).description(Markers.describe(s.description(), env, s.key()))
            .escalationPolicy(r.policyId(s.escalationPolicy()))
            // 0 disables (null would be left out of the JSON body and the server default would apply)
            .acknowledgementTimeout(s.acknowledgementTimeout() == null ? 0
                : (int) s.acknowledgementTimeout().toSeconds())
            .autoResolveTimeout(s.autoResolveTimeout() == null ? 0 : (int) s.autoResolveTimeout().toSeconds())
            .incidentUrgencyRule(switch (s.urgency()) {
              case HIGH -> IncidentUrgencyRule.constant(Urgency.HIGH);
              case LOW -> IncidentUrgencyRule.constant(Urgency.LOW);
              case SUPPORT_HOURS -> IncidentUrgencyRule.useSupportHours(Urgency.HIGH, Urgency.LOW);
            })
            .alertGroupingParameters(grouping(s.alertGrouping()));
        ServiceSpec.SupportHours sh = s.supportHours();
        if (sh != null) {
          b.supportHours(SupportHours.of(sh.timeZone().getId(),
              sh.days().stream().map(DayOfWeek::getValue).sorted().toList(), sh.startTime(), sh.endTime()));
        }
        Service out = c.action() == Change.Action.CREATE ? pd.services().create(b.build())
            : pd.services().update(Objects.requireNonNull(c.id()), b.id(c.id()).build());
        r.serviceIds.put(s.key(), Objects.requireNonNull(out.id()));
        st.wrote(out.id());
        return;
      }
      case INTEGRATION -> {
        int slash = c.key().indexOf('/');
        String serviceKey = c.key().substring(0, slash);
        if (c.action() == Change.Action.DELETE) {
          pd.services().deleteIntegration(r.serviceId(serviceKey), Objects.requireNonNull(c.id()));
          st.wrote(c.id());
          return;
        }
        ServiceSpec s = d.service(serviceKey).orElseThrow();
        String ik = c.key().substring(slash + 1);
        ServiceSpec.Integration i = s.integrations().stream().filter(x -> x.key().equals(ik)).findFirst().orElseThrow();
        Integration out = pd.services().createIntegration(r.serviceId(serviceKey), Integration.of(i.type().wire(), i.name()));
        st.wrote(out.id());
        return;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  static @Nullable AlertGroupingParameters grouping(ServiceSpec.@Nullable AlertGrouping g) {
    if (g == null) {
      return null;
    }
    return switch (g.type()) {
      case TIME -> AlertGroupingParameters.time(g.timeout() == null ? 0 : (int) g.timeout().toMinutes());
      case INTELLIGENT -> AlertGroupingParameters.intelligent(g.timeout() == null ? 0 : (int) g.timeout().toSeconds());
      case CONTENT_BASED -> new AlertGroupingParameters("content_based", null);
    };
  }

  /** Maps config keys to live ids and back (ids of resources created during apply are added). */
  static final class Resolver {
    final Map<String, String> userIds = new ConcurrentHashMap<>();
    final Map<String, String> teamIds = new ConcurrentHashMap<>();
    final Map<String, String> scheduleIds = new ConcurrentHashMap<>();
    final Map<String, String> policyIds = new ConcurrentHashMap<>();
    final Map<String, String> serviceIds = new ConcurrentHashMap<>();

    Resolver(DesiredState d, LiveState live) {
      live.usersByEmail.forEach((e, u) -> userIds.put(e, Objects.requireNonNull(u.id())));
      live.teams.forEach((k, t) -> teamIds.put(k, Objects.requireNonNull(t.id())));
      live.schedules.forEach((k, t) -> scheduleIds.put(k, Objects.requireNonNull(t.id())));
      live.policies.forEach((k, t) -> policyIds.put(k, Objects.requireNonNull(t.id())));
      live.services.forEach((k, t) -> serviceIds.put(k, Objects.requireNonNull(t.id())));
      live.unmanaged(d, this);
    }

    private static String need(Map<String, String> m, String what, String key) {
      String id = m.get(key);
      if (id == null) {
        throw new DeployException(what + " '" + key + "' does not exist in PagerDuty yet; it must be created first"
            + " (is it declared and managed in the config?)");
      }
      return id;
    }

    String userId(String email) {
      return need(userIds, "user", email.toLowerCase(Locale.ROOT));
    }

    String teamId(String key) {
      return need(teamIds, "team", key);
    }

    String scheduleId(String key) {
      return need(scheduleIds, "schedule", key);
    }

    String policyId(String key) {
      return need(policyIds, "escalation policy", key);
    }

    String serviceId(String key) {
      return need(serviceIds, "service", key);
    }

    /** Key of a live id among all known resources, or {@code id:<id>} for a foreign one. */
    String keyOf(Map<String, String> ids, String id) {
      for (Map.Entry<String, String> e : ids.entrySet()) {
        if (e.getValue().equals(id)) {
          return e.getKey();
        }
      }
      return "id:" + id;
    }
  }

  static String sortedJoin(Set<String> values) {
    return String.join(",", new TreeSet<>(values));
  }

  static String hashOf(Map<String, Map<String, @Nullable String>> views) {
    String text = new TreeMap<>(views).entrySet().stream()
        .map(e -> e.getKey() + "=" + new TreeMap<>(e.getValue())).collect(Collectors.joining("\n"));
    return Hashing.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static ListQuery includes(String... what) {
    return ListQuery.builder().include(what).build();
  }
}
