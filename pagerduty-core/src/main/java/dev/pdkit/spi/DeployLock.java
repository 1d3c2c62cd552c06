package dev.pdkit.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Allows one deploy per environment at a time. The default is a local file lock; the Redis module
 * shares the lock across hosts. A lease expires after its time to live unless renewed, so a crashed
 * holder cannot block others forever.
 */
public interface DeployLock {

  /**
   * Takes the lock {@code name} for {@code owner} if nobody holds it.
   *
   * @return the lease, or empty when another owner holds the lock
   */
  Optional<Lease> tryAcquire(String name, String owner, Duration ttl);

  /** A held lock. Closing it releases the lock if this lease still holds it. */
  interface Lease extends AutoCloseable {
    String name();

    String owner();

    /** Extends the lease; false if it was lost (expired and taken by someone else). */
    boolean renew(Duration ttl);

    @Override
    void close();
  }
}
