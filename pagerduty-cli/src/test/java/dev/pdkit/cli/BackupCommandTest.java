package dev.pdkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.Secret;
import dev.pdkit.backup.ArchiveInfo;
import dev.pdkit.backup.BackupKind;
import dev.pdkit.backup.BackupRecord;
import dev.pdkit.backup.BackupStore;
import dev.pdkit.backup.Encryption;
import dev.pdkit.backup.RecipientKey;
import dev.pdkit.spi.MasterKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
  static final String PASS = "tr0ub4dor&3-backup";
  static final MasterKey.Argon2 CHEAP = new MasterKey.Argon2(64, 1, 1);
  @TempDir Path tmp;

  Path dir() {
    return tmp.resolve("backups");
  }

  String save(Encryption enc, Instant created) {
    return BackupStore.directory(dir()).save(ArchiveInfo.of("acme", created), enc, w -> {
      w.add(new BackupRecord(BackupKind.USER, "PU1", "{\"id\":\"PU1\",\"email\":\"a@example.com\"}"));
      w.add(new BackupRecord(BackupKind.SERVICE, "PS1", "{\"id\":\"PS1\",\"name\":\"checkout\"}"));
    }).backup().name();
  }

  CliRun run(Map<String, String> env, String... args) {
    return CliRun.of(env, args);
  }

  @Test
  void verify_passphraseFromEnvironment_printsOkAndCounts() {
    String name = save(Encryption.passphrase(Secret.of(PASS), CHEAP), Instant.parse("2026-11-28T01:00:00Z"));
    CliRun r = run(Map.of("PDKIT_BACKUP_PASSPHRASE", PASS), "backup", "verify", "--dir", dir().toString(), name);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("OK ").contains("2 records (user 1, service 1)").contains("account acme")
        .contains("encryption passphrase");
    assertThat(r.out() + r.err()).doesNotContain(PASS);
  }

  @Test
  void verify_wrongPassphrase_oneLineExit1() throws IOException {
    String name = save(Encryption.passphrase(Secret.of(PASS), CHEAP), Instant.parse("2026-11-28T01:00:00Z"));
    Path file = tmp.resolve("pass.txt");
    Files.writeString(file, "not it\n");
    CliRun r = run(Map.of(), "backup", "verify", "--dir", dir().toString(), "--passphrase-file", file.toString(), name);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("pdkit: error: " + name + ": wrong passphrase: it does not open this archive");
    assertThat(r.err()).doesNotContain("not it");
  }

  @Test
  void verify_noPassphrase_usageExit2() {
    String name = save(Encryption.passphrase(Secret.of(PASS), CHEAP), Instant.parse("2026-11-28T01:00:00Z"));
    CliRun r = run(Map.of(), "backup", "verify", "--dir", dir().toString(), name);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("PDKIT_BACKUP_PASSPHRASE").contains("--passphrase-file");
  }

  @Test
  void verify_tamperedArchive_oneLineExit1() throws IOException {
    String name = save(Encryption.passphrase(Secret.of(PASS), CHEAP), Instant.parse("2026-11-28T01:00:00Z"));
    Path f = dir().resolve(name);
    byte[] b = Files.readAllBytes(f);
    b[b.length - 40] ^= 1;
    Files.write(f, b);
    CliRun r = run(Map.of("PDKIT_BACKUP_PASSPHRASE", PASS), "backup", "verify", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(name + ": archive was altered or damaged");
  }

  @Test
  void verify_missingArchive_usageExit2() {
    CliRun r = run(Map.of(), "backup", "verify", "--dir", dir().toString(), "nope.pdbackup");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("nope.pdbackup: no such archive");
  }

  @Test
  void keygen_thenVerifyRecipientArchiveWithIdentity() throws IOException {
    Path prefix = tmp.resolve("keys/ops");
    CliRun k = run(Map.of(), "backup", "keygen", "--out", prefix.toString());
    assertThat(k.exitCode()).as(k.err()).isZero();
    Path key = tmp.resolve("keys/ops.key");
    Path pub = tmp.resolve("keys/ops.pub");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(k.out()).contains("-----BEGIN PUBLIC KEY-----").doesNotContain("PRIVATE KEY-----");

    String name = save(Encryption.recipients(List.of(RecipientKey.parse(Files.readString(pub)))),
        Instant.parse("2026-11-28T02:00:00Z"));
    CliRun noKey = run(Map.of(), "backup", "verify", "--dir", dir().toString(), name);
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.err()).contains("--identity");
    CliRun ok = run(Map.of(), "backup", "verify", "--dir", dir().toString(), "--identity", key.toString(), name);
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("encryption x25519");

    CliRun again = run(Map.of(), "backup", "keygen", "--out", prefix.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already exists");
  }

  @Test
  void list_showsArchivesOldestFirst_textAndJson() {
    CliRun empty = run(Map.of(), "backup", "list", "--dir", dir().toString());
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.out()).contains("No archives");
    String a = save(Encryption.none(), Instant.parse("2026-11-27T01:00:00Z"));
    String b = save(Encryption.passphrase(Secret.of(PASS), CHEAP), Instant.parse("2026-11-28T01:00:00Z"));
    CliRun r = run(Map.of(), "backup", "list", "--dir", dir().toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().indexOf(a)).isLessThan(r.out().indexOf(b)).isPositive();
    assertThat(r.out()).contains("passphrase").contains("2 archives");
    CliRun j = run(Map.of(), "backup", "list", "--dir", dir().toString(), "--format", "json");
    assertThat(j.out()).contains("\"name\" : \"" + b + "\"").contains("\"records\" : 2").contains("\"user\" : 1");
  }

  @Test
  void prune_dryRunThenReal() {
    for (int d = 1; d <= 5; d++) {
      save(Encryption.none(), Instant.parse("2026-11-2" + d + "T01:00:00Z"));
    }
    CliRun dry = run(Map.of(), "backup", "prune", "--dir", dir().toString(), "--keep-daily", "2", "--keep-weekly", "0", "--dry-run");
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("would delete 3, kept 2");
    assertThat(BackupStore.directory(dir()).list()).hasSize(5);
    CliRun real = run(Map.of(), "backup", "prune", "--dir", dir().toString(), "--keep-daily", "2", "--keep-weekly", "0");
    assertThat(real.out()).contains("Deleted 3, kept 2");
    assertThat(BackupStore.directory(dir()).list()).hasSize(2);
    CliRun bad = run(Map.of(), "backup", "prune", "--dir", dir().toString(), "--keep-daily", "0", "--keep-weekly", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("delete every archive");
  }
}
