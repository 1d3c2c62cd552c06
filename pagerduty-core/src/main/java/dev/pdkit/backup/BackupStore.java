package dev.pdkit.backup;

import dev.pdkit.backup.internal.DirectoryBackupStore;
import dev.pdkit.backup.internal.NonClosingOutputStream;
import dev.pdkit.errors.BackupException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where archives live: list, write atomically, read, delete, prune by a {@link Retention}. The
 * stock implementation is a local directory ({@link #directory(Path)}); implement this interface
 * for other storage (object stores), keeping its contract: archive names sort by creation time, a
 * new archive appears only complete ({@link PendingBackup#commit()}), and {@link #list()} reads no
 * key.
 *
 * <pre>{@code
 * BackupStore store = BackupStore.directory(Path.of("backups"));
 * BackupStore.Saved saved = store.save(ArchiveInfo.of("acme", Instant.now()), encryption,
 *     writer -> records.forEach(writer::add));
 * store.prune(Retention.of(7, 4), false);
 * }</pre>
 *
 * <p>Implementations are thread-safe; every failure is a {@link BackupException} naming the archive.
 */
public interface BackupStore {

  /**
   * Archives in {@code dir} (created on first write), with the system UTC clock.
   *
   * <p>Files are named {@code pdkit-backup-<yyyyMMdd'T'HHmmss.SSS'Z'>-<account>.pdbackup}; other
   * files in the directory are ignored and never deleted. Writes go to a hidden
   * {@code .pdkit-backup-*.partial} file, are flushed to disk, then hard-linked (or atomically
   * renamed) to their final name.
   */
  static BackupStore directory(Path dir) {
    return directory(dir, Clock.systemUTC());
  }

  /** As {@link #directory(Path)} with a clock (for "now" in {@link #prune}). */
  static BackupStore directory(Path dir, Clock clock) {
    return new DirectoryBackupStore(Objects.requireNonNull(dir, "dir"), Objects.requireNonNull(clock, "clock"));
  }

  /** Where this store is, for messages (the directory path). */
  String location();

  /** The store's clock. */
  Clock clock();

  /**
   * Every archive, oldest first, with its public summary when readable (no key needed; nothing
   * verified).
   */
  List<StoredBackup> list();

  /** The archive with this name (or, for the directory store, this path), if present. */
  Optional<StoredBackup> find(String nameOrLocation);

  /** Starts a new archive for {@code info}; its name comes from {@code info.created()}. */
  PendingBackup create(ArchiveInfo info);

  /** Reads an archive's bytes. The caller closes the stream. */
  InputStream open(StoredBackup backup);

  /** Deletes an archive. */
  void delete(StoredBackup backup);

  /**
   * Deletes the archives {@code retention} does not keep (see {@link Retention#plan}), judged at
   * the store clock's "now", and removes partial files left by crashed writes more than an hour
   * old. With {@code dryRun}, deletes nothing and reports what would go.
   */
  default PruneResult prune(Retention retention, boolean dryRun) {
    PruneResult plan = retention.plan(list(), clock().instant());
    if (!dryRun) {
      plan.deleted().forEach(this::delete);
    }
    return new PruneResult(plan.kept(), plan.deleted(), dryRun);
  }

  /**
   * Writes a whole archive: opens a writer on a new pending archive, lets {@code body} add the
   * records, finishes and commits. If {@code body} throws, nothing is published.
   */
  default Saved save(ArchiveInfo info, Encryption encryption, Consumer<BackupArchive.Writer> body) {
    Objects.requireNonNull(body, "body");
    try (PendingBackup pending = create(info)) {
      Manifest manifest;
      BackupArchive.Writer writer = BackupArchive.write(new NonClosingOutputStream(pending.output()), encryption, info);
      try {
        body.accept(writer);
        manifest = writer.finish();
      } finally {
        writer.close();
      }
      return new Saved(pending.commit(), manifest);
    }
  }

  /**
   * A saved archive and its manifest.
   *
   * @param backup where it is
   * @param manifest what it holds
   */
  record Saved(StoredBackup backup, Manifest manifest) {}
}
