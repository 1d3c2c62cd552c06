package dev.pdkit.internal;

import dev.pdkit.errors.PagerDutyException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for the blocking twins of async methods. */
public final class Futures {
  private Futures() {}

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
