package dev.pdkit.benchmarks.oncall;

import dev.pdkit.oncall.EscalationPolicyDefinition;
import dev.pdkit.oncall.EscalationTarget;
import dev.pdkit.oncall.EscalationTimeline;
import dev.pdkit.oncall.LayerDefinition;
import dev.pdkit.oncall.OnCallEngine;
import dev.pdkit.oncall.RenderedSchedule;
import dev.pdkit.oncall.Restriction;
import dev.pdkit.oncall.ScheduleDefinition;
import dev.pdkit.oncall.ScheduleOverride;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * On-call engine cost: rendering a realistic 3-layer schedule with restrictions over 90 days (across
 * a DST change), and computing a 5-level escalation timeline whose levels resolve schedules.
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar OnCall -f 1 -wi 2 -i 3 -rf json -rff benchmarks/target/oncall.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OnCallBenchmark {
  private static final Instant SINCE = Instant.parse("2024-02-01T00:00:00Z");
  private static final Instant UNTIL = SINCE.plus(Duration.ofDays(90)); // spans the March DST switch

  private ScheduleDefinition threeLayers;
  private OnCallEngine engine;
  private EscalationPolicyDefinition fiveLevels;
  private Instant trigger;

  @Setup
  public void setUp() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant start = Instant.parse("2024-01-01T08:00:00Z");
    LayerDefinition weekly =
        LayerDefinition.builder()
            .name("weekly 24/7")
            .start(start)
            .rotationVirtualStart(start)
            .rotationTurnLength(Duration.ofDays(7))
            .users(List.of("U1", "U2", "U3", "U4", "U5"))
            .build();
    LayerDefinition.Builder office =
        LayerDefinition.builder()
            .name("office hours")
            .start(start)
            .rotationVirtualStart(start)
            .rotationTurnLength(Duration.ofDays(1))
            .users(List.of("O1", "O2", "O3"));
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
      office.addRestriction(Restriction.weekly(d, LocalTime.of(9, 0), Duration.ofHours(8)));
    }
    LayerDefinition nights =
        LayerDefinition.builder()
            .name("nights")
            .start(start)
            .rotationVirtualStart(start.minus(Duration.ofHours(3)))
            .rotationTurnLength(Duration.ofHours(12))
            .users(List.of("N1", "N2"))
            .addRestriction(Restriction.daily(LocalTime.of(22, 0), Duration.ofHours(8)))
            .build();
    ScheduleDefinition.Builder b =
        ScheduleDefinition.builder().id("PRIMARY").timeZone(berlin).addLayer(weekly).addLayer(office.build()).addLayer(nights);
    for (int i = 0; i < 10; i++) {
      Instant o = SINCE.plus(Duration.ofDays(7L * i + 2)).plus(Duration.ofHours(10));
      b.addOverride(new ScheduleOverride(o, o.plus(Duration.ofHours(6)), "X" + i));
    }
    threeLayers = b.build();
    ScheduleDefinition secondary =
        ScheduleDefinition.builder()
            .id("SECONDARY")
            .timeZone(ZoneId.of("America/New_York"))
            .addLayer(weekly.toBuilder().users(List.of("S1", "S2", "S3")).build())
            .build();
    engine = OnCallEngine.of(List.of(threeLayers, secondary));
    fiveLevels =
        EscalationPolicyDefinition.builder()
            .id("EP")
            .addRule(15, EscalationTarget.schedule("PRIMARY"))
            .addRule(15, EscalationTarget.schedule("SECONDARY"))
            .addRule(30, EscalationTarget.schedule("PRIMARY"), EscalationTarget.schedule("SECONDARY"))
            .addRule(30, EscalationTarget.user("MGR1"))
            .addRule(60, EscalationTarget.user("VP"), EscalationTarget.schedule("SECONDARY"))
            .numLoops(1)
            .build();
    trigger = Instant.parse("2024-03-30T23:40:00Z");
  }

  /** 3 layers (one weekly 24/7, one weekday office hours, one nightly), 10 overrides, 90 days. */
  @Benchmark
  public RenderedSchedule render3Layers90Days() {
    return threeLayers.render(SINCE, UNTIL);
  }

  /** 5 levels, 1 loop (10 notification rounds), schedule targets resolved at each round. */
  @Benchmark
  public EscalationTimeline timeline5Levels() {
    return engine.timeline(fiveLevels, trigger);
  }
}
