package dev.pdkit.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * Properties of rendering over random schedules placed around DST changes in several zones. The
 * oracles below work on local wall-clock times and turn arithmetic, independently of the renderer's
 * interval code.
 */
class SchedulePropertiesTest {
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("UTC"),
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Australia/Sydney"));

  /** Instants close to DST switches of the zones above (and one quiet date). */
  private static final List<Instant> BASES =
      List.of(
          Instant.parse("2024-03-10T07:00:00Z"),
          Instant.parse("2024-03-31T01:00:00Z"),
          Instant.parse("2024-04-07T16:00:00Z"),
          Instant.parse("2024-10-06T16:00:00Z"),
          Instant.parse("2024-10-27T01:00:00Z"),
          Instant.parse("2024-11-03T06:00:00Z"),
          Instant.parse("2024-07-15T12:00:00Z"));

  private static final List<String> USERS = List.of("u1", "u2", "u3", "u4", "u5");

  record ZoneAndBase(ZoneId zone, Instant base) {}

  record Scenario(ScheduleDefinition schedule, Instant a, Instant b, Instant c, long sampleSeed) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<ZoneId> zone = Arbitraries.of(ZONES);
    // mostly right at one of the zone's own DST switches, sometimes anywhere in the list
    Arbitrary<ZoneAndBase> zoneSwitch =
        zone.flatMap(
            z -> {
              List<Instant> switches = new ArrayList<>(BASES);
              ZoneOffsetTransition t1 = z.getRules().nextTransition(Instant.parse("2024-01-01T00:00:00Z"));
              ZoneOffsetTransition t2 = t1 == null ? null : z.getRules().nextTransition(t1.getInstant());
              for (ZoneOffsetTransition t : new ZoneOffsetTransition[] {t1, t2}) {
                if (t != null) {
                  for (int i = 0; i < 4; i++) {
                    switches.add(t.getInstant());
                  }
                }
              }
              return Arbitraries.of(switches).map(b -> new ZoneAndBase(z, b));
            });
    return Combinators.combine(zoneSwitch, Arbitraries.longs())
        .flatAs(
            (zb, seed) -> {
              ZoneId z = zb.zone();
              Instant b = zb.base();
              Arbitrary<List<LayerDefinition>> layers = layer(b).list().ofMinSize(0).ofMaxSize(3);
              Arbitrary<List<ScheduleOverride>> overrides = override(b).list().ofMinSize(0).ofMaxSize(3);
              Arbitrary<Instant> a = Arbitraries.longs().between(-150 * 60, 0).map(m -> b.plusSeconds(m * 60));
              Arbitrary<Long> ab = Arbitraries.longs().between(1, 10_000);
              Arbitrary<Long> bc = Arbitraries.longs().between(1, 10_000);
              return Combinators.combine(layers, overrides, a, ab, bc)
                  .as(
                      (ls, os, aa, x, y) -> {
                        ScheduleDefinition.Builder sb = ScheduleDefinition.builder().id("S").timeZone(z);
                        ls.forEach(sb::addLayer);
                        os.forEach(sb::addOverride);
                        Instant bb = aa.plusSeconds(x * 60);
                        return new Scenario(sb.build(), aa, bb, bb.plusSeconds(y * 60), seed);
                      });
            });
  }

  private static Arbitrary<LayerDefinition> layer(Instant base) {
    Arbitrary<Instant> start = Arbitraries.longs().between(-240 * 60, 240 * 60).map(m -> base.plusSeconds(m * 60));
    Arbitrary<Long> endAfterMinutes = Arbitraries.longs().between(60, 480 * 60).injectNull(0.5);
    Arbitrary<Long> vsBeforeStartMinutes = Arbitraries.longs().between(-50 * 60, 500 * 60);
    Arbitrary<Long> turn =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 48).map(h -> h * 3600),
            Arbitraries.longs().between(1, 7).map(d -> d * 86_400),
            Arbitraries.longs().between(1800, 700_000));
    Arbitrary<List<String>> users = Arbitraries.of(USERS).list().ofMinSize(0).ofMaxSize(4);
    Arbitrary<List<Restriction>> restrictions = restriction().list().ofMinSize(0).ofMaxSize(2);
    return Combinators.combine(start, endAfterMinutes, vsBeforeStartMinutes, turn, users, restrictions)
        .as(
            (s, end, vs, t, us, rs) -> {
              LayerDefinition.Builder lb =
                  LayerDefinition.builder()
                      .start(s)
                      .end(end == null ? null : s.plusSeconds(end * 60))
                      .rotationVirtualStart(s.minusSeconds(vs * 60))
                      .rotationTurnLengthSeconds(t)
                      .users(us);
              rs.forEach(lb::addRestriction);
              return lb.build();
            });
  }

  private static Arbitrary<Restriction> restriction() {
    Arbitrary<LocalTime> tod = Arbitraries.integers().between(0, 1439).map(m -> LocalTime.of(m / 60, m % 60));
    Arbitrary<Restriction> daily =
        Combinators.combine(tod, Arbitraries.longs().between(1, 1440))
            .as((t, d) -> new Restriction(Restriction.Type.DAILY_RESTRICTION, t, d * 60, null));
    Arbitrary<Restriction> weekly =
        Combinators.combine(tod, Arbitraries.longs().between(1, 10_080), Arbitraries.integers().between(1, 7))
            .as((t, d, dow) -> new Restriction(Restriction.Type.WEEKLY_RESTRICTION, t, d * 60, dow));
    return Arbitraries.oneOf(daily, weekly);
  }

  private static Arbitrary<ScheduleOverride> override(Instant base) {
    return Combinators.combine(
            Arbitraries.longs().between(-100 * 60, 100 * 60),
            Arbitraries.longs().between(1, 3000),
            Arbitraries.of("o1", "o2", "u1"))
        .as((s, d, u) -> new ScheduleOverride(base.plusSeconds(s * 60), base.plusSeconds((s + d) * 60), u));
  }

  @Property(tries = 200)
  void render_splitAtAnyPoint_equalsRenderingTheWhole(@ForAll("scenarios") Scenario sc) {
    RenderedSchedule whole = sc.schedule().render(sc.a(), sc.c());
    RenderedSchedule left = sc.schedule().render(sc.a(), sc.b());
    RenderedSchedule right = sc.schedule().render(sc.b(), sc.c());

    assertThat(whole.finalSchedule()).isEqualTo(concat(left.finalSchedule(), right.finalSchedule()));
    assertThat(whole.overrides()).isEqualTo(concat(left.overrides(), right.overrides()));
    assertThat(whole.gaps()).isEqualTo(concatRanges(left.gaps(), right.gaps()));
    for (int i = 0; i < whole.layers().size(); i++) {
      assertThat(whole.layers().get(i).entries())
          .as("layer %d", i)
          .isEqualTo(concat(left.layers().get(i).entries(), right.layers().get(i).entries()));
    }
  }

  @Property(tries = 200)
  void render_eachLayer_hasAtMostOneUserPerInstant_andFullCoverageWithoutRestrictions(
      @ForAll("scenarios") Scenario sc) {
    RenderedSchedule r = sc.schedule().render(sc.a(), sc.c());
    for (RenderedLayer rl : r.layers()) {
      assertDisjointSortedWithin(rl.entries(), sc.a(), sc.c());
      LayerDefinition layer = sc.schedule().layers().get(rl.index());
      Instant s = Renderer.max(sc.a(), layer.start());
      Instant e = layer.end() == null ? sc.c() : Renderer.min(sc.c(), layer.end());
      if (!layer.userIds().isEmpty() && layer.restrictions().isEmpty() && s.isBefore(e)) {
        assertThat(covered(rl.entries())).containsExactly(new TimeRange(s, e));
      }
      if (layer.userIds().isEmpty()) {
        assertThat(rl.entries()).isEmpty();
      }
    }
    assertDisjointSortedWithin(r.finalSchedule(), sc.a(), sc.c());
    List<TimeRange> all = new ArrayList<>(covered(r.finalSchedule()));
    all.addAll(r.gaps());
    all.sort(java.util.Comparator.comparing(TimeRange::start));
    assertThat(concatRanges(all, List.of())).containsExactly(new TimeRange(sc.a(), sc.c()));
  }

  @Property(tries = 200)
  void render_finalSchedule_isNewestOverrideElseHighestCoveringLayer(@ForAll("scenarios") Scenario sc) {
    RenderedSchedule r = sc.schedule().render(sc.a(), sc.c());
    Random random = new Random(sc.sampleSeed());
    long span = sc.c().getEpochSecond() - sc.a().getEpochSecond();
    for (int i = 0; i < 60; i++) {
      Instant x = sc.a().plusSeconds(Math.floorMod(random.nextLong(), span));
      String expected = null;
      for (int l = 0; l < r.layers().size(); l++) {
        ScheduleEntry hit = Renderer.find(r.layers().get(l).entries(), x);
        if (hit != null) {
          expected = hit.userId();
        }
      }
      for (ScheduleOverride o : sc.schedule().overrides()) {
        if (!x.isBefore(o.start()) && x.isBefore(o.end())) {
          expected = o.userId(); // later overrides win
        }
      }
      assertThat(r.userAt(x).orElse(null)).as("user at %s", x).isEqualTo(expected);
    }
  }

  @Property(tries = 200)
  void render_overridesAlwaysWin(@ForAll("scenarios") Scenario sc) {
    RenderedSchedule r = sc.schedule().render(sc.a(), sc.c());
    List<ScheduleOverride> overrides = sc.schedule().overrides();
    for (int i = 0; i < overrides.size(); i++) {
      ScheduleOverride o = overrides.get(i);
      for (Instant x : List.of(o.start(), o.end().minusSeconds(1), o.start().plus(Duration.between(o.start(), o.end()).dividedBy(2)))) {
        boolean newerCovers = false;
        for (int j = i + 1; j < overrides.size(); j++) {
          newerCovers |= !x.isBefore(overrides.get(j).start()) && x.isBefore(overrides.get(j).end());
        }
        if (!x.isBefore(sc.a()) && x.isBefore(sc.c()) && !newerCovers) {
          assertThat(r.userAt(x)).as("override %d at %s", i, x).contains(o.userId());
        }
      }
    }
  }

  @Property(tries = 200)
  void render_layerCoverage_followsRotationAndLocalRestrictionWindows(@ForAll("scenarios") Scenario sc) {
    ZoneId zone = sc.schedule().timeZone();
    RenderedSchedule r = sc.schedule().render(sc.a(), sc.c());
    Random random = new Random(sc.sampleSeed() ^ 0x5DEECE66DL);
    long span = sc.c().getEpochSecond() - sc.a().getEpochSecond();
    for (RenderedLayer rl : r.layers()) {
      LayerDefinition layer = sc.schedule().layers().get(rl.index());
      List<Instant> samples = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        samples.add(sc.a().plusSeconds(Math.floorMod(random.nextLong(), span)));
      }
      for (ScheduleEntry e : rl.entries()) {
        samples.addAll(List.of(e.start().minusSeconds(1), e.start(), e.end().minusSeconds(1), e.end()));
      }
      for (Instant x : samples) {
        if (x.isBefore(sc.a()) || !x.isBefore(sc.c()) || nearTransition(zone, x)) {
          continue;
        }
        boolean active =
            !x.isBefore(layer.start()) && (layer.end() == null || x.isBefore(layer.end()));
        boolean expectedCovered =
            active && !layer.userIds().isEmpty() && inRestrictionWindow(layer.restrictions(), zone, x);
        ScheduleEntry hit = Renderer.find(rl.entries(), x);
        assertThat(hit != null).as("layer %d covered at %s (%s)", rl.index(), x, x.atZone(zone)).isEqualTo(expectedCovered);
        if (hit != null) {
          assertThat(hit.userId()).isEqualTo(expectedUser(layer, zone, x));
        }
      }
    }
  }

  // ---- oracles and helpers

  /** Whether the local wall-clock time of x falls inside a restriction window (or there are none). */
  private static boolean inRestrictionWindow(List<Restriction> restrictions, ZoneId zone, Instant x) {
    if (restrictions.isEmpty()) {
      return true;
    }
    LocalDateTime local = LocalDateTime.ofInstant(x, zone);
    for (Restriction rs : restrictions) {
      long lookBackDays = rs.durationSeconds() / 86_400 + 1;
      for (LocalDate d = local.toLocalDate().minusDays(lookBackDays); !d.isAfter(local.toLocalDate()); d = d.plusDays(1)) {
        if (rs.startDayOfWeek() != null && d.getDayOfWeek().getValue() != rs.startDayOfWeek()) {
          continue;
        }
        LocalDateTime ws = d.atTime(rs.startTimeOfDay());
        if (!local.isBefore(ws) && local.isBefore(ws.plusSeconds(rs.durationSeconds()))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The rotation user at x: elapsed-seconds turns, or local calendar days for day multiples. */
  private static String expectedUser(LayerDefinition layer, ZoneId zone, Instant x) {
    long turn = layer.rotationTurnLengthSeconds();
    long k;
    if (turn % 86_400 == 0) {
      LocalDateTime anchor = LocalDateTime.ofInstant(layer.rotationVirtualStart(), zone);
      LocalDateTime local = LocalDateTime.ofInstant(x, zone);
      long days = ChronoUnit.DAYS.between(anchor, local);
      if (anchor.plusDays(days).isAfter(local)) {
        days--;
      }
      k = Math.floorDiv(days, turn / 86_400);
    } else {
      k = Math.floorDiv(x.getEpochSecond() - layer.rotationVirtualStart().getEpochSecond(), turn);
    }
    return layer.userIds().get((int) Math.floorMod(k, (long) layer.userIds().size()));
  }

  /** Within three hours of a UTC offset change, wall-clock comparisons are ambiguous: skip. */
  private static boolean nearTransition(ZoneId zone, Instant x) {
    ZoneOffsetTransition next = zone.getRules().nextTransition(x.minus(Duration.ofHours(3)));
    return next != null && next.getInstant().isBefore(x.plus(Duration.ofHours(3)));
  }

  private static void assertDisjointSortedWithin(List<ScheduleEntry> entries, Instant a, Instant c) {
    Instant cursor = a;
    @Nullable ScheduleEntry prev = null;
    for (ScheduleEntry e : entries) {
      assertThat(e.start()).isAfterOrEqualTo(cursor);
      assertThat(e.end()).isBeforeOrEqualTo(c);
      if (prev != null && prev.end().equals(e.start())) {
        assertThat(prev.userId()).as("adjacent entries are merged").isNotEqualTo(e.userId());
      }
      cursor = e.end();
      prev = e;
    }
  }

  private static List<TimeRange> covered(List<ScheduleEntry> entries) {
    List<TimeRange> out = new ArrayList<>();
    for (ScheduleEntry e : entries) {
      out.add(new TimeRange(e.start(), e.end()));
    }
    return concatRanges(out, List.of());
  }

  private static List<ScheduleEntry> concat(List<ScheduleEntry> left, List<ScheduleEntry> right) {
    List<ScheduleEntry> out = new ArrayList<>();
    for (ScheduleEntry e : left) {
      Renderer.append(out, e.start(), e.end(), e.userId());
    }
    for (ScheduleEntry e : right) {
      Renderer.append(out, e.start(), e.end(), e.userId());
    }
    return out;
  }

  private static List<TimeRange> concatRanges(List<TimeRange> left, List<TimeRange> right) {
    List<TimeRange> all = new ArrayList<>(left);
    all.addAll(right);
    List<TimeRange> out = new ArrayList<>();
    for (TimeRange t : all) {
      if (!out.isEmpty() && out.get(out.size() - 1).end().equals(t.start())) {
        out.set(out.size() - 1, new TimeRange(out.get(out.size() - 1).start(), t.end()));
      } else {
        out.add(t);
      }
    }
    return out;
  }
}
