package dev.pdkit.health;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.ServiceSpec;
import dev.pdkit.deploy.Change;
import dev.pdkit.deploy.DeployException;
import dev.pdkit.deploy.Deployer;
import dev.pdkit.deploy.FieldChange;
import dev.pdkit.deploy.Plan;
import dev.pdkit.deploy.internal.Markers;
import dev.pdkit.errors.ApiException;
import dev.pdkit.errors.BadRequestException;
import dev.pdkit.errors.ForbiddenException;
import dev.pdkit.errors.NotFoundException;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.RateLimitedException;
import dev.pdkit.errors.TransportException;
import dev.pdkit.errors.UnauthorizedException;
import dev.pdkit.health.CheckResult.Status;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.internal.Futures;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.internal.http.ApiResponse;
import dev.pdkit.internal.json.Json;
import dev.pdkit.model.Ability;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.Integration;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleEntry;
import dev.pdkit.model.Service;
import dev.pdkit.model.ServiceStatus;
import dev.pdkit.oncall.EscalationPolicyDefinition;
import dev.pdkit.oncall.EscalationTarget;
import dev.pdkit.oncall.OnCallEngine;
import dev.pdkit.oncall.OnCallException;
import dev.pdkit.oncall.ScheduleDefinition;
import dev.pdkit.oncall.ScheduleOverride;
import dev.pdkit.oncall.TimeRange;
import dev.pdkit.rest.ListQuery;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One run of the health checks. Shared reads (abilities, services, escalation policies, schedule
 * renderings) are made once and reused by every check that needs them.
 */
final class Checks {
  /** At most this many detail lines per check; the rest are counted. */
  static final int MAX_DETAILS = 40;
  private static final Set<String> KEYED_TYPES =
      Set.of(Integration.EVENTS_API_V2, "generic_events_api_inbound_integration");
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final PagerDuty pd;
  private final @Nullable DesiredState desired;
  private final Instant now;
  private final Duration horizon;
  private final Duration timeout;
  private final boolean full;

  private final Memo<List<Ability>> abilities;
  private final Memo<List<Service>> allServices;
  private final Memo<List<EscalationPolicy>> allPolicies;
  private final Memo<OnCallView> onCall;

  Checks(PagerDuty pd, @Nullable DesiredState desired, Instant now, Duration horizon, Duration timeout,
      boolean full) {
    this.pd = pd;
    this.desired = desired;
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
    this.horizon = horizon;
    this.timeout = timeout;
    this.full = full;
    this.abilities = new Memo<>(() -> pd.abilities().list());
    this.allServices = new Memo<>(() -> pd.services().list(ListQuery.builder().include("integrations").build())
        .toList());
    this.allPolicies = new Memo<>(() -> pd.escalationPolicies().list().toList());
    this.onCall = new Memo<>(this::readOnCall);
  }

  /** A check's body: what it found, or an exception (reported as a FAIL). */
  private interface Body {
    Outcome run() throws Exception;
  }

  private record Named(String name, Body body) {}

  /** What a check found. */
  record Outcome(Status status, String message, List<String> details) {
    static Outcome ok(String message, List<String> details) {
      return new Outcome(Status.OK, message, details);
    }

    static Outcome fail(String message, List<String> details) {
      return new Outcome(Status.FAIL, message, details);
    }
  }

