package dev.pdkit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class RetentionTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  static List<StoredBackup> backups(List<Long> minutesAgo) {
    List<StoredBackup> out = new ArrayList<>();
    int i = 0;
    for (long m : minutesAgo) {
      Instant t = NOW.minusSeconds(m * 60);
      out.add(new StoredBackup("b" + (i++), "x", t, 1, null, null));
    }
    return out;
  }

  @Property(tries = 300)
  void plan_keepsExactlyTheNewestOfTheMostRecentDaysAndWeeks(
      @ForAll @Size(max = 60) List<@LongRange(min = -600, max = 60 * 24 * 120) Long> minutesAgo,
      @ForAll @IntRange(min = 0, max = 10) int daily, @ForAll @IntRange(min = 0, max = 6) int weekly) {
    if (daily + weekly == 0) {
      return;
    }
    List<StoredBackup> all = backups(minutesAgo);
    PruneResult r = Retention.of(daily, weekly).plan(all, NOW);
    Set<StoredBackup> kept = r.kept().stream().map(PruneResult.Kept::backup).collect(Collectors.toSet());

    // partition
    assertThat(kept.size() + r.deleted().size()).isEqualTo(all.size());
    assertThat(Collections.disjoint(kept, r.deleted())).isTrue();

    // the model: newest per bucket among the N most recent buckets that have backups
    List<StoredBackup> sorted = new ArrayList<>(all);
    sorted.sort((a, b) -> b.created().compareTo(a.created()) != 0 ? b.created().compareTo(a.created())
        : b.name().compareTo(a.name()));
    Set<StoredBackup> expected = new HashSet<>();
    List<LocalDate> days = sorted.stream().map(b -> LocalDate.ofInstant(b.created(), ZoneOffset.UTC)).distinct().toList();
    for (LocalDate d : days.subList(0, Math.min(daily, days.size()))) {
      expected.add(sorted.stream().filter(b -> LocalDate.ofInstant(b.created(), ZoneOffset.UTC).equals(d)).findFirst().orElseThrow());
    }
    List<String> weeks = sorted.stream().map(b -> week(b.created())).distinct().toList();
    for (String w : weeks.subList(0, Math.min(weekly, weeks.size()))) {
      expected.add(sorted.stream().filter(b -> week(b.created()).equals(w)).findFirst().orElseThrow());
    }
    sorted.stream().filter(b -> b.created().isAfter(NOW)).forEach(expected::add);
    assertThat(kept).isEqualTo(expected);

    // the newest archive always survives; at most daily + weekly + future ones are kept
    if (!all.isEmpty()) {
      assertThat(kept).contains(sorted.get(0));
    }
    long future = all.stream().filter(b -> b.created().isAfter(NOW)).count();
    assertThat((long) kept.size()).isLessThanOrEqualTo(daily + weekly + future);

    // deterministic and idempotent: pruning the survivors again deletes nothing
    assertThat(Retention.of(daily, weekly).plan(new ArrayList<>(kept), NOW).deleted()).isEmpty();
    List<StoredBackup> shuffled = new ArrayList<>(all);
    Collections.reverse(shuffled);
    assertThat(Retention.of(daily, weekly).plan(shuffled, NOW).deleted()).containsExactlyInAnyOrderElementsOf(r.deleted());
  }

  static String week(Instant t) {
    LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
    return d.get(IsoFields.WEEK_BASED_YEAR) + "-" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  @net.jqwik.api.Example
  void of_zeroAndZero_refused() {
    assertThatThrownBy(() -> Retention.of(0, 0)).hasMessageContaining("delete every archive");
    assertThatThrownBy(() -> Retention.of(-1, 2)).hasMessageContaining("negative");
  }
}
