package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Simple schedule rendering by the {@link SimpleOnCall} rule (layers by rotation, later layers and
 * overrides win; restrictions ignored). The on-call engine will replace this; until then entries
 * are consistent with who the fake assigns incidents to.
 */
final class Schedules {
  private static final int MAX_POINTS = 5_000;

  private Schedules() {}

  /** One rendered entry. */
  record Entry(Instant start, Instant end, String userId) {}

  static List<Entry> renderFinal(Store store, ObjectNode schedule, Instant since, Instant until) {
    TreeSet<Instant> points = new TreeSet<>();
    for (JsonNode layer : schedule.path("schedule_layers")) {
      addLayerPoints(points, layer, since, until);
    }
    String sid = J.text(schedule, "id");
    for (ObjectNode o : store.c("overrides").values()) {
      if (Objects.equals(sid, J.text(o, "_schedule_id"))) {
        addPoint(points, SimpleOnCall.time(J.text(o, "start")), since, until);
        addPoint(points, SimpleOnCall.time(J.text(o, "end")), since, until);
      }
    }
    return render(points, since, until, t -> SimpleOnCall.scheduleUserAt(store, schedule, t));
  }

  static List<Entry> renderLayer(JsonNode layer, Instant since, Instant until) {
    TreeSet<Instant> points = new TreeSet<>();
    addLayerPoints(points, layer, since, until);
    return render(points, since, until, t -> SimpleOnCall.layerUserAt(layer, t));
  }

  static List<Entry> renderOverrides(Store store, ObjectNode schedule, Instant since, Instant until) {
    List<Entry> out = new ArrayList<>();
    String sid = J.text(schedule, "id");
    for (ObjectNode o : store.c("overrides").values()) {
      if (!Objects.equals(sid, J.text(o, "_schedule_id"))) {
        continue;
      }
      Instant s = SimpleOnCall.time(J.text(o, "start"));
      Instant e = SimpleOnCall.time(J.text(o, "end"));
      if (s == null || e == null || !e.isAfter(since) || !s.isBefore(until)) {
        continue;
      }
      out.add(new Entry(s.isBefore(since) ? since : s, e.isAfter(until) ? until : e, J.refId(o, "user")));
    }
    out.sort((a, b) -> a.start().compareTo(b.start()));
    return out;
  }

  private static void addLayerPoints(TreeSet<Instant> points, JsonNode layer, Instant since, Instant until) {
    Instant start = SimpleOnCall.time(J.text(layer, "start"));
    Instant end = SimpleOnCall.time(J.text(layer, "end"));
    Instant anchor = SimpleOnCall.time(J.text(layer, "rotation_virtual_start"));
    long turn = layer.path("rotation_turn_length_seconds").asLong(0);
    addPoint(points, start, since, until);
    addPoint(points, end, since, until);
    if (anchor == null || turn <= 0) {
      return;
    }
    long k = Math.floorDiv(Duration.between(anchor, since).getSeconds(), turn);
    Instant t = anchor.plusSeconds(k * turn);
    while (t.isBefore(until) && points.size() < MAX_POINTS) {
      addPoint(points, t, since, until);
      t = t.plusSeconds(turn);
    }
  }

  private static void addPoint(TreeSet<Instant> points, @Nullable Instant t, Instant since, Instant until) {
    if (t != null && t.isAfter(since) && t.isBefore(until)) {
      points.add(t);
    }
  }

  private static List<Entry> render(TreeSet<Instant> points, Instant since, Instant until,
      Function<Instant, @Nullable String> who) {
    List<Entry> out = new ArrayList<>();
    List<Instant> bounds = new ArrayList<>();
    bounds.add(since);
    bounds.addAll(points);
    bounds.add(until);
    for (int i = 0; i + 1 < bounds.size(); i++) {
      Instant a = bounds.get(i);
      Instant b = bounds.get(i + 1);
      if (!b.isAfter(a)) {
        continue;
      }
      String u = who.apply(a);
      if (u == null) {
        continue;
      }
      if (!out.isEmpty()) {
        Entry last = out.get(out.size() - 1);
        if (last.userId().equals(u) && last.end().equals(a)) {
          out.set(out.size() - 1, new Entry(last.start(), b, u));
          continue;
        }
      }
      out.add(new Entry(a, b, u));
    }
    return out;
  }

  static ArrayNode entriesJson(Store store, List<Entry> entries) {
    ArrayNode a = J.arr();
    for (Entry e : entries) {
      ObjectNode o = a.addObject();
      o.put("start", J.ts(e.start()));
      o.put("end", J.ts(e.end()));
      ObjectNode u = store.get("users", e.userId());
      if (u != null) {
        o.set("user", store.ref(u));
      } else {
        ObjectNode r = o.putObject("user");
        r.put("id", e.userId());
        r.put("type", "user_reference");
      }
    }
    return a;
  }

  static double coverage(List<Entry> entries, Instant since, Instant until) {
    long total = Duration.between(since, until).getSeconds();
    if (total <= 0) {
      return 0;
    }
    long covered = 0;
    for (Entry e : entries) {
      covered += Duration.between(e.start(), e.end()).getSeconds();
    }
    return Math.round(10000.0 * covered / total) / 100.0;
  }
}
