package dev.pdkit.redis;

import dev.pdkit.errors.PagerDutyException;
import org.jspecify.annotations.Nullable;

/**
 * A Redis command failed: Redis was unreachable, did not answer within the command timeout, or
 * rejected the command. The message names the operation and the server ({@code host:port}, never a
 * password) and says what to check. The cause is the Lettuce exception.
 *
 * <p>Nothing the caller handed over is lost by such a failure unless the method's documentation
 * says otherwise: an {@code append} that throws did not store the entry (or stored it exactly once,
 * because appends are idempotent per entry id), so retrying is safe.
 */
public class RedisStoreException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  public RedisStoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