  /** Thrown by a check that cannot run because a check it depends on failed. */
  private static final class Skip extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Skip(String message) {
      super(message, null, false, false);
    }
  }

  HealthReport run() {
    List<Named> checks = new ArrayList<>();
    checks.add(new Named("token", this::token));
    checks.add(new Named("abilities", this::abilities));
    checks.add(new Named("events-api", this::eventsApi));
    if (full) {
      if (desired != null) {
        checks.add(new Named("config", this::config));
      }
      checks.add(new Named("services", this::services));
      checks.add(new Named("integrations", this::integrations));
      checks.add(new Named("on-call", this::onCallNow));
      checks.add(new Named("coverage", this::coverage));
    }
    int run = RUNS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "pdkit-health-" + run + "-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ExecutorService exec = Executors.newFixedThreadPool(checks.size(), factory);
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try {
      List<Future<CheckResult>> futures = new ArrayList<>();
      for (Named c : checks) {
        futures.add(exec.submit(() -> execute(c)));
      }
      List<CheckResult> results = new ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        results.add(await(checks.get(i).name(), futures.get(i), deadline, start));
      }
      return new HealthReport(now, desired == null ? null : desired.environment(), results,
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      exec.shutdownNow();
    }
  }

  private CheckResult execute(Named c) {
    long t0 = System.nanoTime();
    Outcome o;
    try {
      o = c.body().run();
    } catch (Skip e) {
      o = Outcome.fail(String.valueOf(e.getMessage()), List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      o = Outcome.fail("interrupted", List.of());
    } catch (Exception e) {
      o = Outcome.fail(describe(unwrap(e)), List.of());
    }
    return new CheckResult(c.name(), o.status(), o.message(), cap(o.details()), Duration.ofNanos(System.nanoTime() - t0));
  }

  private CheckResult await(String name, Future<CheckResult> f, long deadline, long start) {
    try {
      return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return new CheckResult(name, Status.FAIL, "timed out after " + human(timeout)
          + " (PagerDuty did not answer in time; raise the timeout or retry)", List.of(),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new PagerDutyException("interrupted while waiting for the health checks", e);
    } catch (ExecutionException | CancellationException e) {
      // execute() catches everything; this only happens on an Error
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new CheckResult(name, Status.FAIL, describe(cause), List.of(),
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  // ------------------------------------------------------------------ token and abilities

  private Outcome token() throws Exception {
    if (!pd.hasApiToken()) {
      return Outcome.fail("no REST API token: build the client with apiToken(...)"
          + " (CLI: --token or PAGERDUTY_API_KEY)", List.of());
    }
    try {
      List<Ability> list = abilities.get();
      return Outcome.ok("token accepted by " + pd.apiUrl() + " (" + list.size() + " abilities)", List.of());
    } catch (UnauthorizedException e) {
      return Outcome.fail("token rejected by " + pd.apiUrl() + " (401 Unauthorized): use a current REST API"
          + " key (an Events integration key is not a REST token)", List.of());
    } catch (ForbiddenException e) {
      return Outcome.fail("token not allowed to read abilities (403 Forbidden): use a token with read"
          + " access to the account", List.of());
    }
  }

  /** Throws {@link Skip} when the token check cannot pass, so REST checks do not repeat its 401. */
  private void requireToken() throws Exception {
    if (!pd.hasApiToken()) {
      throw new Skip("not checked: no REST API token (see the token check)");
    }
    try {
      abilities.get();
    } catch (UnauthorizedException e) {
      throw new Skip("not checked: the API token was rejected (see the token check)");
    } catch (Exception e) {
      // another failure of /abilities says nothing about this check's endpoints: try them
    }
  }

  private Outcome abilities() throws Exception {
    requireToken();
    List<Ability> list = abilities.get();
    Set<String> have = new TreeSet<>();
    list.forEach(a -> have.add(a.name()));
    Map<String, String> needed = new LinkedHashMap<>();
    if (desired != null) {
      if (!desired.teams().isEmpty()) {
        needed.put(Ability.TEAMS.name(), desired.teams().size() + " team(s) in the config");
      }
      for (ServiceSpec s : desired.services()) {
        if (s.urgency() != ServiceSpec.Urgency.HIGH) {
          needed.putIfAbsent(Ability.URGENCIES.name(), "service " + s.key() + " has urgency " + s.urgency().wire());
        }
        if (s.urgency() == ServiceSpec.Urgency.SUPPORT_HOURS || s.supportHours() != null) {
          needed.putIfAbsent(Ability.SERVICE_SUPPORT_HOURS.name(), "service " + s.key() + " uses support hours");
        }
      }
    }
    List<String> missing = new ArrayList<>();
    needed.forEach((ability, why) -> {
      if (!have.contains(ability)) {
        missing.add(ability + ": needed because " + why + "; PagerDuty refuses it with 402 Payment Required");
      }
    });
    if (!missing.isEmpty()) {
      return Outcome.fail("the account lacks " + missing.size() + " abilit" + (missing.size() == 1 ? "y" : "ies")
          + " the config uses: upgrade the plan or remove the feature from the config", missing);
    }
    String msg = have.size() + " abilities" + (needed.isEmpty() ? "" : ", including every one the config uses ("
        + String.join(", ", needed.keySet()) + ")");
    return Outcome.ok(msg, have.isEmpty() ? List.of() : List.of(String.join(", ", have)));
  }

  // ------------------------------------------------------------------ events

  /**
   * Posts an empty event: no routing key, so nothing can be created; the Events API's 400 "invalid
   * event" proves it is reachable and validating.
   */
  private Outcome eventsApi() {
    URI url = pd.eventsUrl();
    String path = url.getPath() == null ? "" : url.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String enqueue = (path.endsWith("/v2") ? "" : "/v2") + "/enqueue";
    ApiRequest probe = ApiRequest.builder("POST", enqueue)
        .api(ApiRequest.Api.EVENTS)
        .endpoint("POST /v2/enqueue")
        .body(Json.object())
        .idempotent(false)
        .build();
    String where = "Events API at " + url;
    try {
      ApiResponse r = Futures.join(ClientHooks.context(pd).transport().send(probe));
      return new Outcome(Status.WARN, where + " accepted an empty probe event with " + r.status()
          + " (expected 400 invalid event): is --events-url really the Events API?", List.of());
    } catch (BadRequestException e) {
      return Outcome.ok(where + " answered (400 invalid event to an empty probe; nothing was created)",
          e.errorMessages());
    } catch (RateLimitedException e) {
      return new Outcome(Status.WARN, where + " is reachable but rate limiting (429)", List.of());
    } catch (NotFoundException e) {
      return Outcome.fail(where + " answered 404 for /v2/enqueue: check the events URL (--events-url,"
          + " PAGERDUTY_EVENTS_URL)", List.of());
    } catch (ApiException e) {
      return Outcome.fail(where + " answered " + e.status() + " to the probe: " + e.getMessage(), List.of());
    } catch (TransportException e) {
      return Outcome.fail(where + " is unreachable: " + e.getMessage(), List.of());
    }
  }

  // ------------------------------------------------------------------ config drift

  private Outcome config() throws Exception {
    requireToken();
    DesiredState d = Objects.requireNonNull(desired);
    Plan plan;
    try {
      plan = Deployer.builder().client(pd).build().plan(d);
    } catch (DeployException e) {
      return Outcome.fail("cannot compare config and account: " + e.getMessage(), List.of());
    }
    int managed = (int) (d.users().stream().filter(u -> u.managed()).count()
        + d.teams().stream().filter(t -> t.managed()).count()
        + d.schedules().stream().filter(s -> s.managed()).count()
        + d.escalationPolicies().stream().filter(p -> p.managed()).count()
        + d.services().stream().filter(ServiceSpec::managed).mapToLong(s -> 1 + s.integrations().size()).sum());
    if (plan.isEmpty()) {
      return Outcome.ok("all " + managed + " managed resources of " + d.environment()
          + " exist and match the config (the deploy plan is empty)", List.of());
    }
    List<String> details = new ArrayList<>();
    for (Change c : plan.changes()) {
      String what = c.kind().wire() + " " + c.key() + (c.id() == null ? "" : " (" + c.id() + ")");
      details.add(switch (c.action()) {
        case CREATE -> "missing: " + what;
        case DELETE -> "not in config: " + what + " is managed by " + d.environment() + " but no longer declared";
        case UPDATE -> "differs: " + what + ": " + fields(c.fields());
      });
    }
    return Outcome.fail(plan.changes().size() + " difference" + (plan.changes().size() == 1 ? "" : "s")
        + " between the config and the account (" + plan.count(Change.Action.CREATE) + " missing, "
        + plan.count(Change.Action.UPDATE) + " differ, " + plan.count(Change.Action.DELETE)
        + " not in config): deploy the config, or see the full diff with a dry run", details);
  }

  private static String fields(List<FieldChange> fields) {
    List<String> parts = new ArrayList<>();
    for (FieldChange f : fields) {
      parts.add(f.field() + " " + show(f.before()) + " -> " + show(f.after()));
    }
    return String.join(", ", parts);
  }

  private static String show(@Nullable String v) {
    if (v == null) {
      return "(none)";
    }
    String s = v.replace('\n', ' ');
    return '"' + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + '"';
  }

  // ------------------------------------------------------------------ services and integrations

  /** Services in scope, by managed key (or by id without config). */
  private Map<String, Service> servicesInScope() throws Exception {
    Map<String, Service> out = new LinkedHashMap<>();
    for (Service s : allServices.get()) {
      if (desired == null) {
        out.put(Objects.requireNonNullElse(s.id(), s.name()), s);
      } else {
        Markers.Marker m = Markers.parse(s.description());
        if (m != null && m.environment().equals(desired.environment())) {
          out.put(m.key(), s);
        }
      }
    }
    return out;
  }

  private Outcome services() throws Exception {
    requireToken();
    Map<String, Service> scope = servicesInScope();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Service s : scope.values()) {
      ServiceStatus st = s.status();
      if (st == ServiceStatus.DISABLED) {
        problems.add(label(s) + " is disabled: no incidents can be opened on it; enable it (or remove it from"
            + " the config)");
      } else if (st == ServiceStatus.MAINTENANCE) {
        warnings.add(label(s) + " is in a maintenance window: its alerts open no incidents until it ends");
      }
    }
    String scopeText = scope.size() + " service" + (scope.size() == 1 ? "" : "s") + scopeSuffix();
    if (!problems.isEmpty()) {
      problems.addAll(warnings);
      return Outcome.fail(problems.size() - warnings.size() + " of " + scopeText + " disabled", problems);
    }
    if (!warnings.isEmpty()) {
      return new Outcome(Status.WARN, warnings.size() + " of " + scopeText + " in maintenance", warnings);
    }
    if (scope.isEmpty() && desired == null) {
      return new Outcome(Status.WARN, "the account has no services", List.of());
    }
    return Outcome.ok(scope.isEmpty() ? "no services" + scopeSuffix() : "all " + scopeText + " enabled", List.of());
  }

  private Outcome integrations() throws Exception {
    requireToken();
    Map<String, Service> scope = servicesInScope();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> found = new ArrayList<>();
    if (desired != null) {
      for (ServiceSpec spec : desired.services()) {
        if (!spec.managed()) {
          continue;
        }
        Service live = scope.get(spec.key());
        for (ServiceSpec.Integration want : spec.integrations()) {
          if (live == null) {
            problems.add("missing: " + spec.key() + "/" + want.key() + " (service " + spec.key() + " does not exist)");
          } else if (live.integrations().stream().noneMatch(i -> want.name().equals(i.name())
              && want.type().wire().equals(i.type()))) {
            problems.add("missing: " + spec.key() + "/" + want.key() + ": " + label(live) + " has no "
                + want.type().wire() + " integration named '" + want.name() + "'");
          }
        }
      }
    }
    int count = 0;
    int keyed = 0;
    for (Service s : scope.values()) {
      if (s.integrations().isEmpty() && desired == null) {
        warnings.add(label(s) + " has no integrations: no monitoring tool can send it events");
      }
      for (Integration i : s.integrations()) {
        count++;
        if (!KEYED_TYPES.contains(i.type())) {
          continue;
        }
        keyed++;
        Secret key = i.integrationKey();
        if (key == null && i.id() != null && s.id() != null) {
          // a list response may leave the key out; the single-integration read has it
          key = pd.services().getIntegration(s.id(), i.id()).integrationKey();
        }
        String what = label(s) + " integration '" + i.name() + "' (" + i.type() + ")";
        if (key == null || key.reveal().isBlank()) {
          problems.add(what + " has no integration key: events cannot be routed to it; recreate the"
              + " integration");
        } else {
          found.add(what + ": key " + keyHint(key));
        }
      }
    }
    String summary = count + " integration" + (count == 1 ? "" : "s") + " on " + scope.size() + " service"
        + (scope.size() == 1 ? "" : "s") + scopeSuffix() + ", " + keyed + " with an events key";
    if (!problems.isEmpty()) {
      problems.addAll(warnings);
      return Outcome.fail((problems.size() - warnings.size()) + " integration problem"
          + (problems.size() - warnings.size() == 1 ? "" : "s") + " (" + summary + ")", problems);
    }
    if (!warnings.isEmpty()) {
      return new Outcome(Status.WARN, summary + "; " + warnings.size() + " service"
          + (warnings.size() == 1 ? "" : "s") + " without integrations", warnings);
    }
    return Outcome.ok(summary + "; every events integration has its key", found);
  }

  /** At most the last four characters of a key, never the whole key. */
  static String keyHint(Secret key) {
    String k = key.reveal();
    return k.length() >= 16 ? "present (ends ..." + k.substring(k.length() - 4) + ")" : "present";
  }

  private String scopeSuffix() {
    return desired == null ? "" : " managed by " + desired.environment();
  }

  private static String label(Service s) {
    return "service '" + s.name() + "'" + (s.id() == null ? "" : " (" + s.id() + ")");
  }

  // ------------------------------------------------------------------ on-call and coverage

  /** The escalation policies in scope, their engine definitions, and the rendered schedules. */
  private record OnCallView(List<PolicyView> policies, @Nullable OnCallEngine engine, Map<String, String> names,
      Map<String, String> scheduleProblems) {}

  private record PolicyView(EscalationPolicy policy, @Nullable EscalationPolicyDefinition def,
      @Nullable String problem) {
    String label() {
      return "policy '" + policy.name() + "'" + (policy.id() == null ? "" : " (" + policy.id() + ")");
    }
  }

  private OnCallView readOnCall() throws Exception {
    Set<String> referenced = new LinkedHashSet<>();
    if (desired != null) {
      for (Service s : servicesInScope().values()) {
        if (s.escalationPolicy() != null) {
          referenced.add(s.escalationPolicy().id());
        }
      }
    }
    Map<String, String> names = new HashMap<>();
    List<EscalationPolicy> policies = new ArrayList<>();
    for (EscalationPolicy p : allPolicies.get()) {
      Markers.Marker m = Markers.parse(p.description());
      boolean inScope = desired == null || referenced.contains(p.id())
          || (m != null && m.environment().equals(desired.environment()));
      if (inScope) {
        policies.add(p);
      }
    }
    Map<String, CompletableFuture<Schedule>> renders = new LinkedHashMap<>();
    for (EscalationPolicy p : policies) {
      for (EscalationRule r : p.escalationRules()) {
        for (Reference t : r.targets()) {
          if (t.summary() != null) {
            names.put(t.id(), t.summary());
          }
          if (t.type().startsWith("schedule")) {
            renders.computeIfAbsent(t.id(), id -> pd.schedules().renderAsync(id, now, now.plus(horizon), null));
          }
        }
      }
    }
    List<ScheduleDefinition> defs = new ArrayList<>();
    Map<String, String> scheduleProblems = new TreeMap<>();
    for (Map.Entry<String, CompletableFuture<Schedule>> e : renders.entrySet()) {
      try {
        Schedule s = Futures.join(e.getValue());
        names.put(e.getKey(), s.name());
        defs.add(asRendered(e.getKey(), s, names));
      } catch (NotFoundException ex) {
        scheduleProblems.put(e.getKey(), "schedule " + e.getKey() + " does not exist");
      } catch (PagerDutyException ex) {
        scheduleProblems.put(e.getKey(), "schedule " + e.getKey() + " could not be read: " + ex.getMessage());
      }
    }
    OnCallEngine engine = OnCallEngine.of(defs);
    List<PolicyView> views = new ArrayList<>();
    for (EscalationPolicy p : policies) {
      String problem = null;
      EscalationPolicyDefinition def = null;
      for (EscalationRule r : p.escalationRules()) {
        for (Reference t : r.targets()) {
          if (scheduleProblems.containsKey(t.id())) {
            problem = scheduleProblems.get(t.id());
          }
        }
      }
      if (p.escalationRules().isEmpty()) {
        problem = "has no escalation rules: nobody is ever notified";
      }
      if (problem == null) {
        try {
          def = EscalationPolicyDefinition.from(p);
        } catch (OnCallException ex) {
          problem = ex.getMessage();
        }
      }
      views.add(new PolicyView(p, def, problem));
    }
    return new OnCallView(views, engine, names, scheduleProblems);
  }

  /** PagerDuty's final schedule for the window as a definition of overrides only (like Escalations). */
  private static ScheduleDefinition asRendered(String id, Schedule s, Map<String, String> names) {
    ScheduleDefinition.Builder b = ScheduleDefinition.builder().id(id).timeZone(ZoneOffset.UTC);
    if (s.finalSchedule() != null) {
      for (ScheduleEntry e : s.finalSchedule().renderedScheduleEntries()) {
        if (e.user().summary() != null) {
          names.put(e.user().id(), e.user().summary());
        }
        if (e.end() != null && e.end().isAfter(e.start())) {
          b.addOverride(new ScheduleOverride(e.start().toInstant(), e.end().toInstant(), e.user().id()));
        }
      }
    }
    return b.build();
  }

  private Outcome onCallNow() throws Exception {
    requireToken();
    OnCallView v = onCall.get();
    if (v.policies().isEmpty()) {
      return desired == null
          ? new Outcome(Status.WARN, "the account has no escalation policies", List.of())
          : Outcome.ok("no escalation policies" + scopeSuffix(), List.of());
    }
    List<String> problems = new ArrayList<>();
    List<String> found = new ArrayList<>();
    int levels = 0;
    for (PolicyView p : v.policies()) {
      if (p.def() == null) {
        problems.add(p.label() + ": " + p.problem());
        continue;
      }
      EscalationPolicyDefinition def = p.def();
      OnCallEngine engine = Objects.requireNonNull(v.engine());
      for (int level = 1; level <= def.levels(); level++) {
        levels++;
        List<String> users = engine.usersOnCall(def, level, now);
        if (users.isEmpty()) {
          List<String> schedules = def.rule(level).targets().stream().map(t -> name(v, t.id())).toList();
          problems.add(p.label() + " level " + level + ": nobody on call now (" + (schedules.size() == 1
              ? "schedule " + schedules.get(0) + " has" : "schedules " + String.join(", ", schedules) + " have")
              + " nobody on call)");
        } else {
          found.add(p.label() + " level " + level + ": " + String.join(", ",
              users.stream().map(u -> name(v, u)).toList()));
        }
      }
    }
    String scope = v.policies().size() + " escalation polic" + (v.policies().size() == 1 ? "y" : "ies") + scopeSuffix();
    if (!problems.isEmpty()) {
      return Outcome.fail(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " on " + scope
          + ": an incident there would reach nobody at that level", problems);
    }
    return Outcome.ok("someone is on call on all " + levels + " levels of " + scope, found);
  }

  private Outcome coverage() throws Exception {
    requireToken();
    OnCallView v = onCall.get();
    Instant until = now.plus(horizon);
    List<String> problems = new ArrayList<>();
    int levels = 0;
    for (PolicyView p : v.policies()) {
      if (p.def() == null) {
        problems.add(p.label() + ": " + p.problem());
        continue;
      }
      EscalationPolicyDefinition def = p.def();
      OnCallEngine engine = Objects.requireNonNull(v.engine());
      for (int level = 1; level <= def.levels(); level++) {
        levels++;
        List<TimeRange> gaps = engine.coverageGaps(def, level, now, until);
        if (!gaps.isEmpty()) {
          Duration total = gaps.stream().map(TimeRange::duration).reduce(Duration.ZERO, Duration::plus);
          TimeRange first = gaps.get(0);
          problems.add(p.label() + " level " + level + ": " + gaps.size() + " gap" + (gaps.size() == 1 ? "" : "s")
              + " in the next " + human(horizon) + ", " + human(total) + " uncovered; first " + first.start()
              + " .. " + first.end() + " (" + human(first.duration()) + ")");
        }
      }
    }
    String scope = v.policies().size() + " escalation polic" + (v.policies().size() == 1 ? "y" : "ies") + scopeSuffix();
    if (!problems.isEmpty()) {
      return Outcome.fail(problems.size() + " coverage problem" + (problems.size() == 1 ? "" : "s") + " on " + scope
          + " until " + until + ": add a layer, an override or a direct user target to fill the gaps", problems);
    }
    if (v.policies().isEmpty()) {
      return desired == null
          ? new Outcome(Status.WARN, "the account has no escalation policies", List.of())
          : Outcome.ok("no escalation policies" + scopeSuffix(), List.of());
    }
    return Outcome.ok("no coverage gap on any of " + levels + " levels of " + scope + " until " + until, List.of());
  }

  private static String name(OnCallView v, String id) {
    String n = v.names().get(id);
    return n == null ? id : n + " (" + id + ")";
  }

  // ------------------------------------------------------------------ helpers

  static String human(Duration d) {
    long s = d.getSeconds();
    if (s % 86_400 == 0 && s > 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + "h";
    }
    if (s >= 3600) {
      return s / 3600 + "h" + (s % 3600) / 60 + "m";
    }
    if (s >= 60) {
      return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
    return s > 0 ? s + "s" : d.toMillis() + "ms";
  }

  private static List<String> cap(List<String> details) {
    if (details.size() <= MAX_DETAILS) {
      return details;
    }
    List<String> out = new ArrayList<>(details.subList(0, MAX_DETAILS));
    out.add("... and " + (details.size() - MAX_DETAILS) + " more");
    return out;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof java.util.concurrent.CompletionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String describe(Throwable t) {
    if (t instanceof PagerDutyException) {
      return String.valueOf(t.getMessage());
    }
    return "check failed: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** A value computed once, by the first caller; later callers wait for it and see the same outcome. */
  private static final class Memo<T> {
    private final Body0<T> supplier;
    private @Nullable FutureTask<T> task;

    Memo(Body0<T> supplier) {
      this.supplier = supplier;
    }

    T get() throws Exception {
      FutureTask<T> t;
      boolean mine = false;
      synchronized (this) {
        if (task == null) {
          task = new FutureTask<>(supplier::get);
          mine = true;
        }
        t = task;
      }
      if (mine) {
        t.run();
      }
      try {
        return t.get();
      } catch (ExecutionException e) {
        Throwable c = unwrap(e);
        if (c instanceof Exception ex) {
          throw ex;
        }
        throw e;
      }
    }
  }

  private interface Body0<T> {
    T get() throws Exception;
  }
}
