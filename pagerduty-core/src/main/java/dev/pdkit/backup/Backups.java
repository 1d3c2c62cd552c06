package dev.pdkit.backup;

import dev.pdkit.PagerDuty;
import dev.pdkit.backup.internal.Capture;
import dev.pdkit.backup.internal.RestoreEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Backups of a PagerDuty account and restores into it or into another one.
 *
 * <pre>{@code
 * Backups backups = Backups.builder().client(pd).build();
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

  private Backups(Builder b) {
    this.pd = Objects.requireNonNull(b.client);
    this.overrideWindow = b.overrideWindow;
    this.concurrency = b.concurrency;
    this.clock = b.clock;
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

    private Builder() {}

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
