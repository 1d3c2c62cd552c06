package dev.pdkit.internal;

import dev.pdkit.errors.PagerDutyException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Helpers for the blocking twins of async methods.
 *
 * <p>A blocking twin calls {@link #sync} rather than {@code join(fooAsync(...))}: while its async
 * method runs, the calling thread is marked as one that is going to wait anyway, so the transport
 * may do the exchange on it ({@code HttpClient.send}) instead of handing it to the client's
 * executor and back ({@code sendAsync}: four thread hand-offs per request, the main cost of a
 * loopback round trip). Work that cannot finish at once (a rate-limit wait, a retry backoff) still
 * continues asynchronously and is joined.
 */
public final class Futures {
  private static final ThreadLocal<Boolean> CALLER_WAITS = new ThreadLocal<>();

  private Futures() {}

  /**
   * Runs {@code call} with the current thread marked as {@linkplain #callerWaits() waiting for its
   * result}, then {@linkplain #join joins} the future it returns.
   */
  public static <T> T sync(Supplier<CompletableFuture<T>> call) {
    boolean outer = CALLER_WAITS.get() == null;
    CompletableFuture<T> future;
    if (outer) {
      CALLER_WAITS.set(Boolean.TRUE);
    }
    try {
      future = call.get();
    } finally {
      if (outer) {
        CALLER_WAITS.remove();
      }
    }
    return join(future);
  }

  /**
   * Runs {@code call} with the current thread's {@linkplain #callerWaits() waiting mark} lifted, so
   * the requests it starts run concurrently on the client's threads even inside a blocking twin.
   * For fan-outs (several requests started, then all joined); without it they would run one after
   * the other on the calling thread.
   */
  public static <T> T concurrently(Supplier<T> call) {
    if (CALLER_WAITS.get() == null) {
      return call.get();
    }
    CALLER_WAITS.remove();
    try {
      return call.get();
    } finally {
      CALLER_WAITS.set(Boolean.TRUE);
    }
  }

  /**
   * Whether the current thread is inside {@link #sync}: it will block on the result anyway, so
   * blocking I/O on it costs nothing and saves the hand-offs to other threads.
   */
  public static boolean callerWaits() {
    return CALLER_WAITS.get() != null;
  }

  /**
   * Waits for {@code future} and returns its value. A failure is rethrown as its cause when that is
   * unchecked (so callers see {@code NotFoundException}, not {@code CompletionException}), else
   * wrapped in a {@link PagerDutyException}. An interrupt cancels the wait, restores the interrupt
   * flag and throws a {@link PagerDutyException}.
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new PagerDutyException("interrupted while waiting for PagerDuty", e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause() == null ? e : e.getCause());
    } catch (CancellationException e) {
      throw new PagerDutyException("the request was cancelled", e);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof RuntimeException re) {
      return re;
    }
    if (c instanceof Error err) {
      throw err;
    }
    return new PagerDutyException(String.valueOf(c.getMessage()), c);
  }
}
