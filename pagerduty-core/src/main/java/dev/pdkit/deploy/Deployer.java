package dev.pdkit.deploy;

import dev.pdkit.PagerDuty;
import dev.pdkit.config.DesiredState;
import dev.pdkit.deploy.internal.Engine;
import dev.pdkit.spi.AuditSink;
import dev.pdkit.spi.DeployLock;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Plans and applies a {@link DesiredState} against one PagerDuty account.
 *
 * <pre>{@code
 * Deployer deployer = Deployer.builder().client(pd).actor("ci@example.com").build();
 * Plan plan = deployer.plan(desired);
 * System.out.println(plan.toText());
 * deployer.apply(desired);            // plans again and executes in dependency order
 * }</pre>
 *
 * <p><b>Rollback.</b> Before its first write, apply snapshots every resource the plan updates or
 * deletes. When a write fails, it undoes what it wrote, newest first (deletes what it created,
 * restores what it updated, recreates what it deleted with references remapped to the new ids) and
 * throws a {@link DeployException} whose {@link DeployException#rollbackReport() report} lists every
 * undo; if an undo fails too, the rollback stops and the report (and the message) say what is left
 * and what to do by hand.
 *
 * <p><b>Lock.</b> Apply holds the {@link DeployLock} {@code deploy:<environment>} for its whole run
 * (renewing the lease between tiers) and fails at once, naming the holder, when another deploy holds
 * it. Default: lease files in {@link DeployLock#defaultDirectory()} ({@code ~/.pdkit/locks} unless
 * {@code pdkit.lockDir} or {@code PDKIT_LOCK_DIR} says otherwise; see {@link DeployLock#file}), one host; use the
 * Redis module's lock to share it across hosts.
 *
 * <p><b>Concurrency.</b> Within one dependency tier (e.g. all service creates) up to {@link
 * Builder#concurrency} writes run at once, all under the client's rate limiter; tiers run in
 * dependency order, and audit entries are written in plan order.
 *
 * <p>Thread-safe.
 */
public final class Deployer {
  private final Engine engine;
  private final Clock clock;
  private final DeployLock lock;
  private final Duration lockTtl;
  private final String owner;

  private Deployer(Builder b) {
    this.clock = b.clock;
    this.engine = new Engine(Objects.requireNonNull(b.client), b.auditSink, b.actor, b.clock, b.concurrency);
    this.lock = b.lock != null ? b.lock : DeployLock.file(DeployLock.defaultDirectory());
    this.lockTtl = b.lockTtl;
    this.owner = b.actor + " (pid " + ProcessHandle.current().pid() + " on " + host() + ")";
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads the live account and computes the changes; writes nothing. */
  public Plan plan(DesiredState desired) {
    Objects.requireNonNull(desired, "desired");
    return engine.plan(desired);
  }

  /**
   * Takes the lock {@code deploy:<environment>}, plans and executes the plan. Every write is recorded
   * in the audit sink (undo writes with actions {@code rollback-create}, {@code rollback-update},
   * {@code rollback-delete}).
   *
   * @throws DeployRefusedException with {@link DeployRefusedException.Reason#NOT_APPROVED} when the
   *     environment is {@code protected: true}: those apply only an approved saved plan, through {@link
   *     #apply(DesiredState, PlanFile, String)}
   * @throws DeployException when another deploy holds the lock (naming it), or a write failed: the
   *     message names the step, and {@link DeployException#rollbackReport()} says what was undone
   */
  public ApplyResult apply(DesiredState desired) {
    Objects.requireNonNull(desired, "desired");
    if (desired.protectedEnvironment()) {
      throw new DeployRefusedException(DeployRefusedException.Reason.NOT_APPROVED, "environment "
          + desired.environment() + " is protected: apply needs an approved saved plan; make one with"
          + " --plan-out FILE, approve it (`pdkit deploy approve --plan FILE --key KEY` or a TOTP code) and"
          + " apply it with --plan FILE");
    }
    return locked(desired, fresh -> { });
  }

  /** Runs the engine under the deploy lock of the environment, renewing the lease between tiers. */
  private ApplyResult locked(DesiredState desired, Consumer<Plan> beforeFirstWrite) {
    String name = "deploy:" + desired.environment();
    DeployLock.Lease lease = lock.tryAcquire(name, owner, lockTtl).orElseThrow(() -> new DeployException(
        "environment " + desired.environment() + " is being deployed by "
            + lock.holder(name).orElse("another deploy") + " (lock " + name + "); wait until it has finished and"
            + " deploy again"));
    try (lease) {
      return engine.apply(desired, beforeFirstWrite, () -> {
        if (!lease.renew(lockTtl)) {
          throw new DeployException("lost the deploy lock " + name + " (its lease expired and another deploy may"
              + " hold it now); stopping");
        }
      });
    }
  }

  /**
   * Applies a saved plan, exactly as it was reviewed: refuses (writing nothing) when it was made for
   * another environment or from another config, when PagerDuty changed since it was made (a stale
   * plan: the live state is re-read and its hash compared with the plan's), and, for a protected
   * environment, unless it carries enough approvals: signatures over {@link Plan#hash()} by keys in
   * {@code approvals.ed25519_public_keys} (see {@link PlanFile#signatures()}) and/or a valid TOTP code
   * from {@code approvals.totp_secret}, together at least {@code approvals.required} distinct ones.
   *
   * @param totpCode a 6-digit code from the environment's TOTP secret, or {@code null}
   * @throws DeployRefusedException when refused; {@link DeployRefusedException#reason()} says why
   */
  public ApplyResult apply(DesiredState desired, PlanFile saved, @Nullable String totpCode) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(saved, "saved");
    ApprovalCheck.sameInput(desired, saved);
    if (desired.protectedEnvironment()) {
      ApprovalCheck.approved(desired, saved, totpCode, clock.instant());
    }
    Plan approved = saved.plan();
    return locked(desired, fresh -> {
      if (!fresh.liveHash().equals(approved.liveHash())) {
        throw new DeployRefusedException(DeployRefusedException.Reason.STALE_LIVE, "PagerDuty changed since"
            + " plan " + ApprovalCheck.shortHash(approved.hash()) + " was made (live state hash "
            + ApprovalCheck.shortHash(fresh.liveHash()) + ", plan made against "
            + ApprovalCheck.shortHash(approved.liveHash()) + "); nothing was written: make a new plan"
            + (desired.protectedEnvironment() ? " and have it approved again" : " and review it"));
      }
      if (!fresh.changes().equals(approved.changes())) {
        throw new DeployRefusedException(DeployRefusedException.Reason.STALE_LIVE, "the saved plan's changes"
            + " differ from a fresh plan over the same config and live state (made by another pdkit"
            + " version?); nothing was written: make a new plan");
      }
    });
  }

  /** Builder; {@link #client} is required. */
  public static final class Builder {
    private @Nullable PagerDuty client;
    private AuditSink auditSink = AuditSink.discarding();
    private String actor = System.getProperty("user.name", "unknown");
    private Clock clock = Clock.systemUTC();
    private @Nullable DeployLock lock;
    private Duration lockTtl = Duration.ofMinutes(15);
    private int concurrency = 4;

    private Builder() {}

    /**
     * The lock that allows one deploy per environment (default: {@link DeployLock#file} in {@link
     * DeployLock#defaultDirectory()}, normally {@code ~/.pdkit/locks}).
     */
    public Builder lock(DeployLock lock) {
      this.lock = Objects.requireNonNull(lock, "lock");
      return this;
    }

    /**
     * Lease time of the deploy lock (default 15 minutes); renewed between tiers, so it only has to
     * outlast one tier. A crashed deploy blocks others for at most this long (on one host the file
     * lock notices a dead holder process at once).
     */
    public Builder lockTtl(Duration lockTtl) {
      Objects.requireNonNull(lockTtl, "lockTtl");
      if (lockTtl.isNegative() || lockTtl.isZero()) {
        throw new IllegalArgumentException("lockTtl must be positive, was " + lockTtl);
      }
      this.lockTtl = lockTtl;
      return this;
    }

    /**
     * Writes in flight at once within one dependency tier (default 4; 1 = strictly one after
     * another). All requests still pass the client's rate limiter.
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 64) {
        throw new IllegalArgumentException("concurrency must be within 1..64, was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** The PagerDuty client to read and write with (required). */
    public Builder client(PagerDuty client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Where writes are recorded (default: discarded). */
    public Builder auditSink(AuditSink auditSink) {
      this.auditSink = Objects.requireNonNull(auditSink, "auditSink");
      return this;
    }

    /** Who deploys, recorded in the audit trail (default: the OS user name). */
    public Builder actor(String actor) {
      this.actor = Objects.requireNonNull(actor, "actor");
      return this;
    }

    /** Clock for audit timestamps and for checking TOTP codes. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Deployer build() {
      if (client == null) {
        throw new IllegalStateException("Deployer.builder(): client is required");
      }
      return new Deployer(this);
    }
  }
}
