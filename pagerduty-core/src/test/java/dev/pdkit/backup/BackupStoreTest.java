package dev.pdkit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.errors.BackupException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupStoreTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  @TempDir Path dir;

  BackupStore store() {
    return BackupStore.directory(dir, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  BackupStore.Saved save(BackupStore store, Instant created, int records) {
    return store.save(ArchiveInfo.of("Acme Corp", created), Encryption.none(), w -> {
      for (int i = 0; i < records; i++) {
        w.add(new BackupRecord(BackupKind.SERVICE, "PS" + i, "{\"id\":\"PS" + i + "\"}"));
      }
    });
  }

  @Test
  void save_thenList_showsSummaryWithoutKeyAndSortsByTime() {
    BackupStore store = store();
    save(store, Instant.parse("2026-11-27T10:00:00Z"), 3);
    BackupStore.Saved newest = save(store, Instant.parse("2026-11-28T10:00:00.5Z"), 2);
    save(store, Instant.parse("2026-11-26T10:00:00Z"), 1);
    List<StoredBackup> list = store.list();
    assertThat(list).extracting(StoredBackup::name).containsExactly(
        "pdkit-backup-20261126T100000.000Z-acme-corp.pdbackup",
        "pdkit-backup-20261127T100000.000Z-acme-corp.pdbackup",
        "pdkit-backup-20261128T100000.500Z-acme-corp.pdbackup");
    StoredBackup last = list.get(2);
    assertThat(last).isEqualTo(newest.backup());
    assertThat(last.summary().account()).isEqualTo("Acme Corp");
    assertThat(last.summary().counts()).containsEntry(BackupKind.SERVICE, 2L);
    assertThat(last.location()).isEqualTo(dir.resolve(last.name()).toAbsolutePath().toString());
    assertThat(newest.manifest().entries()).isEqualTo(2);
    try (InputStream in = store.open(last)) {
      assertThat(BackupArchive.verify(in, Decryption.none())).isEqualTo(newest.manifest());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void save_sameMillisecondTwice_neverOverwrites() {
    BackupStore store = store();
    Instant t = Instant.parse("2026-11-28T10:00:00Z");
    save(store, t, 1);
    save(store, t, 2);
    assertThat(store.list()).extracting(StoredBackup::name).containsExactly(
        "pdkit-backup-20261128T100000.000Z-acme-corp.pdbackup",
        "pdkit-backup-20261128T100000.001Z-acme-corp.pdbackup");
  }

  @Test
  void save_bodyThrows_publishesNothingAndLeavesNoPartial() throws IOException {
    BackupStore store = store();
    assertThatThrownBy(() -> store.save(ArchiveInfo.of("acme", NOW), Encryption.none(), w -> {
      w.add(new BackupRecord(BackupKind.USER, "PU1", "{}"));
      throw new IllegalStateException("reading the account failed");
    })).hasMessage("reading the account failed");
    assertThat(store.list()).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void pending_crashBeforeCommit_isInvisibleAndPrunedWhenStale() throws IOException {
    BackupStore store = store();
    save(store, NOW.minusSeconds(60), 1);
    PendingBackup crashed = store.create(ArchiveInfo.of("acme", NOW));
    crashed.output().write("PDKITBAK half an archive".getBytes());
    crashed.output().flush();
    // the process dies here: no commit, no close
    assertThat(store.list()).hasSize(1);
    Path partial;
    try (Stream<Path> files = Files.list(dir)) {
      partial = files.filter(p -> p.getFileName().toString().endsWith(".partial")).findFirst().orElseThrow();
    }
    Files.setLastModifiedTime(partial, FileTime.from(NOW.minusSeconds(600)));
    store.prune(Retention.of(7, 4), false);
    assertThat(partial).as("a fresh partial may belong to a running backup").exists();
    Files.setLastModifiedTime(partial, FileTime.from(NOW.minusSeconds(2 * 3600)));
    store.prune(Retention.of(7, 4), false);
    assertThat(partial).doesNotExist();
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void list_ignoresForeignFilesAndReportsDamagedArchives() throws IOException {
    BackupStore store = store();
    Files.writeString(dir.resolve("notes.txt"), "hello");
    Files.writeString(dir.resolve("pdkit-backup-20261128T100000.000Z-acme.pdbackup"), "garbage");
    List<StoredBackup> list = store.list();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).summary()).isNull();
    assertThat(list.get(0).problem()).contains("not a pdkit backup archive");
    store.prune(Retention.of(1, 0), false);
    assertThat(dir.resolve("notes.txt")).exists();
  }

  @Test
  void prune_keepsNewestPerDayAndWeek_deletesTheRest() {
    BackupStore store = store();
    // three a day for ten days
    for (int d = 0; d < 10; d++) {
      for (int h : new int[] {1, 9, 17}) {
        save(store, NOW.minus(java.time.Duration.ofDays(d)).atZone(ZoneOffset.UTC).withHour(h).toInstant(), 0);
      }
    }
    PruneResult dry = store.prune(Retention.of(3, 2), true);
    assertThat(store.list()).hasSize(30);
    assertThat(dry.dryRun()).isTrue();
    PruneResult r = store.prune(Retention.of(3, 2), false);
    assertThat(r.deleted()).isEqualTo(dry.deleted());
    // 2026-11-28 is a Saturday in ISO week 48: days 28, 27, 26 (daily) and the newest of week 47
    assertThat(store.list()).extracting(StoredBackup::name).containsExactly(
        "pdkit-backup-20261122T170000.000Z-acme-corp.pdbackup",
        "pdkit-backup-20261126T170000.000Z-acme-corp.pdbackup",
        "pdkit-backup-20261127T170000.000Z-acme-corp.pdbackup",
        "pdkit-backup-20261128T170000.000Z-acme-corp.pdbackup");
    assertThat(r.kept().get(0).reasons()).containsExactly("dated after now", "daily 2026-11-28", "weekly 2026-W48");
  }

  @Test
  void delete_refusesForeignNames() {
    StoredBackup foreign = new StoredBackup("notes.txt", dir.resolve("notes.txt").toString(), NOW, 1, null, null);
    assertThatThrownBy(() -> store().delete(foreign)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void open_missing_saysSo() {
    StoredBackup gone = new StoredBackup("pdkit-backup-20261128T100000.000Z-acme.pdbackup", "x", NOW, 1, null, null);
    assertThatThrownBy(() -> store().open(gone)).isInstanceOf(BackupException.class).hasMessageContaining("no such archive");
  }
}
