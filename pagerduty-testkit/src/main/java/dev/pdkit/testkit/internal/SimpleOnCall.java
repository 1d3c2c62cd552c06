package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.pdkit.internal.json.LenientTimes;
import org.jspecify.annotations.Nullable;

/**
 * The built-in on-call rule until the on-call engine is plugged in: a level's user targets are on
 * call; a schedule target contributes its override covering {@code at}, else the user of the
 * highest layer whose rotation covers {@code at} (restrictions are ignored).
 */
public final class SimpleOnCall implements OnCallResolver {
  @Override
  public List<String> onCall(Store store, ObjectNode ep, int level, Instant at) {
    JsonNode rules = ep.path("escalation_rules");
    if (level < 1 || level > rules.size()) {
      return List.of();
    }
    Set<String> users = new LinkedHashSet<>();
    for (JsonNode t : rules.get(level - 1).path("targets")) {
      String type = J.text(t, "type");
      String id = J.text(t, "id");
      if (type == null || id == null) {
        continue;
      }
      if (type.startsWith("user")) {
        users.add(id);
      } else if (type.startsWith("schedule")) {
        ObjectNode s = store.get("schedules", id);
        String u = s == null ? null : scheduleUserAt(store, s, at);
        if (u != null) {
          users.add(u);
        }
      }
    }
    return new ArrayList<>(users);
  }

  /** The user on call in a schedule at a time by the simple rule, or null. */
  static @Nullable String scheduleUserAt(Store store, ObjectNode schedule, Instant at) {
    String sid = J.text(schedule, "id");
    ObjectNode latest = null;
    for (ObjectNode o : store.c("overrides").values()) {
      if (!sid.equals(J.text(o, "_schedule_id"))) {
        continue;
      }
      Instant s = time(J.text(o, "start"));
      Instant e = time(J.text(o, "end"));
      if (s != null && e != null && !at.isBefore(s) && at.isBefore(e)) {
        latest = o; // later overrides win
      }
    }
    if (latest != null) {
      return J.refId(latest, "user");
    }
    JsonNode layers = schedule.path("schedule_layers");
    for (int i = layers.size() - 1; i >= 0; i--) {
      String u = layerUserAt(layers.get(i), at);
      if (u != null) {
        return u;
      }
    }
    return null;
  }

  static @Nullable String layerUserAt(JsonNode layer, Instant at) {
    Instant start = time(J.text(layer, "start"));
    Instant end = time(J.text(layer, "end"));
    Instant anchor = time(J.text(layer, "rotation_virtual_start"));
    long turn = layer.path("rotation_turn_length_seconds").asLong(0);
    JsonNode users = layer.path("users");
    if (start == null || anchor == null || turn <= 0 || users.size() == 0) {
      return null;
    }
    if (at.isBefore(start) || (end != null && !at.isBefore(end))) {
      return null;
    }
    long elapsed = Duration.between(anchor, at).getSeconds();
    long idx = Math.floorMod(Math.floorDiv(elapsed, turn), (long) users.size());
    return J.refId(users.get((int) idx), "user");
  }

  static @Nullable Instant time(@Nullable String s) {
    if (s == null) {
      return null;
    }
    return LenientTimes.tryParse(s).map(OffsetDateTime::toInstant).orElse(null);
  }
}
