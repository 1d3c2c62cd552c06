package dev.pdkit.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "who is on call, and who gets paged when" for escalation policies whose schedule targets
 * are among the schedules the engine was built with.
 *
 * <p>Pure and deterministic: every instant is an argument, nothing is cached between calls, and
 * instances are immutable and thread-safe. A schedule target is resolved through the schedule's
 * final rendering at the moment of notification.
 */
public final class OnCallEngine {
  private final Map<String, ScheduleDefinition> schedules;

  private OnCallEngine(Map<String, ScheduleDefinition> schedules) {
    this.schedules = schedules;
  }

  /**
   * An engine over the given schedules.
   *
   * @throws OnCallException if a schedule has no id, or two share one
   */
  public static OnCallEngine of(Collection<ScheduleDefinition> schedules) {
    Objects.requireNonNull(schedules, "schedules");
    Map<String, ScheduleDefinition> byId = new LinkedHashMap<>();
    for (ScheduleDefinition s : schedules) {
      Objects.requireNonNull(s, "schedule");
      if (s.id() == null) {
        throw new OnCallException(
            "every schedule given to the on-call engine needs an id (escalation rules refer to schedules by id)");
      }
      if (byId.put(s.id(), s) != null) {
        throw new OnCallException("schedule id " + s.id() + " was given twice to the on-call engine");
      }
    }
    return new OnCallEngine(Map.copyOf(byId));
  }

  /** The schedule with this id, if the engine knows it. */
  public Optional<ScheduleDefinition> schedule(String scheduleId) {
    return Optional.ofNullable(schedules.get(Objects.requireNonNull(scheduleId, "scheduleId")));
  }

