package dev.pdkit.internal.outbox;

import dev.pdkit.errors.OutboxException;
import dev.pdkit.events.FileOutbox.FsyncPolicy;
import dev.pdkit.spi.OutboxStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-safe file {@link OutboxStore}; see {@link dev.pdkit.events.FileOutbox} for the format,
 * fsync policy, compaction and locking as users see them.
 *
 * <p>All state changes happen under {@code this}; forcing to disk happens outside it so that
 * concurrent appenders share one {@code force} (group commit).
 */
public final class FileOutboxStore implements OutboxStore {
  private static final Logger log = LoggerFactory.getLogger(FileOutboxStore.class);

  static final byte[] MAGIC = "PDKOBX01".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER = MAGIC.length;
  static final int MAX_RECORD = 64 << 20;
  static final byte APPEND = 1;
  static final byte ACK = 2;
  static final byte RELEASE = 3;
  static final byte DEAD = 4;
  static final String LOCK_FILE = "outbox.lock";
  private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{12})\\.log");

  /** One segment file and how much of it is still needed. */
  static final class Segment {
    final long id;
    final Path path;
    long size;
    int live;
    long liveBytes;

    Segment(long id, Path path) {
      this.id = id;
      this.path = path;
    }
  }

  private final Path dir;
  private final FsyncPolicy fsync;
  private final long segmentBytes;
  private final Clock clock;
  private final OutboxIndex index = new OutboxIndex();
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Object forceLock = new Object();
  private final AtomicLong durable = new AtomicLong();
  private final @Nullable ScheduledExecutorService flusher;
  private @Nullable Segment active;
  private @Nullable FileChannel activeChannel;
  private long written;
  private boolean closed;

  private FileOutboxStore(
      Path dir, FsyncPolicy fsync, Duration batchInterval, long segmentBytes, Clock clock) {
    this.dir = dir;
    this.fsync = fsync;
    this.segmentBytes = segmentBytes;
    this.clock = clock;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new OutboxException(
          "cannot create outbox directory " + dir + ": " + e + "; check the path and permissions", e);
    }
    Path lockPath = dir.resolve(LOCK_FILE);
    FileChannel lc;
    FileLock fl;
    try {
      lc =
          FileChannel.open(
              lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new OutboxException(
          "cannot open lock file " + lockPath + ": " + e + "; check permissions", e);
    }
    try {
      fl = lc.tryLock();
    } catch (OverlappingFileLockException e) {
      closeQuietly(lc);
      throw new OutboxException(
          "outbox directory "
              + dir
              + " is already open in this process; share one store instance instead of opening"
              + " it twice",
          e);
    } catch (IOException e) {
      closeQuietly(lc);
      throw new OutboxException("cannot lock " + lockPath + ": " + e, e);
    }
    if (fl == null) {
      String holder = readHolder(lc);
      closeQuietly(lc);
      throw new OutboxException(
          "outbox directory "
              + dir
              + " is locked by another process"
              + holder
              + "; each process needs its own outbox directory (or stop the other process)");
    }
    this.lockChannel = lc;
    this.lock = fl;
    try {
      lc.truncate(0);
      lc.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      recover();
      synchronized (this) {
        roll();
      }
    } catch (IOException e) {
      releaseLock();
      throw new OutboxException("cannot open outbox in " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      releaseLock();
      throw e;
    }
    if (fsync == FsyncPolicy.BATCH) {
      ScheduledExecutorService s =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "pdkit-outbox-flush");
                t.setDaemon(true);
                return t;
              });
      long ms = Math.max(1, batchInterval.toMillis());
      s.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
      this.flusher = s;
    } else {
      this.flusher = null;
    }
  }

  /** Opens the store; see {@link dev.pdkit.events.FileOutbox.Builder#build()}. */
  public static FileOutboxStore open(
      Path dir, FsyncPolicy fsync, Duration batchInterval, long segmentBytes, Clock clock) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(fsync, "fsync");
    Objects.requireNonNull(batchInterval, "batchInterval");
    Objects.requireNonNull(clock, "clock");
    return new FileOutboxStore(dir, fsync, batchInterval, segmentBytes, clock);
  }

  // ---------------------------------------------------------------- SPI

  @Override
  public void append(Entry entry) {
    appendClaimed(entry, null);
  }

  @Override
  public void appendClaimed(Entry entry, @Nullable String consumer) {
    Objects.requireNonNull(entry, "entry");
    long mark;
    synchronized (this) {
      ensureOpen();
      OutboxIndex.Rec old = index.get(entry.id());
      long seq = old != null ? old.seq : index.nextSeq();
      byte[] body = encodeEntry(APPEND, entry, seq, null, null);
      Placed placed = write(body, true);
      if (old != null) {
        unaccount(old);
      }
      OutboxIndex.Rec rec = index.putPending(entry, seq);
      account(rec, placed);
      if (consumer != null) {
        index.markClaimed(rec, consumer, clock.instant());
      }
      mark = written;
    }
    syncIfAlways(mark);
  }

  @Override
  public boolean claimsOnAppend() {
    return true;
  }

  @Override
  public synchronized List<Entry> claim(String consumer, int max, Duration claimTimeout) {
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(claimTimeout, "claimTimeout");
    ensureOpen();
    return index.claim(consumer, max, claimTimeout, clock.instant());
  }

  @Override
  public synchronized void acknowledge(String id) {
    Objects.requireNonNull(id, "id");
    ensureOpen();
    OutboxIndex.Rec rec = index.pending(id);
    if (rec == null) {
      return;
    }
    write(encodeId(ACK, id, -1), true);
    unaccount(rec);
    index.remove(rec);
  }

  @Override
  public synchronized void release(String id, int attempts) {
    Objects.requireNonNull(id, "id");
    ensureOpen();
    OutboxIndex.Rec rec = index.pending(id);
    if (rec == null) {
      return;
    }
    write(encodeId(RELEASE, id, attempts), true);
    rec.entry = rec.entry.withAttempts(attempts);
    rec.claimedBy = null;
    rec.claimedAt = null;
  }

  @Override
  public void deadLetter(String id, String reason) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    long mark;
    synchronized (this) {
      ensureOpen();
      OutboxIndex.Rec rec = index.pending(id);
      if (rec == null) {
        return;
      }
      Instant at = clock.instant();
      Placed placed = write(encodeEntry(DEAD, rec.entry, rec.seq, reason, at), true);
      unaccount(rec);
      OutboxIndex.Rec dead = index.putDead(rec.entry, rec.seq, reason, at);
      account(dead, placed);
      mark = written;
    }
    syncIfAlways(mark);
  }

  @Override
  public synchronized List<DeadLetter> deadLetters(int max) {
    ensureOpen();
    return index.deadLetters(max);
  }

  @Override
  public boolean replay(String id) {
    Objects.requireNonNull(id, "id");
    long mark;
    synchronized (this) {
      ensureOpen();
      OutboxIndex.Rec rec = index.deadLetter(id);
      if (rec == null) {
        return false;
      }
      Entry fresh = rec.entry.withAttempts(0);
      Placed placed = write(encodeEntry(APPEND, fresh, rec.seq, null, null), true);
      unaccount(rec);
      account(index.putPending(fresh, rec.seq), placed);
      mark = written;
    }
    syncIfAlways(mark);
    return true;
  }

  @Override
  public synchronized long size() {
    return index.size();
  }

  @Override
  public synchronized @Nullable Instant oldestEnqueuedAt() {
    return index.oldestEnqueuedAt();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (flusher != null) {
      flusher.shutdownNow();
    }
    synchronized (this) {
      try {
        if (activeChannel != null) {
          activeChannel.force(false);
          durable.accumulateAndGet(written, Math::max);
          activeChannel.close();
        }
      } catch (IOException e) {
        log.warn("closing outbox segment in {} failed: {}", dir, e.toString());
      } finally {
        activeChannel = null;
        releaseLock();
      }
    }
  }

  /** Forces everything written so far to disk (used by the batch flusher and tests). */
  public void flush() {
    long mark;
    synchronized (this) {
      ensureOpen();
      mark = written;
    }
    syncTo(mark);
  }

  /** Number of segment files (for tests and diagnostics). */
  synchronized int segmentCount() {
    return segments.size();
  }

  @Override
  public String toString() {
    return "FileOutboxStore[" + dir + ", fsync=" + fsync + "]";
  }

  // ---------------------------------------------------------------- writing

  private record Placed(long segment, int bytes) {}

  private Placed write(byte[] body, boolean mayRoll) {
    Segment seg = Objects.requireNonNull(active);
    int recLen = 8 + body.length;
    if (mayRoll && seg.size > HEADER && seg.size + recLen > segmentBytes) {
      try {
        roll();
      } catch (IOException e) {
        throw new OutboxException("cannot start a new outbox segment in " + dir + ": " + e, e);
      }
      seg = Objects.requireNonNull(active);
    }
    FileChannel ch = Objects.requireNonNull(activeChannel);
    ByteBuffer buf = ByteBuffer.allocate(recLen);
    CRC32C crc = new CRC32C();
    crc.update(body);
    buf.putInt(body.length).putInt((int) crc.getValue()).put(body).flip();
    long pos = seg.size;
    try {
      while (buf.hasRemaining()) {
        ch.write(buf, pos + buf.position());
      }
    } catch (IOException e) {
      try {
        // Cut the partial record off so later records do not land behind garbage.
        ch.truncate(pos);
      } catch (IOException e2) {
        e.addSuppressed(e2);
      }
      throw new OutboxException(
          "cannot write to outbox segment " + seg.path + ": " + e + "; check disk space", e);
    }
    seg.size += recLen;
    written++;
    return new Placed(seg.id, recLen);
  }

  /** Starts a new segment (forcing the old one) and compacts old ones. Caller holds the lock. */
  private void roll() throws IOException {
    long nextId = segments.isEmpty() ? 1 : segments.lastKey() + 1;
    if (activeChannel != null) {
      activeChannel.force(false);
      durable.accumulateAndGet(written, Math::max);
      activeChannel.close();
      activeChannel = null;
    }
    Path path = dir.resolve(String.format("segment-%012d.log", nextId));
    FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    ByteBuffer header = ByteBuffer.wrap(MAGIC);
    while (header.hasRemaining()) {
      ch.write(header, header.position());
    }
    ch.force(false);
    forceDirectory();
    Segment seg = new Segment(nextId, path);
    seg.size = HEADER;
    segments.put(nextId, seg);
    active = seg;
    activeChannel = ch;
    compact();
  }

  /**
   * Deletes old segments from the oldest on while nothing in them is needed. An old segment with
   * few live records has them copied forward first. Only a prefix is ever deleted: a tombstone is
   * always in the same or a later segment than its entry, so deleting in order never brings an
   * acknowledged entry back.
   */
  private void compact() throws IOException {
    boolean copied = false;
    while (segments.size() > 1) {
      Segment first = segments.firstEntry().getValue();
      if (first == active) {
        break;
      }
      if (first.live > 0) {
        if (first.liveBytes * 2 >= first.size - HEADER) {
          break;
        }
        List<OutboxIndex.Rec> move = new ArrayList<>();
        for (OutboxIndex.Rec rec : index.all()) {
          if (rec.segment == first.id) {
            move.add(rec);
          }
        }
        for (OutboxIndex.Rec rec : move) {
          byte[] body =
              rec.dead()
                  ? encodeEntry(DEAD, rec.entry, rec.seq, rec.reason, rec.deadAt)
                  : encodeEntry(APPEND, rec.entry, rec.seq, null, null);
          Placed placed = write(body, false);
          unaccount(rec);
          account(rec, placed);
        }
        copied = true;
      }
      if (copied) {
        // The copies must be on disk before the originals go.
        Objects.requireNonNull(activeChannel).force(false);
        durable.accumulateAndGet(written, Math::max);
      }
      Files.deleteIfExists(first.path);
      segments.remove(first.id);
      log.debug("outbox compaction deleted {}", first.path.getFileName());
    }
  }

  private void account(OutboxIndex.Rec rec, Placed placed) {
    rec.segment = placed.segment();
    rec.bytes = placed.bytes();
    Segment seg = segments.get(placed.segment());
    if (seg != null) {
      seg.live++;
      seg.liveBytes += placed.bytes();
    }
  }

  private void unaccount(OutboxIndex.Rec rec) {
    Segment seg = segments.get(rec.segment);
    if (seg != null) {
      seg.live--;
      seg.liveBytes -= rec.bytes;
    }
    rec.segment = -1;
  }

  private void syncIfAlways(long mark) {
    if (fsync == FsyncPolicy.ALWAYS) {
      syncTo(mark);
    }
  }

  /** Makes every record up to write number {@code mark} durable, sharing one force. */
  private void syncTo(long mark) {
    synchronized (forceLock) {
      if (durable.get() >= mark) {
        return;
      }
      long upTo;
      FileChannel ch;
      synchronized (this) {
        ensureOpen();
        upTo = written;
        ch = Objects.requireNonNull(activeChannel);
      }
      try {
        ch.force(false);
      } catch (ClosedChannelException e) {
        // A roll or close forced and closed this channel meanwhile.
        if (durable.get() >= mark) {
          return;
        }
        throw new OutboxException("outbox in " + dir + " was closed before its write was forced", e);
      } catch (IOException e) {
        throw new OutboxException(
            "cannot force outbox segment in " + dir + " to disk: " + e + "; check the disk", e);
      }
      durable.accumulateAndGet(upTo, Math::max);
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("periodic outbox flush in {} failed: {}", dir, e.toString());
    }
  }

  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can open a directory; the segment itself is forced.
      log.debug("cannot force directory {}: {}", dir, e.toString());
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new OutboxException("outbox in " + dir + " is closed; open a new store");
    }
  }

  // ---------------------------------------------------------------- recovery

  private void recover() throws IOException {
    List<Segment> found = new ArrayList<>();
    try (var stream = Files.list(dir)) {
      for (Path p : (Iterable<Path>) stream::iterator) {
        Matcher m = SEGMENT.matcher(p.getFileName().toString());
        if (m.matches()) {
          found.add(new Segment(Long.parseLong(m.group(1)), p));
        }
      }
    }
    found.sort((a, b) -> Long.compare(a.id, b.id));
    for (int i = 0; i < found.size(); i++) {
      Segment seg = found.get(i);
      segments.put(seg.id, seg);
      recoverSegment(seg, i == found.size() - 1);
    }
  }

  private void recoverSegment(Segment seg, boolean newest) throws IOException {
    byte[] all = Files.readAllBytes(seg.path);
    if (all.length < HEADER) {
      if (!newest) {
        throw corrupt(seg, 0, "shorter than its header");
      }
      log.warn("outbox segment {} has a torn header; removing it", seg.path);
      Files.delete(seg.path);
      segments.remove(seg.id);
      return;
    }
    for (int i = 0; i < HEADER; i++) {
      if (all[i] != MAGIC[i]) {
        throw corrupt(seg, 0, "not an outbox segment (bad header)");
      }
    }
    ByteBuffer buf = ByteBuffer.wrap(all);
    int pos = HEADER;
    String problem = null;
    while (pos < all.length) {
      if (all.length - pos < 8) {
        problem = "torn record header";
        break;
      }
      int len = buf.getInt(pos);
      int crc = buf.getInt(pos + 4);
      if (len <= 0 || len > MAX_RECORD || (long) pos + 8 + len > all.length) {
        problem = "torn record (length " + len + ")";
        break;
      }
      CRC32C c = new CRC32C();
      c.update(all, pos + 8, len);
      if ((int) c.getValue() != crc) {
        problem = "CRC mismatch";
        break;
      }
      try {
        apply(ByteBuffer.wrap(all, pos + 8, len).slice(), new Placed(seg.id, len + 8));
      } catch (RuntimeException e) {
        problem = "undecodable record (" + e.getMessage() + ")";
        break;
      }
      pos += 8 + len;
    }
    if (problem != null) {
      if (!newest) {
        throw corrupt(seg, pos, problem);
      }
      log.warn(
          "outbox segment {}: {} at offset {}; truncating {} bytes of a write cut short by a crash"
              + " (with fsync ALWAYS that append never returned)",
          seg.path,
          problem,
          pos,
          all.length - pos);
      try (FileChannel ch = FileChannel.open(seg.path, StandardOpenOption.WRITE)) {
        ch.truncate(pos);
        ch.force(false);
      }
    }
    seg.size = pos;
  }

  private OutboxException corrupt(Segment seg, long offset, String what) {
    return new OutboxException(
        "outbox segment "
            + seg.path
            + " is corrupt at offset "
            + offset
            + ": "
            + what
            + ". It is not the newest segment, so this is not a torn write from a crash; move the"
            + " directory aside (keep it for inspection) and start with an empty one");
  }

  private void apply(ByteBuffer in, Placed placed) {
    byte type = in.get();
    switch (type) {
      case APPEND, DEAD -> {
        long seq = in.getLong();
        String id = readString(in);
        String key = readString(in);
        Instant enqueuedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
        int attempts = in.getInt();
        byte[] payload = readBytes(in);
        Entry entry = new Entry(id, key, payload, enqueuedAt, attempts);
        OutboxIndex.Rec old = index.get(id);
        if (old != null) {
          unaccount(old);
        }
        OutboxIndex.Rec rec;
        if (type == DEAD) {
          String reason = readString(in);
          Instant at = Instant.ofEpochSecond(in.getLong(), in.getInt());
          rec = index.putDead(entry, seq, reason, at);
        } else {
          rec = index.putPending(entry, seq);
        }
        account(rec, placed);
      }
      case ACK -> {
        OutboxIndex.Rec rec = index.pending(readString(in));
        if (rec != null) {
          unaccount(rec);
          index.remove(rec);
        }
      }
      case RELEASE -> {
        OutboxIndex.Rec rec = index.pending(readString(in));
        int attempts = in.getInt();
        if (rec != null) {
          rec.entry = rec.entry.withAttempts(attempts);
        }
      }
      default -> throw new IllegalStateException("unknown record type " + type);
    }
  }

  // ---------------------------------------------------------------- encoding

  static byte[] encodeEntry(
      byte type, Entry entry, long seq, @Nullable String reason, @Nullable Instant at) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + entry.payload().length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(type);
      out.writeLong(seq);
      writeString(out, entry.id());
      writeString(out, entry.key());
      out.writeLong(entry.enqueuedAt().getEpochSecond());
      out.writeInt(entry.enqueuedAt().getNano());
      out.writeInt(entry.attempts());
      byte[] payload = entry.payload();
      out.writeInt(payload.length);
      out.write(payload);
      if (type == DEAD) {
        writeString(out, Objects.requireNonNull(reason));
        Instant t = Objects.requireNonNull(at);
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] encodeId(byte type, String id, int attempts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(type);
      writeString(out, id);
      if (type == RELEASE) {
        out.writeInt(attempts);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(ByteBuffer in) {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(ByteBuffer in) {
    int len = in.getInt();
    if (len < 0 || len > in.remaining()) {
      throw new IllegalStateException("field length " + len + " exceeds record");
    }
    byte[] b = new byte[len];
    in.get(b);
    return b;
  }

  // ---------------------------------------------------------------- lock

  private static String readHolder(FileChannel lc) {
    try {
      ByteBuffer b = ByteBuffer.allocate(32);
      int n = lc.read(b, 0);
      if (n > 0) {
        String pid = new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
        if (!pid.isEmpty()) {
          return " (pid " + pid + ")";
        }
      }
    } catch (IOException e) {
      // The pid is only a hint in the message.
    }
    return "";
  }

  private void releaseLock() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      log.debug("releasing outbox lock in {} failed: {}", dir, e.toString());
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }
}
