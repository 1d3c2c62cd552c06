package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.oncall.EscalationTarget;
import dev.pdkit.oncall.LayerDefinition;
import dev.pdkit.oncall.OnCallException;
import dev.pdkit.oncall.RenderedSchedule;
import dev.pdkit.oncall.Restriction;
import dev.pdkit.oncall.ScheduleDefinition;
import dev.pdkit.oncall.ScheduleOverride;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fake's on-call rule backed by the core on-call engine ({@code dev.pdkit.oncall}): schedules
 * are rendered exactly (restrictions in the schedule's zone across DST, later layers over earlier
 * ones, overrides on top, newest override wins) and escalation levels resolve their schedule
 * targets through that rendering.
 *
 * <p>Stored schedules keep {@code schedule_layers} in request order (Layer 1 first), which is what
 * the engine calls {@link ScheduleDefinition.LayerOrder#LOWEST_PRIORITY_FIRST}. Overrides are taken
 * in the order they were stored, so a newer override wins.
 */
public final class EngineOnCall implements OnCallResolver {
  private static final java.time.format.DateTimeFormatter HH_MM_SS =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

  @Override
  public List<String> onCall(Store store, ObjectNode ep, int level, Instant at) {
    JsonNode rules = ep.path("escalation_rules");
    if (level < 1 || level > rules.size()) {
      return List.of();
    }
    Set<String> users = new LinkedHashSet<>();
    for (JsonNode t : rules.get(level - 1).path("targets")) {
      String type = Objects.requireNonNullElse(J.text(t, "type"), "");
      String id = J.text(t, "id");
      if (id == null) {
        continue;
      }
      EscalationTarget target =
          type.startsWith("user") ? EscalationTarget.user(id) : type.startsWith("schedule") ? EscalationTarget.schedule(id) : null;
      if (target == null) {
        continue;
      }
      if (target.type() == EscalationTarget.Type.USER) {
        users.add(id);
      } else {
        ObjectNode s = store.get("schedules", id);
        if (s != null) {
          definition(store, s).onCallAt(at).ifPresent(users::add);
        }
      }
    }
    return new ArrayList<>(users);
  }

  /** Renders a stored schedule (with its stored overrides) over {@code [since, until)}. */
  public static RenderedSchedule render(Store store, ObjectNode schedule, Instant since, Instant until) {
    return definition(store, schedule).render(since, until);
  }

  /** Who is on call on a stored schedule at {@code at}. */
  public static Optional<String> userAt(Store store, ObjectNode schedule, Instant at) {
    return definition(store, schedule).onCallAt(at);
  }

  /** The engine's view of a stored schedule. Stored data was validated on write. */
  static ScheduleDefinition definition(Store store, ObjectNode schedule) {
    String sid = J.text(schedule, "id");
    ScheduleDefinition.Builder b =
        ScheduleDefinition.builder().id(sid).timeZone(ZoneId.of(Objects.requireNonNullElse(J.text(schedule, "time_zone"), "UTC")));
    JsonNode layers = schedule.path("schedule_layers");
    for (int i = 0; i < layers.size(); i++) {
      JsonNode l = layers.get(i);
      Instant start = SimpleOnCall.time(J.text(l, "start"));
      Instant anchor = SimpleOnCall.time(J.text(l, "rotation_virtual_start"));
      long turn = l.path("rotation_turn_length_seconds").asLong(0);
      if (start == null || anchor == null || turn < 1) {
        continue; // not writable through the API; tolerate hand-made state
      }
      List<String> users = new ArrayList<>();
      for (JsonNode u : l.path("users")) {
        String uid = J.refId(u, "user");
        if (uid != null) {
          users.add(uid);
        }
      }
      LayerDefinition.Builder lb =
          LayerDefinition.builder()
              .id(J.text(l, "id"))
              .name(J.text(l, "name"))
              .start(start)
              .end(SimpleOnCall.time(J.text(l, "end")))
              .rotationVirtualStart(anchor)
              .rotationTurnLengthSeconds(turn)
              .users(users);
      for (Restriction r : restrictions(l.path("restrictions"), "schedule.schedule_layers[" + i + "]")) {
        lb.addRestriction(r);
      }
      b.addLayer(lb.build());
    }
    for (ObjectNode o : store.c("overrides").values()) {
      if (!Objects.equals(sid, J.text(o, "_schedule_id"))) {
        continue;
      }
      Instant s = SimpleOnCall.time(J.text(o, "start"));
      Instant e = SimpleOnCall.time(J.text(o, "end"));
      String uid = J.refId(o, "user");
      if (s != null && e != null && e.isAfter(s) && uid != null) {
        b.addOverride(new ScheduleOverride(s, e, uid));
      }
    }
    return b.build();
  }

  /**
   * Validates a layer's {@code restrictions} array as PagerDuty would and returns the engine's
   * restrictions.
   *
   * @param where the layer's path for messages, e.g. {@code schedule.schedule_layers[0]}
   * @throws ApiError 400 naming the restriction and field
   */
  public static List<Restriction> restrictions(@Nullable JsonNode restrictions, String where) {
    List<Restriction> out = new ArrayList<>();
    if (restrictions == null || restrictions.isNull() || restrictions.isMissingNode()) {
      return out;
    }
    if (!restrictions.isArray()) {
      throw ApiError.invalid(where + ".restrictions must be an array");
    }
    for (int i = 0; i < restrictions.size(); i++) {
      JsonNode r = restrictions.get(i);
      String at = where + ".restrictions[" + i + "]";
      String type = J.text(r, "type");
      String tod = J.text(r, "start_time_of_day");
      JsonNode dur = r.get("duration_seconds");
      if (type == null || tod == null || dur == null || !dur.canConvertToLong()) {
        throw ApiError.invalid(at + " needs type, start_time_of_day (HH:mm:ss) and duration_seconds");
      }
      try {
        Restriction.Type t = Restriction.Type.fromWireName(type);
        JsonNode dow = r.get("start_day_of_week");
        Integer day =
            t == Restriction.Type.WEEKLY_RESTRICTION && dow != null && dow.canConvertToInt() ? dow.asInt() : null;
        out.add(new Restriction(t, LocalTime.parse(tod), dur.asLong(), day));
      } catch (OnCallException e) {
        throw ApiError.invalid(at + ": " + e.getMessage());
      } catch (DateTimeParseException e) {
        throw ApiError.invalid(at + ".start_time_of_day '" + tod + "' must be HH:mm:ss");
      }
    }
    return out;
  }

  /** The stored JSON form of validated restrictions (canonical field set). */
  static ArrayNode restrictionsJson(List<Restriction> restrictions) {
    ArrayNode a = J.arr();
    for (Restriction r : restrictions) {
      ObjectNode o = a.addObject();
      o.put("type", r.type().wireName());
      o.put("start_time_of_day", HH_MM_SS.format(r.startTimeOfDay()));
      o.put("duration_seconds", r.durationSeconds());
      if (r.startDayOfWeek() != null) {
        o.put("start_day_of_week", r.startDayOfWeek());
      }
    }
    return a;
  }
}
