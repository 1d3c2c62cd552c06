package dev.pdkit.deploy.internal;

import dev.pdkit.spi.DeployLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeployLock} on local files: one lease file per lock name in a directory, holding owner,
 * a random token, expiry, host and process id. Every read-modify-write of a lease file happens under
 * an OS file lock ({@link FileChannel#lock()}, released by the OS when a process dies) plus an
 * in-process lock (the OS lock is per process, not per thread). A lease is free when the file is
 * empty, when it has expired, or when its holder was a process on this host that no longer runs
 * (so a crashed deploy on the same machine does not block the next one until expiry).
 *
 * <p>Works across processes of one host, and across hosts only on a shared file system whose
 * locking is reliable (local disks are; NFS often is not: use the Redis lock there).
 */
public final class FileDeployLock implements DeployLock {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** In-process mutex per lease file: FileChannel locks are held per JVM, not per thread. */
  private static final Map<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private final Path dir;
  private final Clock clock;
  private final String host;
  private final long pid;

  public FileDeployLock(Path dir, Clock clock) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.host = hostName();
    this.pid = ProcessHandle.current().pid();
  }

  /** The directory holding the lease files. */
  public Path directory() {
    return dir;
  }

  @Override
  public Optional<Lease> tryAcquire(String name, String owner, Duration ttl) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    checkTtl(ttl);
    Path file = file(name);
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    boolean taken = locked(file, ch -> {
      LeaseData cur = LeaseData.read(ch);
      if (cur != null && !isStale(cur)) {
        return false;
      }
      write(ch, new LeaseData(owner, token, clock.instant().plus(ttl), host, pid));
      return true;
    });
    return taken ? Optional.of(new FileLease(name, owner, file, token)) : Optional.empty();
  }

  @Override
  public Optional<String> holder(String name) {
    Path file = file(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    LeaseData cur = locked(file, LeaseData::read);
    return cur == null || isStale(cur) ? Optional.empty() : Optional.of(cur.describe());
  }

  /** The lease file of {@code name}: readable names stay readable, anything else is hex-escaped. */
  Path file(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("lock name must not be empty");
    }
    StringBuilder sb = new StringBuilder();
    for (char c : name.toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
        sb.append(c);
      } else {
        sb.append('_').append(String.format("%04x", (int) c));
      }
    }
    return dir.resolve(sb + ".lease");
  }

  private boolean isStale(LeaseData d) {
    if (!clock.instant().isBefore(d.expires())) {
      return true;
    }
    // same host, process gone: the holder crashed (pid reuse can only make us wait for expiry)
    return d.host().equals(host) && d.pid() != pid && d.pid() > 0
        && ProcessHandle.of(d.pid()).map(p -> !p.isAlive()).orElse(true);
  }

  private interface LockedAction<T> {
    T run(FileChannel ch) throws IOException;
  }

  private <T> T locked(Path file, LockedAction<T> action) {
    ReentrantLock local = LOCAL.computeIfAbsent(file, f -> new ReentrantLock());
    local.lock();
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
        return action.run(ch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deploy lock file " + file + ": " + e.getMessage()
          + " (check that the directory is writable, or configure another lock directory)", e);
    } finally {
      local.unlock();
    }
  }

  private static void write(FileChannel ch, @Nullable LeaseData d) throws IOException {
    ch.truncate(0);
    if (d != null) {
      ch.write(ByteBuffer.wrap(d.format().getBytes(StandardCharsets.UTF_8)), 0);
    }
    ch.force(true);
  }

  private static void checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** Contents of a lease file: {@code key=value} lines. */
  record LeaseData(String owner, String token, Instant expires, String host, long pid) {
    String format() {
      return "owner=" + escape(owner) + "\ntoken=" + token + "\nexpires=" + expires + "\nhost=" + escape(host)
          + "\npid=" + pid + "\n";
    }

    String describe() {
      return owner + " (lease until " + expires + ")";
    }

    static @Nullable LeaseData read(FileChannel ch) throws IOException {
      long size = ch.size();
      if (size == 0) {
        return null;
      }
      if (size > 64 * 1024) {
        throw new IOException("lease file is " + size + " bytes, not a pdkit lease; delete it");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
        // read all
      }
      Map<String, String> kv = new LinkedHashMap<>();
      for (String line : new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          kv.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      try {
        return new LeaseData(unescape(kv.getOrDefault("owner", "unknown")), Objects.requireNonNull(kv.get("token")),
            Instant.parse(Objects.requireNonNull(kv.get("expires"))), unescape(kv.getOrDefault("host", "")),
            Long.parseLong(kv.getOrDefault("pid", "0")));
      } catch (RuntimeException e) {
        // a torn or foreign file: treat it as expired rather than blocking deploys forever
        return new LeaseData("unknown", "", Instant.EPOCH, "", 0);
      }
    }

    private static String escape(String s) {
      return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String unescape(String s) {
      return s.replace("\\n", "\n").replace("\\\\", "\\");
    }
  }

  private final class FileLease implements Lease {
    private final String name;
    private final String owner;
    private final Path file;
    private final String token;
    private final AtomicBoolean closed = new AtomicBoolean();

    FileLease(String name, String owner, Path file, String token) {
      this.name = name;
      this.owner = owner;
      this.file = file;
      this.token = token;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String owner() {
      return owner;
    }

    @Override
    public boolean renew(Duration ttl) {
      checkTtl(ttl);
      if (closed.get()) {
        return false;
      }
      return locked(file, ch -> {
        LeaseData cur = LeaseData.read(ch);
        if (cur == null || !cur.token().equals(token) || !clock.instant().isBefore(cur.expires())) {
          return false;
        }
        write(ch, new LeaseData(owner, token, clock.instant().plus(ttl), host, pid));
        return true;
      });
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      locked(file, ch -> {
        LeaseData cur = LeaseData.read(ch);
        if (cur != null && cur.token().equals(token)) {
          write(ch, null); // empty, not deleted: deleting races with another process's open channel
        }
        return null;
      });
    }

    @Override
    public String toString() {
      return "Lease[" + name + " held by " + owner + "]";
    }
  }
}
