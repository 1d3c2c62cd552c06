package dev.pdkit.backup;

import java.util.List;
import java.util.Objects;

/**
 * What a prune kept and deleted (or, for a dry run, would delete), newest first.
 *
 * @param kept archives kept, each with why
 * @param deleted archives deleted (or to delete)
 * @param dryRun whether nothing was actually deleted
 */
public record PruneResult(List<Kept> kept, List<StoredBackup> deleted, boolean dryRun) {
  public PruneResult {
    kept = List.copyOf(kept);
    deleted = List.copyOf(deleted);
  }

  /**
   * A kept archive.
   *
   * @param backup the archive
   * @param reasons why: {@code daily 2026-11-28}, {@code weekly 2026-W48}, {@code dated after now}
   */
  public record Kept(StoredBackup backup, List<String> reasons) {
    public Kept {
      Objects.requireNonNull(backup, "backup");
      reasons = List.copyOf(reasons);
    }
  }
}
