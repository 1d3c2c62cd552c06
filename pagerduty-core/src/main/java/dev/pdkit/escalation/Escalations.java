package dev.pdkit.escalation;

import dev.pdkit.PagerDuty;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.ValidationException;
import dev.pdkit.internal.Futures;
import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.Incident;
import dev.pdkit.model.IncidentNote;
import dev.pdkit.model.IncidentResponder;
import dev.pdkit.model.Reference;
import dev.pdkit.model.ResponderRequest;
import dev.pdkit.model.ResponderRequestTarget;
import dev.pdkit.model.ResponderState;
import dev.pdkit.model.IncidentStatus;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleEntry;
import dev.pdkit.oncall.EscalationPolicyDefinition;
import dev.pdkit.oncall.EscalationRuleDefinition;
import dev.pdkit.oncall.EscalationTarget;
import dev.pdkit.oncall.EscalationTimeline;
import dev.pdkit.oncall.OnCallEngine;
import dev.pdkit.oncall.OnCallEntry;
import dev.pdkit.oncall.ScheduleDefinition;
import dev.pdkit.oncall.ScheduleOverride;
import dev.pdkit.rest.IncidentQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Escalation operations over a {@link PagerDuty} client.
 *
 * <pre>{@code
 * Escalations esc = Escalations.of(pd);
 * EscalationTimeline tl = esc.previewTimeline("PSERVICE", Instant.now());
 * esc.escalate("PINCIDENT", 2, "checkout is down for 10 minutes, paging level 2");
 * esc.addResponders("PINCIDENT", "join the bridge: payments are failing too",
 *     List.of(Reference.user("PALICE1"), Reference.escalationPolicy("PDBAEP1")));
 * List<RuleAction> done = esc.applyRules(List.of(new AutoEscalationRule(
 *     "high-unacked-10m", Urgency.HIGH, Duration.ofMinutes(10), 2, "unacknowledged for 10 minutes")),
 *     Instant.now());
 * }</pre>
 *
 * <p>The timeline preview reads the service, its escalation policy and, for schedule targets,
 * PagerDuty's own rendering of each schedule's final layer for the escalation window, then runs the
 * on-call engine ({@link OnCallEngine#timeline}). Thread-safe; shares the client's resources.
 */
public final class Escalations {
  private final PagerDuty pd;

  private Escalations(PagerDuty pd) {
    this.pd = pd;
  }

  /** Escalation operations over {@code pd}. */
  public static Escalations of(PagerDuty pd) {
    return new Escalations(Objects.requireNonNull(pd, "pd"));
  }

  /**
   * Who PagerDuty would notify, and when, if an incident were triggered on {@code serviceId} at
   * {@code at} and nobody acknowledged it.
   */
  public CompletableFuture<EscalationTimeline> previewTimelineAsync(String serviceId, Instant at) {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(at, "at");
    return pd.services()
        .getAsync(serviceId)
        .thenCompose(
            service -> {
              if (service.escalationPolicy() == null) {
                throw new PagerDutyException("service " + serviceId + " has no escalation policy");
              }
              return pd.escalationPolicies().getAsync(service.escalationPolicy().id());
            })
        .thenCompose(policy -> timelineFor(policy, at));
  }

  /** Blocking twin of {@link #previewTimelineAsync}. */
  public EscalationTimeline previewTimeline(String serviceId, Instant at) {
    return Futures.sync(() -> previewTimelineAsync(serviceId, at));
  }

  private CompletableFuture<EscalationTimeline> timelineFor(EscalationPolicy policy, Instant at) {
    EscalationPolicyDefinition def = EscalationPolicyDefinition.from(policy);
    Duration span = Duration.ZERO;
    for (EscalationRuleDefinition r : def.rules()) {
      span = span.plus(r.escalationDelay());
    }
    Instant until = at.plus(span.multipliedBy(def.numLoops() + 1L)).plus(Duration.ofMinutes(1));
    return engineFor(def, at, until).thenApply(engine -> engine.timeline(def, at));
  }

  /**
   * Who is on call at {@code at} on every level of an escalation policy, with each schedule shift's
   * start and end as PagerDuty renders it (looked up a week either side of {@code at}).
   */
  public CompletableFuture<List<OnCallEntry>> onCallAtAsync(String escalationPolicyId, Instant at) {
    Objects.requireNonNull(escalationPolicyId, "escalationPolicyId");
    Objects.requireNonNull(at, "at");
    Duration horizon = Duration.ofDays(7);
    return pd.escalationPolicies()
        .getAsync(escalationPolicyId)
        .thenCompose(
            policy -> {
              EscalationPolicyDefinition def = EscalationPolicyDefinition.from(policy);
              return engineFor(def, at.minus(horizon), at.plus(horizon))
                  .thenApply(engine -> engine.onCallAt(def, at, horizon));
            });
  }

  /** Blocking twin of {@link #onCallAtAsync}. */
  public List<OnCallEntry> onCallAt(String escalationPolicyId, Instant at) {
    return Futures.sync(() -> onCallAtAsync(escalationPolicyId, at));
  }

  /** An engine over PagerDuty's rendering of every schedule the policy targets, for the window. */
  private CompletableFuture<OnCallEngine> engineFor(EscalationPolicyDefinition def, Instant since, Instant until) {
    Set<String> scheduleIds = new LinkedHashSet<>();
    for (EscalationRuleDefinition r : def.rules()) {
      for (EscalationTarget t : r.targets()) {
        if (t.type() == EscalationTarget.Type.SCHEDULE) {
          scheduleIds.add(t.id());
        }
      }
    }
    // The renderings run concurrently, also under a blocking twin (Futures.sync).
    List<CompletableFuture<ScheduleDefinition>> schedules = Futures.concurrently(() -> {
      List<CompletableFuture<ScheduleDefinition>> started = new ArrayList<>();
      for (String id : scheduleIds) {
        started.add(pd.schedules().renderAsync(id, since, until, null)
            .thenApply(s -> asRendered(id, s)));
      }
      return started;
    });
    return CompletableFuture.allOf(schedules.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<ScheduleDefinition> defs = new ArrayList<>();
              schedules.forEach(f -> defs.add(f.join()));
              return OnCallEngine.of(defs);
            });
  }

  /** PagerDuty's final schedule for the window, as a definition of overrides only. */
  private static ScheduleDefinition asRendered(String id, Schedule s) {
    ScheduleDefinition.Builder b = ScheduleDefinition.builder().id(id).timeZone(ZoneOffset.UTC);
    if (s.finalSchedule() != null) {
      for (ScheduleEntry e : s.finalSchedule().renderedScheduleEntries()) {
        if (e.end() != null && e.end().isAfter(e.start())) {
          b.addOverride(new ScheduleOverride(e.start().toInstant(), e.end().toInstant(), e.user().id()));
        }
      }
    }
    return b.build();
  }

  /**
   * Escalates an incident to {@code level} and, when {@code note} is given, records why as a note.
   */
  public CompletableFuture<Incident> escalateAsync(String incidentId, int level, @Nullable String note) {
    Objects.requireNonNull(incidentId, "incidentId");
    if (level < 1) {
      throw new PagerDutyException("escalation level must be at least 1, was " + level);
    }
    CompletableFuture<Incident> escalated = pd.incidents().escalateAsync(incidentId, level);
    if (note == null) {
      return escalated;
    }
    return escalated.thenCompose(i -> pd.incidents().addNoteAsync(incidentId, note).thenApply(n -> i));
  }

  /** Blocking twin of {@link #escalateAsync}. */
  public Incident escalate(String incidentId, int level, @Nullable String note) {
    return Futures.sync(() -> escalateAsync(incidentId, level, note));
  }

  /** Reassigns an incident to users and, when {@code note} is given, records why as a note. */
  public CompletableFuture<Incident> reassignAsync(String incidentId, List<String> userIds, @Nullable String note) {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(userIds, "userIds");
    CompletableFuture<Incident> done = pd.incidents().reassignAsync(incidentId, userIds);
    return note == null
        ? done
        : done.thenCompose(i -> pd.incidents().addNoteAsync(incidentId, note).thenApply(n -> i));
  }

  /** Blocking twin of {@link #reassignAsync}. */
  public Incident reassign(String incidentId, List<String> userIds, @Nullable String note) {
    return Futures.sync(() -> reassignAsync(incidentId, userIds, note));
  }

  /**
   * Asks more people to help on an incident (a responder request), as the client's {@code From}
   * user. Idempotent: the incident is read first, and a target it already has (a user pending or
   * joined, an escalation policy named by an earlier request) is not asked again, so re-running
   * the same call sends nothing. PagerDuty records the request, its requester, time and message on
   * the incident ({@code responder_requests}) and in its log.
   *
   * @param targets users ({@link Reference#user}) and escalation policies ({@link
   *     Reference#escalationPolicy})
   * @return a future failing with {@link ValidationException} if the client has no {@code From}
   *     or it is not a user of the account
   */
  public CompletableFuture<RespondersAdded> addRespondersAsync(
      String incidentId, String message, List<Reference> targets) {
    Objects.requireNonNull(incidentId, "incidentId");
    checkResponderArguments(message, targets);
    String from = pd.from().orElse(null);
    if (from == null) {
      return CompletableFuture.failedFuture(ValidationException.of("From", "adding responders needs a requester:"
          + " set the client's From (PagerDuty.builder().from(\"you@example.com\") or PAGERDUTY_FROM), or pass"
          + " a requester user id"));
    }
    return pd.users().findByEmailAsync(from).thenCompose(user -> {
      if (user.isEmpty()) {
        throw ValidationException.of("From", "the client's From, " + from + ", is not a user of the account;"
            + " it names who asks for responders");
      }
      return addRespondersAsync(incidentId, Objects.requireNonNull(user.get().id()), message, targets);
    });
  }

  /** Blocking twin of {@link #addRespondersAsync(String, String, List)}. */
  public RespondersAdded addResponders(String incidentId, String message, List<Reference> targets) {
    return Futures.join(addRespondersAsync(incidentId, message, targets));
  }

  /**
   * Like {@link #addRespondersAsync(String, String, List)}, with the requester given as a user id.
   */
  public CompletableFuture<RespondersAdded> addRespondersAsync(
      String incidentId, String requesterId, String message, List<Reference> targets) {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(requesterId, "requesterId");
    checkResponderArguments(message, targets);
    List<Reference> wanted = new ArrayList<>(new LinkedHashSet<>(targets.stream().map(Reference::bare).toList()));
    return pd.incidents().getAsync(incidentId).thenCompose(incident -> {
      Set<String> have = new HashSet<>();
      for (IncidentResponder r : incident.incidentsResponders()) {
        if (r.user() != null && (r.state() == ResponderState.PENDING || r.state() == ResponderState.JOINED)) {
          have.add("user_reference:" + r.user().id());
        }
      }
      for (ResponderRequest rr : incident.responderRequests()) {
        for (ResponderRequestTarget t : rr.responderRequestTargets()) {
          if (t.isEscalationPolicy()) {
            have.add("escalation_policy_reference:" + t.id());
          }
        }
      }
      List<Reference> ask = new ArrayList<>();
      List<Reference> skip = new ArrayList<>();
      for (Reference t : wanted) {
        (have.contains(t.type() + ":" + t.id()) ? skip : ask).add(t);
      }
      if (ask.isEmpty()) {
        return CompletableFuture.completedFuture(new RespondersAdded(incidentId, ask, skip, null));
      }
      return pd.incidents().addRespondersAsync(incidentId, requesterId, message, ask)
          .thenApply(request -> new RespondersAdded(incidentId, ask, skip, request));
    });
  }

  /** Blocking twin of {@link #addRespondersAsync(String, String, String, List)}. */
  public RespondersAdded addResponders(String incidentId, String requesterId, String message, List<Reference> targets) {
    return Futures.join(addRespondersAsync(incidentId, requesterId, message, targets));
  }

  private static void checkResponderArguments(String message, List<Reference> targets) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(targets, "targets");
    if (message.isBlank()) {
      throw new IllegalArgumentException("the responder request message must not be blank");
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("add responders needs at least one user or escalation policy");
    }
    for (int i = 0; i < targets.size(); i++) {
      Reference t = Objects.requireNonNull(targets.get(i), "targets[" + i + "]");
      if (!t.type().equals("user_reference") && !t.type().equals("escalation_policy_reference")) {
        throw new IllegalArgumentException("targets[" + i + "] is a " + t.type()
            + "; responders are users (Reference.user) or escalation policies (Reference.escalationPolicy)");
      }
    }
  }

  /**
   * Evaluates the rules over every triggered incident and acts where a rule matches: escalate to the
   * rule's level, then add a note starting with the rule's {@link AutoEscalationRule#marker()}. The
   * note is the record of the action: an incident that already carries a rule's marker is left
   * alone, so running this again (every minute, from several instances in turn) does not repeat
   * work. Returns one {@link RuleAction} per matching incident and rule.
   */
  public List<RuleAction> applyRules(List<AutoEscalationRule> rules, Instant now) {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(now, "now");
    List<RuleAction> out = new ArrayList<>();
    if (rules.isEmpty()) {
      return out;
    }
    List<Incident> open =
        pd.incidents().list(IncidentQuery.builder().statuses(IncidentStatus.TRIGGERED).build()).toList();
    for (Incident incident : open) {
      List<IncidentNote> notes = null;
      for (AutoEscalationRule rule : rules) {
        if (!matches(rule, incident, now)) {
          continue;
        }
        if (notes == null) {
          notes = pd.incidents().notes(incident.id());
        }
        boolean done = notes.stream().anyMatch(n -> n.content().startsWith(rule.marker()));
        if (!done) {
          escalate(incident.id(), rule.escalateToLevel(), rule.marker() + " " + rule.note());
          notes = pd.incidents().notes(incident.id());
        }
        out.add(new RuleAction(rule.name(), incident.id(), rule.escalateToLevel(), !done));
      }
    }
    return out;
  }

  private static boolean matches(AutoEscalationRule rule, Incident incident, Instant now) {
    if (incident.status() != IncidentStatus.TRIGGERED || incident.createdAt() == null) {
      return false;
    }
    if (rule.urgency() != null && rule.urgency() != incident.urgency()) {
      return false;
    }
    return !incident.createdAt().toInstant().plus(rule.unacknowledgedFor()).isAfter(now);
  }
}
