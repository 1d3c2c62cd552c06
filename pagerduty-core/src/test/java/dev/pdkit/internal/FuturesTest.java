package dev.pdkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.errors.NotFoundException;
import dev.pdkit.errors.PagerDutyException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FuturesTest {

  @Test
  void join_unwrapsTheCause() {
    NotFoundException nf = new NotFoundException("GET /x", null, null, List.of(), null);
    assertThat(Futures.join(CompletableFuture.completedFuture("v"))).isEqualTo("v");
    assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(nf))).isSameAs(nf);
    assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(
        new CompletionException(nf)))).isSameAs(nf);
    assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(new IOException("io"))))
        .isInstanceOf(PagerDutyException.class).hasCauseInstanceOf(IOException.class);
    AssertionError err = new AssertionError("boom");
    assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(err))).isSameAs(err);
    CompletableFuture<String> cancelled = new CompletableFuture<>();
    cancelled.cancel(true);
    assertThatThrownBy(() -> Futures.join(cancelled)).isInstanceOf(PagerDutyException.class)
        .hasMessageContaining("cancelled");
  }

  @Test
  void join_interrupted_restoresFlagAndCancels() {
    CompletableFuture<String> never = new CompletableFuture<>();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Futures.join(never)).isInstanceOf(PagerDutyException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(never).isCancelled();
    } finally {
      Thread.interrupted();
    }
  }
}
