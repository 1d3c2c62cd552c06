package dev.pdkit.internal.outbox;

import dev.pdkit.spi.OutboxStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Sends one outbox entry to PagerDuty, once, without retrying: the sender owns retries, the
 * circuit breaker and dead letters. The future should complete with an {@link Outcome}; an
 * exceptional completion is treated as a retryable failure.
 */
public interface Deliverer {

  CompletableFuture<Outcome> deliver(OutboxStore.Entry entry);

  /** What happened to one attempt. */
  sealed interface Outcome {}

  /** PagerDuty accepted the event. */
  record Delivered(@Nullable String dedupKey, String message) implements Outcome {
    public Delivered {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The attempt failed in a way a later attempt may not (5xx, 429, connection failure, timeout).
   *
   * @param reason what went wrong, for logs and the dead letter if retries run out
   * @param retryAfter the server's requested wait (429), or null
   * @param serverFault true when this says PagerDuty is unhealthy or unreachable (counts towards
   *     the circuit breaker); false for a 429, which says it is healthy but busy
   */
  record Retry(String reason, @Nullable Duration retryAfter, boolean serverFault)
      implements Outcome {
    public Retry {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** PagerDuty refused the event for good (400 and other 4xx); it goes to the dead letters. */
  record Reject(String reason) implements Outcome {
    public Reject {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
