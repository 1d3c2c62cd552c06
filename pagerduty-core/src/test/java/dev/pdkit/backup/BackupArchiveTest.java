package dev.pdkit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pdkit.Secret;
import dev.pdkit.errors.BackupException;
import dev.pdkit.errors.BackupException.Reason;
import dev.pdkit.spi.MasterKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BackupArchiveTest {
  /** Cheap Argon2id so tests stay fast; the cost is recorded in the header either way. */
  static final MasterKey.Argon2 CHEAP = new MasterKey.Argon2(64, 1, 1);
  static final Secret PASS = Secret.of("correct horse battery staple");
  static final IdentityKey ALICE = IdentityKey.generate();
  static final IdentityKey BOB = IdentityKey.generate();
  static final Instant CREATED = Instant.parse("2026-11-28T01:02:03.456Z");
  static final BackupArchive.Options SMALL_CHUNKS = new BackupArchive.Options(1024, 6);

  record Mode(String name, Encryption enc, Decryption dec) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Mode> modes() {
    return Stream.of(
        new Mode("none", Encryption.none(), Decryption.none()),
        new Mode("passphrase", Encryption.passphrase(PASS, CHEAP), Decryption.passphrase(PASS)),
        new Mode("recipients", Encryption.recipients(List.of(ALICE.recipient(), BOB.recipient())),
            Decryption.identity(BOB)));
  }

  static List<BackupRecord> records(int n, long seed) {
    Random random = new Random(seed);
    List<BackupRecord> out = new ArrayList<>();
    BackupKind[] kinds = BackupKind.values();
    for (int i = 0; i < n; i++) {
      BackupKind k = kinds[i % kinds.length];
      out.add(new BackupRecord(k, "P" + i + "é",
          "{\"id\":\"P" + i + "\",\"name\":\"resource " + i + " ✓\",\"n\":" + random.nextInt() + "}"));
    }
    return out;
  }

  static byte[] archive(Encryption enc, List<BackupRecord> records, BackupArchive.Options options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BackupArchive.Writer w = BackupArchive.write(out, enc, ArchiveInfo.of("acme", CREATED), options)) {
      records.forEach(w::add);
      w.finish();
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void roundTrip_everyMode_returnsRecordsInOrderAndCheckedManifest(Mode mode) {
    List<BackupRecord> records = records(2000, 1);
    byte[] bytes = archive(mode.enc(), records, SMALL_CHUNKS);
    List<BackupRecord> read = new ArrayList<>();
    Manifest m;
    try (BackupArchive.Reader r = BackupArchive.read(new ByteArrayInputStream(bytes), mode.dec())) {
      assertThat(r.header().account()).isEqualTo("acme");
      assertThat(r.header().encryption()).isEqualTo(mode.enc().mode());
      assertThatThrownBy(r::manifest).isInstanceOf(IllegalStateException.class);
      r.forEachRemaining(read::add);
      m = r.manifest();
    }
    assertThat(read).isEqualTo(records);
    assertThat(m.entries()).isEqualTo(2000);
    assertThat(m.count(BackupKind.USER)).isEqualTo(2000 / BackupKind.values().length + 1);
    assertThat(m.account()).isEqualTo("acme");
    assertThat(m.created()).isEqualTo(CREATED);
    assertThat(m.apiVersion()).isEqualTo("v2");
    assertThat(m.encryption()).isEqualTo(mode.enc().mode());
    assertThat(m.sha256()).hasSize(64);
    assertThat(BackupArchive.verify(new ByteArrayInputStream(bytes), mode.dec())).isEqualTo(m);
  }

  @Test
  void write_emptyArchive_verifies() {
    byte[] bytes = archive(Encryption.passphrase(PASS, CHEAP), List.of(), BackupArchive.Options.DEFAULTS);
    assertThat(BackupArchive.verify(new ByteArrayInputStream(bytes), Decryption.passphrase(PASS)).entries()).isZero();
  }

  @Test
  void write_sameRecords_sameDigestWhateverTheEncryption() {
    List<BackupRecord> records = records(50, 2);
    String a = BackupArchive.verify(new ByteArrayInputStream(archive(Encryption.none(), records,
        SMALL_CHUNKS)), Decryption.none()).sha256();
    String b = BackupArchive.verify(new ByteArrayInputStream(archive(Encryption.recipients(List.of(ALICE.recipient())),
        records, SMALL_CHUNKS)), Decryption.identity(ALICE)).sha256();
    assertThat(a).isEqualTo(b);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void verify_everySingleFlippedByte_fails(Mode mode) {
    // two chunks, so that chunk boundaries, frame headers and the footer are all covered
    byte[] good = archive(mode.enc(), records(28, 3), SMALL_CHUNKS);
    assertThat(good.length - indexOfFirstFrame(good)).as("payload spans two chunks").isGreaterThan(1024 + 100);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= (byte) (1 << (i % 8));
      int at = i;
      BackupException e = catchThrowableOfType(
          () -> BackupArchive.verify(new ByteArrayInputStream(bad), mode.dec()), BackupException.class);
      assertThat(e).as("flipping byte %d of %d", at, good.length).isNotNull();
      assertThat(e.getMessage()).doesNotContain("\n");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void verify_everyTruncation_fails(Mode mode) {
    byte[] good = archive(mode.enc(), records(28, 4), SMALL_CHUNKS);
    for (int len = 0; len < good.length; len++) {
      byte[] cut = java.util.Arrays.copyOf(good, len);
      assertThatThrownBy(() -> BackupArchive.verify(new ByteArrayInputStream(cut), mode.dec()))
          .as("truncated to %d", len).isInstanceOf(BackupException.class);
    }
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> BackupArchive.verify(new ByteArrayInputStream(longer), mode.dec()))
        .isInstanceOf(BackupException.class).hasMessageContaining("footer");
  }

  @Test
  void verify_truncatedAtChunkBoundary_saysTruncated() {
    byte[] good = archive(Encryption.passphrase(PASS, CHEAP), records(200, 5), SMALL_CHUNKS);
    // header + first frame (1 + 4 + 1024 + 16)
    int headerEnd = indexOfFirstFrame(good);
    byte[] cut = java.util.Arrays.copyOf(good, headerEnd + 1045);
    BackupException e = catchThrowableOfType(
        () -> BackupArchive.verify(new ByteArrayInputStream(cut), Decryption.passphrase(PASS)), BackupException.class);
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e).hasMessageContaining("truncated");
  }

  @Test
  void verify_swappedChunks_fail() {
    byte[] good = archive(Encryption.passphrase(PASS, CHEAP), records(300, 6), SMALL_CHUNKS);
    int start = indexOfFirstFrame(good);
    int frame = 1045;
    byte[] swapped = good.clone();
    System.arraycopy(good, start, swapped, start + frame, frame);
    System.arraycopy(good, start + frame, swapped, start, frame);
    BackupException e = catchThrowableOfType(
        () -> BackupArchive.verify(new ByteArrayInputStream(swapped), Decryption.passphrase(PASS)), BackupException.class);
    assertThat(e.reason()).isEqualTo(Reason.TAMPERED);
    assertThat(e).hasMessageContaining("chunk 0").hasMessageContaining("does not authenticate");
  }

  @Test
  void read_wrongPassphrase_saysSo() {
    byte[] bytes = archive(Encryption.passphrase(PASS, CHEAP), records(5, 7), SMALL_CHUNKS);
    BackupException e = catchThrowableOfType(
        () -> BackupArchive.read(new ByteArrayInputStream(bytes), Decryption.passphrase(Secret.of("nope"))),
        BackupException.class);
    assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE);
    assertThat(e).hasMessage("wrong passphrase: it does not open this archive").hasNoCause();
  }

  @Test
  void withPassphrase_replacingAPassphrase_neverReusesTheOldStretchedKey() {
    byte[] bytes = archive(Encryption.passphrase(PASS, CHEAP), records(5, 18), SMALL_CHUNKS);
    Decryption right = Decryption.passphrase(PASS);
    BackupArchive.verify(new ByteArrayInputStream(bytes), right);
    Decryption wrong = right.withPassphrase(Secret.of("something else"));
    assertThatThrownBy(() -> BackupArchive.verify(new ByteArrayInputStream(bytes), wrong))
        .isInstanceOf(BackupException.class).hasMessageContaining("wrong passphrase");
  }

  @Test
  void read_wrongIdentity_namesTheRecipients() {
    byte[] bytes = archive(Encryption.recipients(List.of(ALICE.recipient())), records(5, 8), SMALL_CHUNKS);
    BackupException e = catchThrowableOfType(
        () -> BackupArchive.read(new ByteArrayInputStream(bytes), Decryption.identity(BOB)), BackupException.class);
    assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY);
    assertThat(e).hasMessageContaining(ALICE.recipient().fingerprint())
        .hasMessageContaining(BOB.recipient().fingerprint());
  }

  @Test
  void read_passphraseArchiveWithoutPassphrase_saysHowToGiveOne() {
    byte[] bytes = archive(Encryption.passphrase(PASS, CHEAP), records(1, 9), SMALL_CHUNKS);
    assertThatThrownBy(() -> BackupArchive.read(new ByteArrayInputStream(bytes), Decryption.identity(ALICE)))
        .isInstanceOf(BackupException.class).hasMessageContaining("PDKIT_BACKUP_PASSPHRASE");
  }

  @Test
  void read_unencryptedArchiveWhenKeyExpected_refusedUnlessAllowed() {
    byte[] bytes = archive(Encryption.none(), records(3, 10), SMALL_CHUNKS);
    BackupException e = catchThrowableOfType(
        () -> BackupArchive.read(new ByteArrayInputStream(bytes), Decryption.passphrase(PASS)), BackupException.class);
    assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY);
    assertThat(BackupArchive.verify(new ByteArrayInputStream(bytes), Decryption.passphrase(PASS).orUnencrypted())
        .entries()).isEqualTo(3);
  }

  @Test
  void read_notAnArchive_saysSo() {
    BackupException e = catchThrowableOfType(() -> BackupArchive.read(
        new ByteArrayInputStream("{\"json\":true}".getBytes()), Decryption.none()), BackupException.class);
    assertThat(e.reason()).isEqualTo(Reason.NOT_AN_ARCHIVE);
  }

  @Test
  void read_file_messageNamesTheFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.pdbackup");
    byte[] bytes = archive(Encryption.passphrase(PASS, CHEAP), records(3, 11), SMALL_CHUNKS);
    Files.write(f, bytes);
    assertThatThrownBy(() -> BackupArchive.verify(f, Decryption.passphrase(Secret.of("wrong"))))
        .hasMessage("x.pdbackup: wrong passphrase: it does not open this archive");
    assertThat(BackupArchive.verify(f, Decryption.passphrase(PASS)).entries()).isEqualTo(3);
  }

  @Test
  void writer_closedWithoutFinish_leavesAnArchiveThatFailsAsTruncated() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BackupArchive.Writer w = BackupArchive.write(out, Encryption.none(), ArchiveInfo.of("acme", CREATED))) {
      records(100, 12).forEach(w::add);
      // an exception here would skip finish()
    }
    BackupException e = catchThrowableOfType(() -> BackupArchive.verify(
        new ByteArrayInputStream(out.toByteArray()), Decryption.none()), BackupException.class);
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
  }

  @Test
  void peek_readsPublicHeaderAndFooterWithoutAKey(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a.pdbackup");
    Files.write(f, archive(Encryption.recipients(List.of(ALICE.recipient())), records(18, 13), SMALL_CHUNKS));
    ArchiveSummary s = BackupArchive.peek(f);
    assertThat(s.account()).isEqualTo("acme");
    assertThat(s.created()).isEqualTo(CREATED);
    assertThat(s.encryption()).isEqualTo(EncryptionMode.RECIPIENTS);
    assertThat(s.recipients()).containsExactly(ALICE.recipient().fingerprint());
    assertThat(s.entries()).hasValue(18);
    assertThat(s.counts()).containsEntry(BackupKind.SERVICE, 2L);
    assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("resource 1");
  }

  @Test
  void passphraseArchive_neverContainsThePassphraseOrPlaintext() {
    byte[] bytes = archive(Encryption.passphrase(PASS, CHEAP), records(10, 14), SMALL_CHUNKS);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("correct horse").doesNotContain("resource");
    assertThat(Encryption.passphrase(PASS).toString()).doesNotContain("correct");
    assertThat(Decryption.passphrase(PASS).toString()).doesNotContain("correct");
  }

  @Test
  void writeAndRead_100kRecords_streamWithBoundedMemory(@TempDir Path dir) throws IOException {
    // 100,000 records (about 17 MB of JSON): neither side keeps anything per record, which the
    // retained heap half-way through each side confirms
    Path f = dir.resolve("big.pdbackup");
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    Manifest m;
    try (BackupArchive.Writer w = BackupArchive.write(Files.newOutputStream(f),
        Encryption.recipients(List.of(ALICE.recipient())), ArchiveInfo.of("acme", CREATED))) {
      for (int i = 0; i < 100_000; i++) {
        w.add(user(i));
        if (i == 50_000) {
          System.gc();
          assertThat(rt.totalMemory() - rt.freeMemory() - before).as("writer heap growth half-way")
              .isLessThan(16L << 20);
        }
      }
      m = w.finish();
    }
    assertThat(m.entries()).isEqualTo(100_000);
    // compressed JSON plus 32 incompressible bytes of SHA-256 per record
    assertThat(Files.size(f)).isLessThan(17_000_000L / 2);
    System.gc();
    before = rt.totalMemory() - rt.freeMemory();
    try (BackupArchive.Reader r = BackupArchive.read(f, Decryption.identity(ALICE))) {
      int i = 0;
      while (r.hasNext()) {
        BackupRecord rec = r.next();
        if (i % 10_000 == 0) {
          assertThat(rec).isEqualTo(user(i));
        }
        if (i == 50_000) {
          System.gc();
          assertThat(rt.totalMemory() - rt.freeMemory() - before).as("reader heap growth half-way")
              .isLessThan(16L << 20);
        }
        i++;
      }
      assertThat(r.manifest()).isEqualTo(m);
    }
  }

  private static BackupRecord user(int i) {
    return new BackupRecord(BackupKind.USER, "PU" + i,
        "{\"id\":\"PU" + i + "\",\"type\":\"user\",\"email\":\"user" + i + "@example.com\",\"name\":\"User " + i
            + "\",\"time_zone\":\"Europe/Paris\",\"role\":\"user\"}");
  }

  @Test
  void verify_largerArchive_denseRandomSampleOfFlippedBytes_allFail() {
    List<BackupRecord> many = records(5000, 15);
    byte[] good = archive(Encryption.passphrase(PASS, CHEAP), many, BackupArchive.Options.DEFAULTS);
    Decryption dec = Decryption.passphrase(PASS);
    Random random = new Random(16);
    for (int n = 0; n < 300; n++) {
      int at = random.nextInt(good.length);
      byte[] bad = good.clone();
      bad[at] ^= (byte) (1 + random.nextInt(255));
      assertThatThrownBy(() -> BackupArchive.verify(new ByteArrayInputStream(bad), dec))
          .as("flipping byte %d of %d", at, good.length).isInstanceOf(BackupException.class);
    }
  }

  @Test
  void reader_stream_yieldsEveryRecord() {
    List<BackupRecord> records = records(100, 17);
    byte[] bytes = archive(Encryption.none(), records, SMALL_CHUNKS);
    try (Stream<BackupRecord> s = BackupArchive.read(new ByteArrayInputStream(bytes), Decryption.none()).stream()) {
      assertThat(s.toList()).isEqualTo(records);
    }
  }

  @Test
  void recipientKey_pemRoundTrip_andOpensslFormat() {
    IdentityKey id = IdentityKey.generate();
    String pub = id.recipient().toPem();
    assertThat(pub).startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEA");
    assertThat(RecipientKey.parse(pub)).isEqualTo(id.recipient());
    IdentityKey back = IdentityKey.parse(id.toPem());
    assertThat(back.recipient()).isEqualTo(id.recipient());
    assertThat(id.toPem().reveal()).startsWith("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEI");
    assertThat(id.toString()).contains(id.recipient().fingerprint()).doesNotContain("PRIVATE");
    assertThatThrownBy(() -> RecipientKey.parse("hello")).isInstanceOf(IllegalArgumentException.class);
  }

  private static int indexOfFirstFrame(byte[] archive) {
    int len = ((archive[9] & 0xff) << 24) | ((archive[10] & 0xff) << 16) | ((archive[11] & 0xff) << 8) | (archive[12] & 0xff);
    return 8 + 1 + 4 + len + 32;
  }
}
