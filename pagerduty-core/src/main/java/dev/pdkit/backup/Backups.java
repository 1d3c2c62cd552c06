package dev.pdkit.backup;

import dev.pdkit.PagerDuty;
import dev.pdkit.backup.internal.Capture;
import dev.pdkit.backup.internal.RestoreEngine;
import dev.pdkit.errors.BackupException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Backups of a PagerDuty account and restores into it or into another one.
 *
 * <pre>{@code
 * Backups backups = Backups.builder().client(pd).store(BackupStore.directory(Path.of("backups"))).build();
 * BackupStore.Saved saved = backups.create(Encryption.passphrase(Secret.of(passphrase)));
 * System.out.println(saved.backup().location() + ": " + saved.manifest().entries() + " records");
 *
 * Path archive = Path.of(saved.backup().location());
 * Decryption key = Decryption.passphrase(Secret.of(passphrase));
 * System.out.print(backups.planRestore(archive, key, RestoreOptions.defaults()).toText());
 * RestoreResult done = backups.restore(archive, key, RestoreOptions.builder().createMissingUsers(true).build());
 * }</pre>
 *
 * <p>The same without archives, on records in memory:
 *
 * <pre>{@code
 * List<BackupRecord> records = new ArrayList<>();
 * backups.capture(records::add);                          // every resource, as PagerDuty returns it
 * RestorePlan plan = backups.planRestore(records, RestoreOptions.defaults());
 * System.out.print(plan.toText());                        // + create / ~ update, with the fields
 * RestoreResult done = backups.restore(records, RestoreOptions.builder().createMissingUsers(true).build());
 * }</pre>
 *
 * <p><b>Capture</b> reads users, teams and their members, schedules with their layers and the
 * overrides of the next {@link Builder#overrideWindow} (default 90 days), escalation policies,
 * services, their integrations (with their keys: store the records only encrypted) and open
 * maintenance windows, in {@link BackupKind} order, handing each record to the sink as soon as it
 * is read: memory does not grow with the account.
 *
 * <p><b>Archives</b> ({@link #create}) are written by {@link BackupArchive} into the {@link
 * BackupStore}: compressed, encrypted with a passphrase or to recipient keys, with a manifest of
 * counts and digests. A restore from an archive reads and checks the <em>whole</em> archive (every
 * chunk and the manifest) before it plans anything, so a wrong key or a single flipped byte fails
 * with a {@link BackupException} and nothing is written to the account. The records of the archive
 * are then held in memory for the restore (a restore also indexes the whole target account).
 *
 * <p><b>Restore</b> plans first: it reads the target account and matches each record to a
 * resource there, by id when the target is the account the records came from, else by e-mail
 * (users), name (teams, schedules, policies, services) or owner and fields (memberships,
 * overrides, integrations, windows). Every reference is mapped to the target's ids. Missing
 * resources are created, differing ones reverted; resources that are not in the records are
 * left alone (a restore never deletes). When a write fails, the writes made so far are undone in
 * reverse order and a {@link RestoreException} says what failed and whether the undo was complete.
 * After applying, the restore plans again and reports what still differs ({@link
 * RestoreResult#verified()}).
 *
 * <p>What cannot be restored as it was: an integration that is recreated gets a new routing key
 * from PagerDuty (the plan and result say which); overrides and maintenance windows that ended
 * since the backup are skipped; user contact methods and notification rules are not captured.
 *
 * <p>Thread-safe; runs on the calling thread (per-item reads are pipelined through the client's
 * async API).
 */
public final class Backups {
  private final PagerDuty pd;
  private final Duration overrideWindow;
  private final int concurrency;
  private final Clock clock;
  private final @Nullable BackupStore store;
  private final @Nullable String account;

  private Backups(Builder b) {
    this.pd = Objects.requireNonNull(b.client);
    this.overrideWindow = b.overrideWindow;
    this.concurrency = b.concurrency;
    this.clock = b.clock;
    this.store = b.store;
    this.account = b.account;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The client this instance reads and writes with. */
  public PagerDuty client() {
    return pd;
  }

  /**
   * Reads the whole account into {@code sink}, one record at a time, in {@link BackupKind} order.
   *
   * @throws dev.pdkit.errors.PagerDutyException if a read fails (the sink has then seen part of it)
   */
  public CaptureSummary capture(Consumer<BackupRecord> sink) {
    Objects.requireNonNull(sink, "sink");
    Capture c = new Capture(pd, overrideWindow, concurrency, clock.instant());
    c.run(sink);
    return new CaptureSummary(c.counts(), c.account());
  }

  /**
   * Backs the account up into a new archive in the {@link Builder#store store}: captures every
   * record straight into the archive writer (memory stays bounded), then publishes the archive
   * atomically. A failure half-way publishes nothing.
   *
   * @return where the archive is and its manifest (counts per kind, digest)
   * @throws IllegalStateException if no store was configured
   * @throws BackupException if the archive cannot be written
   * @throws dev.pdkit.errors.PagerDutyException if reading the account fails
   */
  public BackupStore.Saved create(Encryption encryption) {
    Objects.requireNonNull(encryption, "encryption");
    if (store == null) {
      throw new IllegalStateException("Backups.create: no store configured; use Backups.builder().store(...)");
    }
    Instant now = clock.instant();
    ArchiveInfo info = ArchiveInfo.of(accountLabel(), now);
    return store.save(info, encryption, w -> new Capture(pd, overrideWindow, concurrency, now).run(w::add));
  }

  /**
   * Backs the account up as an archive written to {@code out} (closed when done), for storage a
   * {@link BackupStore} does not cover.
   *
   * @return the archive's manifest
   */
  public Manifest create(OutputStream out, Encryption encryption) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(encryption, "encryption");
    Instant now = clock.instant();
    try (BackupArchive.Writer w = BackupArchive.write(out, encryption, ArchiveInfo.of(accountLabel(), now))) {
      new Capture(pd, overrideWindow, concurrency, now).run(w::add);
      return w.finish();
    }
  }

  /**
   * What {@link #restore(Path, Decryption, RestoreOptions)} would do with this archive; writes
   * nothing.
   *
   * @throws BackupException if the archive cannot be opened with {@code decryption} or is damaged
   */
  public RestorePlan planRestore(Path archive, Decryption decryption, RestoreOptions options) {
    return planRestore(readVerified(archive, decryption), options);
  }

  /**
   * Restores an archive into this client's account: reads and checks the whole archive first
   * (nothing is written when the key is wrong or a byte was altered), then plans and applies as
   * {@link #restore(Iterable, RestoreOptions)}.
   *
   * @throws BackupException if the archive cannot be opened or is damaged (nothing restored)
   * @throws RestoreException when refused, or when a write failed (after undoing the earlier ones)
   */
  public RestoreResult restore(Path archive, Decryption decryption, RestoreOptions options) {
    return restore(readVerified(archive, decryption), options);
  }

  /**
   * Every record of an archive, after the archive's manifest (counts and digest over every record)
   * has been checked.
   *
   * @throws BackupException if the archive cannot be opened with {@code decryption} or is damaged
   */
  public static List<BackupRecord> readVerified(Path archive, Decryption decryption) {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(decryption, "decryption");
    List<BackupRecord> out = new ArrayList<>();
    try (BackupArchive.Reader r = BackupArchive.read(archive, decryption)) {
      while (r.hasNext()) {
        out.add(r.next());
      }
      r.manifest();
    }
    return out;
  }

  private String accountLabel() {
    if (account != null) {
      return account;
    }
    for (com.fasterxml.jackson.databind.JsonNode u : pd.raw().get("/users", Map.of("limit", 1)).path("users")) {
      String host = Capture.accountOf(u);
      if (host != null) {
        return host;
      }
    }
    return "pagerduty";
  }

  /**
   * What {@link #restore} would do with {@code records} in this client's account; writes nothing.
   * {@code records} is read once.
   */
  public RestorePlan planRestore(Iterable<BackupRecord> records, RestoreOptions options) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(options, "options");
    return engine().plan(records, options);
  }

  /**
   * Plans and applies. Refused (nothing written) when the plan has problems.
   *
   * @throws RestoreException when refused, or when a write failed (after undoing the earlier ones)
   */
  public RestoreResult restore(Iterable<BackupRecord> records, RestoreOptions options) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(options, "options");
    return engine().apply(records, options);
  }

  private RestoreEngine engine() {
    return new RestoreEngine(pd, overrideWindow, concurrency, clock);
  }

  /** Builder; {@link #client} is required. */
  public static final class Builder {
    private @Nullable PagerDuty client;
    private Duration overrideWindow = Duration.ofDays(90);
    private int concurrency = 8;
    private Clock clock = Clock.systemUTC();
    private @Nullable BackupStore store;
    private @Nullable String account;

    private Builder() {}

    /** Where {@link Backups#create(Encryption)} puts archives (e.g. {@link BackupStore#directory}). */
    public Builder store(BackupStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The account label written into archives (default: the web host of the account's users, e.g.
     * {@code acme.pagerduty.com}).
     */
    public Builder account(String label) {
      this.account = Objects.requireNonNull(label, "label");
      return this;
    }

    /** The account to back up and restore into (required). Not closed by {@code Backups}. */
    public Builder client(PagerDuty client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** How far ahead schedule overrides are captured (default 90 days). */
    public Builder overrideWindow(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("overrideWindow must be positive, was " + window);
      }
      this.overrideWindow = window;
      return this;
    }

    /** Per-item reads (schedule layers, team members, overrides) in flight at once (default 8). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 64) {
        throw new IllegalArgumentException("concurrency must be 1 to 64, was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * The clock deciding "now": the start of the override window, and which overrides and windows
     * have ended. Against the testkit fake, pass {@code fake.clock()}.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Backups build() {
      if (client == null) {
        throw new IllegalStateException("Backups.builder(): client is required");
      }
      return new Backups(this);
    }
  }
}
