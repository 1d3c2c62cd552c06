package dev.pdkit.events;

import dev.pdkit.internal.outbox.FileOutboxStore;
import dev.pdkit.spi.OutboxStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The embedded durable {@link OutboxStore}: append-only segment files in one directory.
 *
 * <pre>{@code
 * OutboxStore outbox = FileOutbox.open(Path.of("/var/lib/myapp/pagerduty-outbox"));
 * // or
 * OutboxStore outbox = FileOutbox.builder(dir).fsync(FsyncPolicy.BATCH)
 *     .batchInterval(Duration.ofMillis(50)).build();
 * }</pre>
 *
 * <h2>Format and crash safety</h2>
 *
 * <p>The directory holds {@code segment-NNNNNNNNNNNN.log} files and {@code outbox.lock}. Every
 * record (an appended entry, an acknowledgement tombstone, a release, a dead letter) is written as
 * {@code length, CRC32C, body}. On open, the store replays the segments in order; a torn or
 * corrupt record at the end of the newest segment (a write cut short by a crash) is truncated and
 * logged; corruption anywhere else stops the open with an {@link dev.pdkit.errors.OutboxException}
 * naming the file and offset, because it cannot come from a crash. Claims are kept in memory, so
 * after a restart every waiting entry is claimable at once (and is delivered again: at least once,
 * made harmless by the dedup key).
 *
 * <h2>Fsync policy</h2>
 *
 * <ul>
 *   <li>{@link FsyncPolicy#ALWAYS} (default): {@code append}, {@code deadLetter} and {@code replay}
 *       call {@code FileChannel.force} before they return, so an accepted event survives a crash of
 *       the process and of the machine (power loss). Concurrent appends share one force (group
 *       commit). Acknowledgements and releases are not forced on their own: losing one means an
 *       event is delivered twice, which its dedup key makes harmless; they reach the disk with the
 *       next forced write, the next segment roll, or {@link OutboxStore#close()}.
 *   <li>{@link FsyncPolicy#BATCH}: writes go to the operating system at once and are forced every
 *       {@link Builder#batchInterval(Duration) batch interval} (default 100 ms). A {@code kill -9}
 *       of the process still loses nothing (the data is in the kernel), but a machine crash or
 *       power loss may lose the last interval.
 * </ul>
 *
 * <h2>Compaction and locking</h2>
 *
 * <p>A new segment starts when the current one exceeds {@link Builder#segmentBytes(long)} (default
 * 16 MiB) and on every open. Old segments whose entries are all acknowledged are deleted; an old
 * segment that is mostly acknowledged has its few live records copied forward first. A lock on
 * {@code outbox.lock} keeps a second process (or a second store in the same process) out of the
 * directory with a clear error. The store is thread-safe and meant for one process: claim timeouts
 * are tracked in memory.
 */
public final class FileOutbox {
  private FileOutbox() {}

  /** When the store forces its writes to the disk. */
  public enum FsyncPolicy {
    /** Force before every append returns (default). */
    ALWAYS,
    /** Force every batch interval. */
    BATCH
  }

  /** Opens (creating if needed) the store in {@code dir} with the default options. */
  public static OutboxStore open(Path dir) {
    return builder(dir).build();
  }

  /** Starts building a store in {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(Objects.requireNonNull(dir, "dir"));
  }

  /** Options for a file outbox. Not thread-safe. */
  public static final class Builder {
    private final Path dir;
    private FsyncPolicy fsync = FsyncPolicy.ALWAYS;
    private Duration batchInterval = Duration.ofMillis(100);
    private long segmentBytes = 16L << 20;
    private Clock clock = Clock.systemUTC();

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** The fsync policy; default {@link FsyncPolicy#ALWAYS}. */
    public Builder fsync(FsyncPolicy policy) {
      this.fsync = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How often {@link FsyncPolicy#BATCH} forces; default 100 ms. */
    public Builder batchInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("batchInterval must be positive, was " + interval);
      }
      this.batchInterval = interval;
      return this;
    }

    /** Size after which a new segment file starts; default 16 MiB, at least 4 KiB. */
    public Builder segmentBytes(long bytes) {
      if (bytes < 4096) {
        throw new IllegalArgumentException("segmentBytes must be at least 4096, was " + bytes);
      }
      this.segmentBytes = bytes;
      return this;
    }

    /** The clock for claim timeouts and dead-letter times; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Opens the store: takes the directory lock and recovers the segments.
     *
     * @throws dev.pdkit.errors.OutboxException if the directory cannot be created or read, is
     *     locked by another process, or holds a corrupt segment other than the newest
     */
    public OutboxStore build() {
      return FileOutboxStore.open(dir, fsync, batchInterval, segmentBytes, clock);
    }
  }
}
