package dev.pdkit.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Allows one deploy per environment at a time. The default is a local file lock ({@link #file});
 * the Redis module shares the lock across hosts. A lease expires after its time to live unless
 * renewed, so a crashed holder cannot block others forever. Implementations are thread-safe.
 */
public interface DeployLock {

  /**
   * A lock on lease files in {@code dir} (created when missing), one file per lock name. Works for
   * the processes of one host (and hosts sharing a file system with reliable locks). A lease left by
   * a crashed process on this host is taken over at once; others expire after their time to live.
   */
  static DeployLock file(Path dir) {
    return new dev.pdkit.deploy.internal.FileDeployLock(Objects.requireNonNull(dir, "dir"), Clock.systemUTC());
  }

  /** System property naming the default lock directory (see {@link #defaultDirectory()}). */
  String LOCK_DIR_PROPERTY = "pdkit.lockDir";

  /**
   * The default lock directory: the system property {@code pdkit.lockDir}, else the environment
   * variable {@code PDKIT_LOCK_DIR}, else {@code ~/.pdkit/locks}.
   */
  static Path defaultDirectory() {
    String dir = System.getProperty(LOCK_DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("PDKIT_LOCK_DIR");
    }
    if (dir == null || dir.isBlank()) {
      return Path.of(System.getProperty("user.home"), ".pdkit", "locks");
    }
    return Path.of(dir);
  }

  /**
   * Who holds {@code name} now, for messages such as "deploy:production is locked by ci-7"; empty
   * when free or unknown. The default says nothing.
   */
  default Optional<String> holder(String name) {
    return Optional.empty();
  }

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
