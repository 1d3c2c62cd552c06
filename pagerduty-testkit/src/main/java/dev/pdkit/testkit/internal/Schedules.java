package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.oncall.RenderedLayer;
import dev.pdkit.oncall.ScheduleEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedule rendering for the fake's responses, backed by the core on-call engine through
 * {@link EngineOnCall} (the same rule the fake assigns and escalates incidents with).
 */
final class Schedules {
  private Schedules() {}

  /** One rendered entry. */
  record Entry(Instant start, Instant end, String userId) {}

  static List<Entry> renderFinal(Store store, ObjectNode schedule, Instant since, Instant until) {
    return entries(EngineOnCall.render(store, schedule, since, until).finalSchedule());
  }

  static List<Entry> renderLayer(Store store, ObjectNode schedule, int index, Instant since, Instant until) {
    List<RenderedLayer> layers = EngineOnCall.render(store, schedule, since, until).layers();
    for (RenderedLayer l : layers) {
      if (l.index() == index) {
        return entries(l.entries());
      }
    }
    return List.of(); // a stored layer the engine could not read
  }

  static List<Entry> renderOverrides(Store store, ObjectNode schedule, Instant since, Instant until) {
    return entries(EngineOnCall.render(store, schedule, since, until).overrides());
  }

  private static List<Entry> entries(List<ScheduleEntry> rendered) {
    List<Entry> out = new ArrayList<>(rendered.size());
    for (ScheduleEntry e : rendered) {
      out.add(new Entry(e.start(), e.end(), e.userId()));
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
