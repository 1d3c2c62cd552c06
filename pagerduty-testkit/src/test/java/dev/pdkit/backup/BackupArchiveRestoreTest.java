package dev.pdkit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.errors.BackupException;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Restores from encrypted archives: the round trip, and a wrong key or an altered byte restoring nothing. */
class BackupArchiveRestoreTest {
  private static final Secret PASS = Secret.of("correct horse battery staple");

  @TempDir Path dir;
  private FakePagerDuty source;
  private FakePagerDuty target;
  private PagerDuty sourcePd;
  private PagerDuty targetPd;

  @BeforeEach
  void start() {
    source = FakePagerDuty.builder().token("src-token").user("ops@example.com").start();
    target = FakePagerDuty.builder().token("dst-token").user("ops@example.com").seed(11).start();
    sourcePd = PagerDuty.builder().apiUrl(source.baseUrl()).apiToken("src-token").from("ops@example.com").build();
    targetPd = PagerDuty.builder().apiUrl(target.baseUrl()).apiToken("dst-token").from("ops@example.com").build();
    AccountSeeds.seed(sourcePd, AccountSeeds.Shape.WIDE, source.now(), "");
  }

  @AfterEach
  void stop() {
    sourcePd.close();
    targetPd.close();
    source.close();
    target.close();
  }

  private Path createArchive() {
    Backups backups = Backups.builder().client(sourcePd).clock(source.clock()).store(BackupStore.directory(dir)).build();
    BackupStore.Saved saved = backups.create(Encryption.passphrase(PASS, new dev.pdkit.spi.MasterKey.Argon2(64, 1, 1)));
    assertThat(saved.manifest().count(BackupKind.SERVICE)).isEqualTo(4);
    assertThat(saved.manifest().count(BackupKind.INTEGRATION)).isEqualTo(5);
    return Path.of(saved.backup().location());
  }

  private Backups into() {
    return Backups.builder().client(targetPd).clock(target.clock()).build();
  }

  @Test
  void restore_fromEncryptedArchive_intoOtherAccount_matchesSourceModuloIds() throws IOException {
    Path archive = createArchive();
    String bytes = new String(Files.readAllBytes(archive), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(bytes).doesNotContain("service-0").doesNotContain("user0@example.com"); // encrypted

    RestoreResult result = into().restore(archive, Decryption.passphrase(PASS),
        RestoreOptions.builder().createMissingUsers(true).build());
    assertThat(result.verified()).as(result.verification().toText()).isTrue();

    List<BackupRecord> fromSource = new ArrayList<>();
    Backups.builder().client(sourcePd).clock(source.clock()).build().capture(fromSource::add);
    List<BackupRecord> fromTarget = new ArrayList<>();
    into().capture(fromTarget::add);
    assertThat(BackupContent.of(fromSource, source.now()).differences(BackupContent.of(fromTarget, source.now())))
        .isEmpty();
  }

  @Test
  void restore_wrongPassphrase_failsWithOneLineAndRestoresNothing() {
    Path archive = createArchive();
    String before = target.state().without("now").toString();
    assertThatThrownBy(() -> into().restore(archive, Decryption.passphrase(Secret.of("not-the-passphrase-42")),
        RestoreOptions.builder().createMissingUsers(true).build()))
        .isInstanceOf(BackupException.class)
        .satisfies(e -> assertThat(((BackupException) e).reason()).isEqualTo(BackupException.Reason.WRONG_PASSPHRASE))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("not-the-passphrase-42"));
    assertThat(target.state().without("now").toString()).isEqualTo(before);
    assertThat(target.requests()).noneMatch(r -> !r.method().equals("GET"));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.6, 0.97})
  void restore_archiveWithOneFlippedByte_failsAndRestoresNothing(double where) throws IOException {
    Path archive = createArchive();
    byte[] b = Files.readAllBytes(archive);
    int at = (int) (b.length * where);
    b[at] ^= 0x01;
    Files.write(archive, b);
    String before = target.state().without("now").toString();
    assertThatThrownBy(() -> into().restore(archive, Decryption.passphrase(PASS),
        RestoreOptions.builder().createMissingUsers(true).build()))
        .isInstanceOf(BackupException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(target.state().without("now").toString()).isEqualTo(before);
    assertThat(target.requests()).noneMatch(r -> !r.method().equals("GET"));
  }
}
