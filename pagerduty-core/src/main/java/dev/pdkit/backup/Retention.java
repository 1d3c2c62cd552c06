package dev.pdkit.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which archives {@link BackupStore#prune} keeps: the newest archive of each of the {@code daily}
 * most recent days that have archives, and the newest of each of the {@code weekly} most recent ISO
 * weeks that have archives (an archive can count for both). Days with no backup do not use up the
 * allowance, so a job that stopped for a month still leaves its last archives. Archives dated after
 * "now" (clock skew) are always kept. Everything else is deleted. Deterministic: the result depends
 * only on the archives' times, "now" and the zone.
 *
 * @param daily days to keep one archive for (0 or more)
 * @param weekly ISO weeks to keep one archive for (0 or more)
 * @param zone where days and weeks begin (UTC by default)
 */
public record Retention(int daily, int weekly, ZoneId zone) {
  public Retention {
    Objects.requireNonNull(zone, "zone");
    if (daily < 0 || weekly < 0) {
      throw new IllegalArgumentException("retention counts must not be negative (daily " + daily
          + ", weekly " + weekly + ")");
    }
    if (daily + weekly == 0) {
      throw new IllegalArgumentException(
          "retention would delete every archive: keep at least one daily or weekly archive");
    }
  }

  /** Days and weeks in UTC. */
  public static Retention of(int daily, int weekly) {
    return new Retention(daily, weekly, ZoneOffset.UTC);
  }

  /**
   * What {@link BackupStore#prune} would keep and delete.
   *
   * @param backups the store's archives, any order
   * @param now the current time (from the store's clock)
   */
  public PruneResult plan(List<StoredBackup> backups, Instant now) {
    Objects.requireNonNull(backups, "backups");
    Objects.requireNonNull(now, "now");
    List<StoredBackup> newestFirst = new ArrayList<>(backups);
    newestFirst.sort(Comparator.comparing(StoredBackup::created).thenComparing(StoredBackup::name).reversed());
    Map<StoredBackup, List<String>> reasons = new LinkedHashMap<>();
    Set<LocalDate> days = new HashSet<>();
    Set<String> weeks = new HashSet<>();
    for (StoredBackup b : newestFirst) {
      List<String> why = new ArrayList<>();
      if (b.created().isAfter(now)) {
        why.add("dated after now");
      }
      LocalDate day = LocalDate.ofInstant(b.created(), zone);
      if (days.size() < daily && days.add(day)) {
        why.add("daily " + day);
      }
      String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-W"
          + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      if (weeks.size() < weekly && weeks.add(week)) {
        why.add("weekly " + week);
      }
      reasons.put(b, why);
    }
    List<PruneResult.Kept> kept = new ArrayList<>();
    List<StoredBackup> deleted = new ArrayList<>();
    reasons.forEach((b, why) -> {
      if (why.isEmpty()) {
        deleted.add(b);
      } else {
        kept.add(new PruneResult.Kept(b, why));
      }
    });
    return new PruneResult(kept, deleted, false);
  }
}
