package dev.pdkit.benchmarks.backup;

import dev.pdkit.Secret;
import dev.pdkit.backup.ArchiveInfo;
import dev.pdkit.backup.BackupArchive;
import dev.pdkit.backup.BackupKind;
import dev.pdkit.backup.BackupRecord;
import dev.pdkit.backup.Decryption;
import dev.pdkit.backup.Encryption;
import dev.pdkit.backup.IdentityKey;
import dev.pdkit.backup.Manifest;
import dev.pdkit.spi.MasterKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Write and read (verify) an archive of 10,000 PagerDuty-shaped records (users, teams,
 * schedules with layers, escalation policies, services, integrations; about 520 bytes of JSON
 * each) in memory, for each {@code encryption}: {@code none}, {@code passphrase} (with a
 * minimal Argon2id cost so that only the payload is timed) and {@code recipients} (two X25519
 * recipients). Baseline in the same run: the same records as JSON lines through the JDK's
 * {@code GZIPOutputStream} / {@code GZIPInputStream} at the same level (no framing, hashing or
 * encryption). {@code argon2idDefault} times the passphrase stretch alone at the default cost
 * (64 MiB, 3 passes, 1 lane), paid once per archive written and once per archive opened.
 * Sizes and compression ratios are written to {@code benchmarks/target/backup-archive-sizes.json}
 * at setup.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar BackupArchiveBenchmark -f 1 -wi 2 -i 3 \
 *     -rf json -rff benchmarks/target/backup-archive.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class BackupArchiveBenchmark {
  static final int RECORDS = 10_000;
  static final Instant CREATED = Instant.parse("2026-11-28T00:00:00Z");
  static final Secret PASS = Secret.of("benchmark passphrase, not a real one");
  static final MasterKey.Argon2 MINIMAL = new MasterKey.Argon2(8, 1, 1);

  @Param({"none", "passphrase", "recipients"})
  public String encryption;

  private List<BackupRecord> records;
  private Encryption enc;
  private Decryption dec;
  private byte[] archive;
  private byte[] gzipped;
  private long rawBytes;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    records = records(RECORDS, 42);
    rawBytes = records.stream().mapToLong(r -> r.json().getBytes(StandardCharsets.UTF_8).length).sum();
    IdentityKey ops = IdentityKey.generate();
    IdentityKey dr = IdentityKey.generate();
    switch (encryption) {
      case "none" -> {
        enc = Encryption.none();
        dec = Decryption.none();
      }
      case "passphrase" -> {
        enc = Encryption.passphrase(PASS, MINIMAL);
        dec = Decryption.passphrase(PASS);
      }
      default -> {
        enc = Encryption.recipients(List.of(ops.recipient(), dr.recipient()));
        dec = Decryption.identity(dr);
      }
    }
    archive = writeArchive().toByteArray();
    gzipped = baselineGzip().toByteArray();
    Manifest m = BackupArchive.verify(new ByteArrayInputStream(archive), dec);
    if (m.entries() != RECORDS) {
      throw new IllegalStateException("archive holds " + m.entries() + " records");
    }
    Path out = Path.of("benchmarks/target");
    if (Files.isDirectory(out)) {
      Files.writeString(out.resolve("backup-archive-sizes-" + encryption + ".json"), String.format(
          "{\"encryption\":\"%s\",\"records\":%d,\"json_bytes\":%d,\"archive_bytes\":%d,\"gzip_json_bytes\":%d,"
              + "\"archive_ratio\":%.3f,\"gzip_ratio\":%.3f}%n",
          encryption, RECORDS, rawBytes, archive.length, gzipped.length,
          (double) archive.length / rawBytes, (double) gzipped.length / rawBytes));
    }
    System.out.printf("%n[backup] %s: %d records, %d bytes of JSON -> archive %d bytes (%.1f%%), gzip %d bytes (%.1f%%)%n",
        encryption, RECORDS, rawBytes, archive.length, 100.0 * archive.length / rawBytes, gzipped.length,
        100.0 * gzipped.length / rawBytes);
  }

  @Benchmark
  public int write() {
    return writeArchive().size();
  }

  @Benchmark
  public Manifest readAndVerify() {
    return BackupArchive.verify(new ByteArrayInputStream(archive), dec);
  }

  @Benchmark
  public int baselineGzipWrite() {
    return baselineGzip().size();
  }

  @Benchmark
  public long baselineGzipRead() throws IOException {
    long n = 0;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 1 << 16)) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) > 0) {
        n += r;
      }
    }
    return n;
  }

  /** Argon2id at the default passphrase cost: once per archive written or opened. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1)
  @Measurement(iterations = 5)
  public byte[] argon2idDefault() {
    MasterKey.Argon2 p = MasterKey.Argon2.DEFAULT;
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(new byte[16]).withMemoryAsKB(p.memoryKiB()).withIterations(p.iterations())
        .withParallelism(p.parallelism()).build());
    byte[] out = new byte[32];
    gen.generateBytes(PASS.reveal().getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  private ByteArrayOutputStream writeArchive() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);
    try (BackupArchive.Writer w = BackupArchive.write(out, enc, ArchiveInfo.of("bench", CREATED))) {
      for (BackupRecord r : records) {
        w.add(r);
      }
      w.finish();
    }
    return out;
  }

  private ByteArrayOutputStream baselineGzip() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);
    try (OutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      for (BackupRecord r : records) {
        gz.write(r.json().getBytes(StandardCharsets.UTF_8));
        gz.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** PagerDuty-shaped records: the fields and reference style of real API responses. */
  static List<BackupRecord> records(int n, long seed) {
    Random rnd = new Random(seed);
    List<BackupRecord> out = new ArrayList<>(n);
    String[] zones = {"Europe/Paris", "America/New_York", "Asia/Tokyo", "UTC", "America/Los_Angeles"};
    for (int i = 0; i < n; i++) {
      int k = i % 10;
      String id = "P" + Long.toString(0x1000000L + rnd.nextInt(0xFFFFFF), 36).toUpperCase();
      String json;
      BackupKind kind;
      if (k < 3) {
        kind = BackupKind.USER;
        json = "{\"id\":\"" + id + "\",\"type\":\"user\",\"summary\":\"User " + i + "\",\"self\":\"https://api.pagerduty.com/users/"
            + id + "\",\"html_url\":\"https://acme.pagerduty.com/users/" + id + "\",\"name\":\"User " + i
            + "\",\"email\":\"user" + i + "@example.com\",\"time_zone\":\"" + zones[rnd.nextInt(zones.length)]
            + "\",\"color\":\"purple\",\"role\":\"user\",\"avatar_url\":\"https://secure.gravatar.com/avatar/"
            + Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()) + ".png?d=mm&r=PG\",\"description\":\"On the "
            + (rnd.nextBoolean() ? "payments" : "platform") + " team\",\"invitation_sent\":false,\"job_title\":\"Engineer\","
            + "\"teams\":[{\"id\":\"PT" + rnd.nextInt(50) + "\",\"type\":\"team_reference\"}],\"contact_methods\":[{\"id\":\"PC"
            + rnd.nextInt(99999) + "\",\"type\":\"email_contact_method_reference\"}],\"notification_rules\":[{\"id\":\"PN"
            + rnd.nextInt(99999) + "\",\"type\":\"assignment_notification_rule_reference\"}]}";
      } else if (k < 5) {
        kind = BackupKind.SCHEDULE;
        json = "{\"id\":\"" + id + "\",\"type\":\"schedule\",\"name\":\"Rotation " + i + "\",\"time_zone\":\""
            + zones[rnd.nextInt(zones.length)] + "\",\"description\":\"Primary rotation\",\"schedule_layers\":[{\"name\":\"Layer 1\","
            + "\"start\":\"2026-01-0" + (1 + rnd.nextInt(9)) + "T09:00:00Z\",\"rotation_virtual_start\":\"2026-01-05T09:00:00Z\","
            + "\"rotation_turn_length_seconds\":604800,\"users\":[{\"user\":{\"id\":\"PU" + rnd.nextInt(3000)
            + "\",\"type\":\"user_reference\"}},{\"user\":{\"id\":\"PU" + rnd.nextInt(3000) + "\",\"type\":\"user_reference\"}},"
            + "{\"user\":{\"id\":\"PU" + rnd.nextInt(3000) + "\",\"type\":\"user_reference\"}}],\"restrictions\":[{\"type\":"
            + "\"weekly_restriction\",\"start_time_of_day\":\"09:00:00\",\"duration_seconds\":32400,\"start_day_of_week\":1}]}]}";
      } else if (k < 7) {
        kind = BackupKind.ESCALATION_POLICY;
        json = "{\"id\":\"" + id + "\",\"type\":\"escalation_policy\",\"name\":\"Policy " + i + "\",\"description\":\"Escalates to "
            + "the on-call engineer, then the manager\",\"num_loops\":" + rnd.nextInt(3) + ",\"on_call_handoff_notifications\":"
            + "\"if_has_services\",\"escalation_rules\":[{\"escalation_delay_in_minutes\":30,\"targets\":[{\"id\":\"PS"
            + rnd.nextInt(2000) + "\",\"type\":\"schedule_reference\"}]},{\"escalation_delay_in_minutes\":15,\"targets\":[{\"id\":\"PU"
            + rnd.nextInt(3000) + "\",\"type\":\"user_reference\"}]}],\"teams\":[{\"id\":\"PT" + rnd.nextInt(50)
            + "\",\"type\":\"team_reference\"}]}";
      } else if (k < 9) {
        kind = BackupKind.SERVICE;
        json = "{\"id\":\"" + id + "\",\"type\":\"service\",\"name\":\"service-" + i + "\",\"description\":\"Handles "
            + (rnd.nextBoolean() ? "checkout" : "search") + " traffic for region " + rnd.nextInt(12) + "\",\"status\":\"active\","
            + "\"auto_resolve_timeout\":14400,\"acknowledgement_timeout\":1800,\"alert_creation\":\"create_alerts_and_incidents\","
            + "\"escalation_policy\":{\"id\":\"PE" + rnd.nextInt(2000) + "\",\"type\":\"escalation_policy_reference\"},"
            + "\"incident_urgency_rule\":{\"type\":\"constant\",\"urgency\":\"high\"},\"support_hours\":null,"
            + "\"scheduled_actions\":[],\"teams\":[{\"id\":\"PT" + rnd.nextInt(50) + "\",\"type\":\"team_reference\"}],"
            + "\"integrations\":[{\"id\":\"PI" + rnd.nextInt(99999) + "\",\"type\":\"generic_events_api_inbound_integration_reference\"}]}";
      } else {
        kind = BackupKind.INTEGRATION;
        json = "{\"id\":\"" + id + "\",\"type\":\"events_api_v2_inbound_integration\",\"name\":\"Events API v2\","
            + "\"service\":{\"id\":\"PS" + rnd.nextInt(2000) + "\",\"type\":\"service_reference\"},\"integration_key\":\""
            + Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()) + "\"}";
      }
      out.add(new BackupRecord(kind, id, json));
    }
    return out;
  }
}
