package dev.pdkit.backup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One archive in a {@link BackupStore}, as listed (nothing verified).
 *
 * @param name the archive's name in the store (for the local directory store, its file name:
 *     {@code pdkit-backup-20261128T010203.456Z-acme.pdbackup}); names sort by creation time
 * @param location where it is, for people and tools (the absolute path for the directory store)
 * @param created when the backup was taken, from its name
 * @param size bytes
 * @param summary the archive's public header and footer, or null if they could not be read
 * @param problem why {@code summary} is null (e.g. {@code archive header is damaged}), else null
 */
public record StoredBackup(String name, String location, Instant created, long size,
    @Nullable ArchiveSummary summary, @Nullable String problem) {
  public StoredBackup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(created, "created");
  }

  /** The summary, if readable. */
  public Optional<ArchiveSummary> summaryIfReadable() {
    return Optional.ofNullable(summary);
  }
}
