package dev.pdkit.backup;

import java.io.OutputStream;

/**
 * A new archive being written to a {@link BackupStore}. It becomes visible, under its final name,
 * only when {@link #commit()} returns; {@link #close()} without a commit discards it. A crash
 * half-way leaves at most a hidden partial file that {@link BackupStore#list()} ignores and
 * {@link BackupStore#prune} removes. Not thread-safe.
 */
public interface PendingBackup extends AutoCloseable {
  /** Where to write the archive bytes. Do not close it; {@link #commit()} does. */
  OutputStream output();

  /**
   * Flushes the archive to stable storage and publishes it atomically under its final name.
   *
   * @throws dev.pdkit.errors.BackupException if writing or publishing fails (the partial file is
   *     removed)
   */
  StoredBackup commit();

  /** Discards the archive unless committed. Idempotent. */
  @Override
  void close();
}
