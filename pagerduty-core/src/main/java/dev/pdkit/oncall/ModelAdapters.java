package dev.pdkit.oncall;

import dev.pdkit.model.EscalationPolicy;
import dev.pdkit.model.EscalationRule;
import dev.pdkit.model.Reference;
import dev.pdkit.model.Schedule;
import dev.pdkit.model.ScheduleLayer;
import dev.pdkit.model.ScheduleLayerUser;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Conversions from the REST models ({@code dev.pdkit.model}) to the engine's definitions. */
final class ModelAdapters {
  private ModelAdapters() {}

  static ScheduleDefinition schedule(
      Schedule schedule,
      ScheduleDefinition.LayerOrder order,
      List<dev.pdkit.model.ScheduleOverride> overrides) {
    String label = schedule.id() == null ? "schedule" : "schedule " + schedule.id();
    ZoneId zone;
    try {
      zone = ZoneId.of(schedule.timeZone());
    } catch (DateTimeException e) {
      throw new OnCallException(
          label
              + ": time_zone '"
              + schedule.timeZone()
              + "' is not an IANA zone id; use e.g. America/New_York or Etc/UTC");
    }
    List<ScheduleLayer> layers = new ArrayList<>(schedule.scheduleLayers());
    if (order == ScheduleDefinition.LayerOrder.HIGHEST_PRIORITY_FIRST) {
      java.util.Collections.reverse(layers);
    }
    ScheduleDefinition.Builder b = ScheduleDefinition.builder().id(schedule.id()).timeZone(zone);
    for (int i = 0; i < layers.size(); i++) {
      b.addLayer(layer(label, i, layers.get(i)));
    }
    for (dev.pdkit.model.ScheduleOverride o : overrides) {
      b.addOverride(new ScheduleOverride(o.start().toInstant(), o.end().toInstant(), o.user().id()));
    }
    return b.build();
  }

  private static LayerDefinition layer(String scheduleLabel, int index, ScheduleLayer l) {
    LayerDefinition.Builder b =
        LayerDefinition.builder()
            .id(l.id())
            .name(l.name())
            .start(l.start().toInstant())
            .end(l.end() == null ? null : l.end().toInstant())
            .rotationVirtualStart(l.rotationVirtualStart().toInstant())
            .rotationTurnLengthSeconds(l.rotationTurnLengthSeconds());
    List<String> users = new ArrayList<>(l.users().size());
    for (ScheduleLayerUser u : l.users()) {
      users.add(u.user().id());
    }
    b.users(users);
    for (dev.pdkit.model.Restriction r : l.restrictions()) {
      Restriction.Type type =
          switch (r.type()) {
            case DAILY -> Restriction.Type.DAILY_RESTRICTION;
            case WEEKLY -> Restriction.Type.WEEKLY_RESTRICTION;
            default -> throw new OnCallException(
                scheduleLabel
                    + " layer "
                    + (l.id() != null ? l.id() : "#" + (index + 1))
                    + ": unknown restriction type; the engine knows daily_restriction and weekly_restriction");
          };
      b.addRestriction(
          new Restriction(
              type,
              r.startTimeOfDay(),
              r.durationSeconds(),
              type == Restriction.Type.DAILY_RESTRICTION ? null : r.startDayOfWeek()));
    }
    try {
      return b.build();
    } catch (OnCallException e) {
      throw new OnCallException(scheduleLabel + ": " + e.getMessage());
    }
  }

  static EscalationPolicyDefinition policy(EscalationPolicy policy) {
    String label = policy.id() == null ? "escalation policy" : "escalation policy " + policy.id();
    EscalationPolicyDefinition.Builder b =
        EscalationPolicyDefinition.builder()
            .id(policy.id())
            .numLoops(policy.numLoops() == null ? 0 : policy.numLoops());
    int level = 1;
    for (EscalationRule rule : policy.escalationRules()) {
      List<EscalationTarget> targets = new ArrayList<>(rule.targets().size());
      for (Reference t : rule.targets()) {
        targets.add(target(label, level, t));
      }
      try {
        b.addRule(new EscalationRuleDefinition(rule.escalationDelayInMinutes(), targets));
      } catch (OnCallException e) {
        throw new OnCallException(label + " level " + level + ": " + e.getMessage());
      }
      level++;
    }
    return b.build();
  }

  private static EscalationTarget target(String label, int level, Reference t) {
    return switch (t.type()) {
      case "user", "user_reference" -> EscalationTarget.user(t.id());
      case "schedule", "schedule_reference", "schedule_v3_reference" -> EscalationTarget.schedule(t.id());
      default -> throw new OnCallException(
          label
              + " level "
              + level
              + ": target "
              + t.id()
              + " has type '"
              + t.type()
              + "'; use user_reference or schedule_reference");
    };
  }
}