  /**
   * The users notified at {@code level} of {@code policy} at {@code at}, in target order without
   * duplicates; empty when every target is a schedule with nobody on call.
   *
   * @throws OnCallException if the level does not exist or a schedule target is unknown
   */
  public List<String> usersOnCall(EscalationPolicyDefinition policy, int level, Instant at) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(at, "at");
    return resolve(policy, level, at, Duration.ZERO, 1).userIds();
  }

  /**
   * The notification rounds for an incident triggered at {@code triggeredAt} that nobody
   * acknowledges: level 1 at offset 0, each next level after the previous rule's
   * {@code escalation_delay_in_minutes}, and the whole policy again {@code num_loops} more times
   * (after the last rule's delay). Users are resolved at the moment each level is notified.
   *
   * @throws OnCallException if a schedule target is unknown
   */
  public EscalationTimeline timeline(EscalationPolicyDefinition policy, Instant triggeredAt) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(triggeredAt, "triggeredAt");
    List<EscalationStep> steps = new ArrayList<>();
    Duration offset = Duration.ZERO;
    for (int loop = 1; loop <= policy.numLoops() + 1; loop++) {
      for (int level = 1; level <= policy.levels(); level++) {
        steps.add(resolve(policy, level, triggeredAt.plus(offset), offset, loop));
        offset = offset.plus(policy.rule(level).escalationDelay());
      }
    }
    return new EscalationTimeline(policy.id(), triggeredAt, steps);
  }

  /**
   * Every on-call assignment of {@code policy} overlapping {@code [since, until)}, like PagerDuty's
   * {@code GET /oncalls}: ordered by level, then target order, then start. Direct user targets give
   * one permanent entry; schedule targets give one entry per final-schedule shift (truncated at the
   * window).
   *
   * @throws OnCallException if a schedule target is unknown or the window is empty
   */
  public List<OnCallEntry> onCalls(EscalationPolicyDefinition policy, Instant since, Instant until) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    List<OnCallEntry> out = new ArrayList<>();
    for (int level = 1; level <= policy.levels(); level++) {
      for (EscalationTarget t : policy.rule(level).targets()) {
        if (t.type() == EscalationTarget.Type.USER) {
          out.add(new OnCallEntry(policy.id(), level, t.id(), null, null, null));
        } else {
          for (ScheduleEntry e : scheduleFor(policy, level, t.id()).render(since, until).finalSchedule()) {
            out.add(new OnCallEntry(policy.id(), level, e.userId(), t.id(), e.start(), e.end()));
          }
        }
      }
    }
    return out;
  }

  /**
   * Who is on call at {@code at} on every level of {@code policy}, with each shift's real start and
   * end (looked up to {@code horizon} before and after {@code at}; a shift longer than that is cut
   * at {@code at - horizon} / {@code at + horizon}). Direct user targets are permanent (null start
   * and end). Ordered by level, then target order. This is what {@code pdkit oncall now} prints.
   *
   * @throws OnCallException if a schedule target is unknown or the horizon is not positive
   */
  public List<OnCallEntry> onCallAt(EscalationPolicyDefinition policy, Instant at, Duration horizon) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(horizon, "horizon");
    if (horizon.isNegative() || horizon.isZero()) {
      throw new OnCallException("horizon must be positive, was " + horizon);
    }
    List<OnCallEntry> out = new ArrayList<>();
    for (int level = 1; level <= policy.levels(); level++) {
      for (EscalationTarget t : policy.rule(level).targets()) {
        if (t.type() == EscalationTarget.Type.USER) {
          out.add(new OnCallEntry(policy.id(), level, t.id(), null, null, null));
          continue;
        }
        RenderedSchedule r = scheduleFor(policy, level, t.id()).render(at.minus(horizon), at.plus(horizon));
        ScheduleEntry e = Renderer.find(r.finalSchedule(), at);
        if (e != null) {
          out.add(new OnCallEntry(policy.id(), level, e.userId(), t.id(), e.start(), e.end()));
        }
      }
    }
    return out;
  }

  /**
   * The parts of {@code [since, until)} in which nobody at all would be notified at {@code level}
   * (every target is a schedule, and none of them has anyone on call). A level with a direct user
   * target has no gaps.
   *
   * @throws OnCallException if the level does not exist or a schedule target is unknown
   */
  public List<TimeRange> coverageGaps(
      EscalationPolicyDefinition policy, int level, Instant since, Instant until) {
    Objects.requireNonNull(policy, "policy");
    Renderer.Painter union = new Renderer.Painter();
    for (EscalationTarget t : policy.rule(level).targets()) {
      if (t.type() == EscalationTarget.Type.USER) {
        return List.of();
      }
      for (ScheduleEntry e : scheduleFor(policy, level, t.id()).render(since, until).finalSchedule()) {
        union.paint(e.start(), e.end(), t.id());
      }
    }
    List<ScheduleEntry> covered = new ArrayList<>();
    for (ScheduleEntry e : union.entries()) {
      Renderer.append(covered, e.start(), e.end(), "covered");
    }
    return Renderer.gaps(covered, since, until);
  }

  private EscalationStep resolve(
      EscalationPolicyDefinition policy, int level, Instant at, Duration offset, int loop) {
    EscalationRuleDefinition rule = policy.rule(level);
    Set<String> users = new LinkedHashSet<>();
    List<String> empty = new ArrayList<>();
    for (EscalationTarget t : rule.targets()) {
      if (t.type() == EscalationTarget.Type.USER) {
        users.add(t.id());
      } else {
        Optional<String> u = scheduleFor(policy, level, t.id()).onCallAt(at);
        if (u.isPresent()) {
          users.add(u.get());
        } else {
          empty.add(t.id());
        }
      }
    }
    return new EscalationStep(offset, at, level, loop, List.copyOf(users), empty);
  }

  private ScheduleDefinition scheduleFor(EscalationPolicyDefinition policy, int level, String id) {
    ScheduleDefinition s = schedules.get(id);
    if (s == null) {
      throw new OnCallException(
          (policy.id() == null ? "escalation policy" : "escalation policy " + policy.id())
              + " level "
              + level
              + " targets schedule "
              + id
              + ", which the on-call engine was not given: pass it to OnCallEngine.of(...)");
    }
    return s;
  }
}
