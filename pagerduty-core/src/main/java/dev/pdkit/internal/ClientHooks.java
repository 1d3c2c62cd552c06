package dev.pdkit.internal;

import dev.pdkit.PagerDuty;
import dev.pdkit.internal.http.Scheduler;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Internal settings of {@link PagerDuty.Builder} that are not public API: the {@link Scheduler}
 * that waits for backoff and rate limits, and the jitter source. Tests use them so that retries run
 * instantly against a fake clock:
 *
 * <pre>{@code
 * PagerDuty.Builder b = PagerDuty.builder().apiUrl(...).apiToken("t").clock(fakeClock);
 * ClientHooks.scheduler(b, delay -> { fakeClock.advance(delay); return CompletableFuture.completedFuture(null); });
 * }</pre>
 */
public final class ClientHooks {
  /** Implemented by {@code PagerDuty}, which registers itself when its class initialises. */
  public interface Access {
    void scheduler(PagerDuty.Builder builder, Scheduler scheduler);

    void random(PagerDuty.Builder builder, DoubleSupplier random);

    ClientContext context(PagerDuty client);
  }

  private static volatile Access access;

  private ClientHooks() {}

  /** Called once by {@code PagerDuty}'s static initialiser; later calls are ignored. */
  public static synchronized void register(Access a) {
    if (access == null) {
      access = Objects.requireNonNull(a, "a");
    }
  }

  /** Replaces the scheduler used for backoff and rate-limit waits. */
  public static void scheduler(PagerDuty.Builder builder, Scheduler scheduler) {
    access().scheduler(builder, scheduler);
  }

  /** Replaces the jitter source (values in {@code [0, 1)}). */
  public static void random(PagerDuty.Builder builder, DoubleSupplier random) {
    access().random(builder, random);
  }

  /** The context of a client (its transport, settings, cache, ...). */
  public static ClientContext context(PagerDuty client) {
    return access().context(client);
  }

  private static Access access() {
    if (access == null) {
      try {
        Class.forName(PagerDuty.class.getName(), true, PagerDuty.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return access;
  }
}
