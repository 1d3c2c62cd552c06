package dev.pdkit.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Schedule rendering. Package-private: the public surface is {@link ScheduleDefinition#render}. */
final class Renderer {
  /** Guards against a one-second rotation rendered over a year. */
  static final long MAX_TURNS = 5_000_000L;

  private static final long DAY = 86_400L;

  private Renderer() {}

  static RenderedSchedule render(ScheduleDefinition schedule, Instant since, Instant until) {
    if (!until.isAfter(since)) {
      throw new OnCallException("render window: until " + until + " must be after since " + since);
    }
    ZoneId zone = schedule.timeZone();
    List<RenderedLayer> rendered = new ArrayList<>(schedule.layers().size());
    Painter painter = new Painter();
    for (int i = 0; i < schedule.layers().size(); i++) {
      LayerDefinition layer = schedule.layers().get(i);
      List<ScheduleEntry> entries = renderLayer(layer, zone, since, until);
      rendered.add(
          new RenderedLayer(i, layer.id(), layer.name(), entries, coverage(entries, since, until)));
      for (ScheduleEntry e : entries) {
        painter.paint(e.start(), e.end(), e.userId());
      }
    }
    Painter overridePainter = new Painter();
    for (ScheduleOverride o : schedule.overrides()) {
      Instant s = max(o.start(), since);
      Instant e = min(o.end(), until);
      if (s.isBefore(e)) {
        painter.paint(s, e, o.userId());
        overridePainter.paint(s, e, o.userId());
      }
    }
    List<ScheduleEntry> finalEntries = painter.entries();
    return new RenderedSchedule(
        since, until, rendered, overridePainter.entries(), finalEntries, gaps(finalEntries, since, until));
  }

  static List<ScheduleEntry> renderLayer(
      LayerDefinition layer, ZoneId zone, Instant since, Instant until) {
    Instant ws = max(since, layer.start());
    Instant we = layer.end() == null ? until : min(until, layer.end());
    List<String> users = layer.userIds();
    if (!ws.isBefore(we) || users.isEmpty()) {
      return List.of();
    }
    long turn = layer.rotationTurnLengthSeconds();
    long estimatedTurns = (we.getEpochSecond() - ws.getEpochSecond()) / turn + 1;
    if (estimatedTurns > MAX_TURNS) {
      throw new OnCallException(
          "rendering "
              + (layer.name() == null ? "a layer" : "layer '" + layer.name() + "'")
              + " from "
              + ws
              + " to "
              + we
              + " needs "
              + estimatedTurns
              + " turns of "
              + turn
              + " s (limit "
              + MAX_TURNS
              + "): render a shorter window");
    }
    List<TimeRange> allowed =
        layer.restrictions().isEmpty() ? null : restrictionWindows(layer.restrictions(), zone, ws, we);
    Rotation rotation = new Rotation(layer.rotationVirtualStart(), turn, zone);
    List<ScheduleEntry> out = new ArrayList<>();
    int n = users.size();
    long k = rotation.indexAt(ws);
    int allowedIdx = 0;
    while (true) {
      Instant ts = rotation.turnStart(k);
      Instant te = rotation.turnStart(k + 1);
      Instant s = max(ts, ws);
      Instant e = min(te, we);
      String user = users.get((int) Math.floorMod(k, (long) n));
      if (s.isBefore(e)) {
        if (allowed == null) {
          append(out, s, e, user);
        } else {
          while (allowedIdx < allowed.size() && !allowed.get(allowedIdx).end().isAfter(s)) {
            allowedIdx++;
          }
          for (int j = allowedIdx; j < allowed.size() && allowed.get(j).start().isBefore(e); j++) {
            Instant as = max(s, allowed.get(j).start());
            Instant ae = min(e, allowed.get(j).end());
            if (as.isBefore(ae)) {
              append(out, as, ae, user);
            }
          }
        }
      }
      if (!te.isBefore(we)) {
        break;
      }
      k++;
    }
    return out;
  }

  /**
   * The union of every restriction window overlapping {@code [ws, we)}, clipped to it, sorted and
   * merged. Windows are laid out on local dates of the schedule's zone; we start early enough that
   * a window opening before {@code ws} and still open at {@code ws} is included, which keeps
   * rendering independent of where the window is cut.
   */
  static List<TimeRange> restrictionWindows(
      List<Restriction> restrictions, ZoneId zone, Instant ws, Instant we) {
    long maxDuration = 0;
    for (Restriction r : restrictions) {
      maxDuration = Math.max(maxDuration, r.durationSeconds());
    }
    LocalDate first = LocalDate.ofInstant(ws, zone).minusDays(maxDuration / DAY + 2);
    LocalDate last = LocalDate.ofInstant(we, zone).plusDays(1);
    List<TimeRange> windows = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      for (Restriction r : restrictions) {
        if (r.type() == Restriction.Type.WEEKLY_RESTRICTION
            && d.getDayOfWeek().getValue() != r.startDayOfWeek()) {
          continue;
        }
        LocalDateTime startLocal = d.atTime(r.startTimeOfDay());
        Instant s = startLocal.atZone(zone).toInstant();
        Instant e = startLocal.plusSeconds(r.durationSeconds()).atZone(zone).toInstant();
        s = max(s, ws);
        e = min(e, we);
        if (s.isBefore(e)) {
          windows.add(new TimeRange(s, e));
        }
      }
    }
    windows.sort(Comparator.comparing(TimeRange::start));
    List<TimeRange> merged = new ArrayList<>(windows.size());
    for (TimeRange w : windows) {
      if (!merged.isEmpty() && !merged.get(merged.size() - 1).end().isBefore(w.start())) {
        TimeRange lastRange = merged.remove(merged.size() - 1);
        merged.add(new TimeRange(lastRange.start(), max(lastRange.end(), w.end())));
      } else {
        merged.add(w);
      }
    }
    return merged;
  }

  /** Appends, merging with the previous entry when it is the same user and touches. */
  static void append(List<ScheduleEntry> out, Instant s, Instant e, String user) {
    if (!out.isEmpty()) {
      ScheduleEntry last = out.get(out.size() - 1);
      if (last.userId().equals(user) && last.end().equals(s)) {
        out.set(out.size() - 1, new ScheduleEntry(last.start(), e, user));
        return;
      }
    }
    out.add(new ScheduleEntry(s, e, user));
  }

  static List<TimeRange> gaps(List<ScheduleEntry> entries, Instant since, Instant until) {
    List<TimeRange> gaps = new ArrayList<>();
    Instant cursor = since;
    for (ScheduleEntry e : entries) {
      if (e.start().isAfter(cursor)) {
        gaps.add(new TimeRange(cursor, e.start()));
      }
      cursor = max(cursor, e.end());
    }
    if (cursor.isBefore(until)) {
      gaps.add(new TimeRange(cursor, until));
    }
    return gaps;
  }

  static double coverage(List<ScheduleEntry> entries, Instant since, Instant until) {
    long total = until.getEpochSecond() - since.getEpochSecond();
    long covered = 0;
    for (ScheduleEntry e : entries) {
      covered += e.end().getEpochSecond() - e.start().getEpochSecond();
    }
    return total <= 0 ? 0.0 : 100.0 * covered / total;
  }

  /** Binary search over sorted, non-overlapping entries. */
  static @Nullable ScheduleEntry find(List<ScheduleEntry> entries, Instant instant) {
    int lo = 0;
    int hi = entries.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      ScheduleEntry e = entries.get(mid);
      if (instant.isBefore(e.start())) {
        hi = mid - 1;
      } else if (!instant.isBefore(e.end())) {
        lo = mid + 1;
      } else {
        return e;
      }
    }
    return null;
  }

  static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Turn boundaries of one layer's rotation. */
  static final class Rotation {
    private final Instant anchor;
    private final long turnSeconds;
    private final ZoneId zone;
    private final @Nullable LocalDateTime localAnchor;
    private final long turnDays;

    Rotation(Instant anchor, long turnSeconds, ZoneId zone) {
      this.anchor = anchor;
      this.turnSeconds = turnSeconds;
      this.zone = zone;
      boolean calendar = turnSeconds % DAY == 0;
      this.localAnchor = calendar ? LocalDateTime.ofInstant(anchor, zone) : null;
      this.turnDays = turnSeconds / DAY;
    }

    Instant turnStart(long k) {
      if (localAnchor == null) {
        return anchor.plusSeconds(Math.multiplyExact(k, turnSeconds));
      }
      return localAnchor.plusDays(Math.multiplyExact(k, turnDays)).atZone(zone).toInstant();
    }

    /** The index of the turn containing {@code t}. */
    long indexAt(Instant t) {
      long k = Math.floorDiv(t.getEpochSecond() - anchor.getEpochSecond(), turnSeconds);
      // calendar turns drift from the elapsed-seconds estimate by at most a few DST hours
      while (turnStart(k).isAfter(t)) {
        k--;
      }
      while (!turnStart(k + 1).isAfter(t)) {
        k++;
      }
      return k;
    }
  }

  /**
   * Paints entries onto a timeline; a later paint hides what it overlaps. Segments are kept in a
   * map keyed by start, never overlapping.
   */
  static final class Painter {
    private final TreeMap<Instant, ScheduleEntry> segments = new TreeMap<>();

    void paint(Instant s, Instant e, String user) {
      Map.Entry<Instant, ScheduleEntry> before = segments.lowerEntry(s);
      if (before != null && before.getValue().end().isAfter(s)) {
        ScheduleEntry old = before.getValue();
        segments.put(old.start(), new ScheduleEntry(old.start(), s, old.userId()));
        if (old.end().isAfter(e)) {
          segments.put(e, new ScheduleEntry(e, old.end(), old.userId()));
        }
      }
      while (true) {
        Map.Entry<Instant, ScheduleEntry> inside = segments.ceilingEntry(s);
        if (inside == null || !inside.getKey().isBefore(e)) {
          break;
        }
        ScheduleEntry old = inside.getValue();
        segments.remove(inside.getKey());
        if (old.end().isAfter(e)) {
          segments.put(e, new ScheduleEntry(e, old.end(), old.userId()));
        }
      }
      segments.put(s, new ScheduleEntry(s, e, user));
    }

    List<ScheduleEntry> entries() {
      List<ScheduleEntry> out = new ArrayList<>(segments.size());
      for (ScheduleEntry e : segments.values()) {
        append(out, e.start(), e.end(), e.userId());
      }
      return out;
    }
  }
}
