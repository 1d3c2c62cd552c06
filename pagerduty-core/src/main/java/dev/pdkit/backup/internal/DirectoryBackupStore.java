package dev.pdkit.backup.internal;

import dev.pdkit.backup.ArchiveInfo;
import dev.pdkit.backup.ArchiveSummary;
import dev.pdkit.backup.BackupArchive;
import dev.pdkit.backup.BackupStore;
import dev.pdkit.backup.PendingBackup;
import dev.pdkit.backup.PruneResult;
import dev.pdkit.backup.Retention;
import dev.pdkit.backup.StoredBackup;
import dev.pdkit.errors.BackupException;
import dev.pdkit.errors.BackupException.Reason;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link BackupStore#directory}: archives as files in one local directory. Thread-safe. */
public final class DirectoryBackupStore implements BackupStore {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryBackupStore.class);
  static final String PREFIX = "pdkit-backup-";
  static final String PARTIAL_PREFIX = ".pdkit-backup-";
  static final String PARTIAL_SUFFIX = ".partial";
  private static final Duration STALE_PARTIAL = Duration.ofHours(1);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern NAME = Pattern.compile(
      "pdkit-backup-(\\d{8}T\\d{6}\\.\\d{3}Z)-([a-z0-9._-]{1,60})" + Pattern.quote(BackupArchive.EXTENSION));

  private final Path dir;
  private final Clock clock;

  public DirectoryBackupStore(Path dir, Clock clock) {
    this.dir = dir.toAbsolutePath().normalize();
    this.clock = clock;
  }

  @Override
  public String location() {
    return dir.toString();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public List<StoredBackup> list() {
    List<StoredBackup> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      if (Files.exists(dir)) {
        throw new BackupException(Reason.IO, dir + ": not a directory");
      }
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        StoredBackup b = stored(f);
        if (b != null) {
          out.add(b);
        }
      }
    } catch (IOException e) {
      throw new BackupException(Reason.IO, dir + ": cannot list: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(StoredBackup::created).thenComparing(StoredBackup::name));
    return out;
  }

  @Override
  public Optional<StoredBackup> find(String nameOrLocation) {
    Path p = dir.resolve(nameOrLocation).toAbsolutePath().normalize();
    if (!dir.equals(p.getParent())) {
      return Optional.empty();
    }
    return Optional.ofNullable(stored(p));
  }

  private @Nullable StoredBackup stored(Path f) {
    String name = f.getFileName().toString();
    Matcher m = NAME.matcher(name);
    if (!m.matches() || !Files.isRegularFile(f)) {
      return null;
    }
    Instant created;
    try {
      created = STAMP.parse(m.group(1), Instant::from);
    } catch (DateTimeParseException e) {
      return null;
    }
    long size;
    try {
      size = Files.size(f);
    } catch (IOException e) {
      return null; // deleted meanwhile
    }
    ArchiveSummary summary = null;
    String problem = null;
    try {
      summary = BackupArchive.peek(f);
    } catch (BackupException e) {
      problem = e.getMessage();
    }
    return new StoredBackup(name, f.toString(), created, size, summary, problem);
  }

  @Override
  public PendingBackup create(ArchiveInfo info) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BackupException(Reason.IO, dir + ": cannot create the backup directory: " + e.getMessage(), e);
    }
    String slug = slug(info.account());
    Path partial = dir.resolve(PARTIAL_PREFIX + STAMP.format(info.created()) + "-" + slug + "-"
        + UUID.randomUUID().toString().substring(0, 8) + PARTIAL_SUFFIX);
    FileOutputStream fos;
    try {
      fos = new FileOutputStream(Files.createFile(partial).toFile());
    } catch (IOException e) {
      throw new BackupException(Reason.IO, partial + ": cannot create: " + e.getMessage(), e);
    }
    return new Pending(info.created(), slug, partial, fos);
  }

  @Override
  public InputStream open(StoredBackup backup) {
    Path f = dir.resolve(backup.name());
    try {
      return Files.newInputStream(f);
    } catch (NoSuchFileException e) {
      throw new BackupException(Reason.IO, backup.name() + ": no such archive in " + dir);
    } catch (IOException e) {
      throw new BackupException(Reason.IO, backup.name() + ": cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(StoredBackup backup) {
    if (!NAME.matcher(backup.name()).matches()) {
      throw new IllegalArgumentException(backup.name() + " is not a backup archive name; refusing to delete it");
    }
    try {
      Files.deleteIfExists(dir.resolve(backup.name()));
    } catch (IOException e) {
      throw new BackupException(Reason.IO, backup.name() + ": cannot delete: " + e.getMessage(), e);
    }
  }

  @Override
  public PruneResult prune(Retention retention, boolean dryRun) {
    PruneResult result = BackupStore.super.prune(retention, dryRun);
    if (!dryRun) {
      removeStalePartials();
    }
    return result;
  }

  private void removeStalePartials() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    Instant cutoff = clock.instant().minus(STALE_PARTIAL);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PARTIAL_PREFIX + "*" + PARTIAL_SUFFIX)) {
      for (Path f : files) {
        try {
          if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(f);
            LOG.info("removed partial archive {} left by an interrupted write", f.getFileName());
          }
        } catch (IOException e) {
          LOG.warn("cannot remove partial archive {}: {}", f.getFileName(), e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list {} for partial archives: {}", dir, e.getMessage());
    }
  }

  /** Lower-case letters, digits, dot, dash and underscore; at most 40 characters. */
  static String slug(String account) {
    String s = account.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
    if (s.length() > 40) {
      s = s.substring(0, 40);
    }
    return s.isEmpty() ? "account" : s;
  }

  private final class Pending implements PendingBackup {
    private final Instant created;
    private final String slug;
    private final Path partial;
    private final FileOutputStream file;
    private final OutputStream out;
    private boolean done;

    Pending(Instant created, String slug, Path partial, FileOutputStream file) {
      this.created = created;
      this.slug = slug;
      this.partial = partial;
      this.file = file;
      this.out = new BufferedOutputStream(file, 1 << 16);
    }

    @Override
    public OutputStream output() {
      return out;
    }

    @Override
    public StoredBackup commit() {
      if (done) {
        throw new IllegalStateException("archive already " + (Files.exists(partial) ? "discarded" : "committed"));
      }
      done = true;
      try {
        out.flush();
        file.getChannel().force(true);
        file.close();
        Path target = publish();
        syncDirectory();
        StoredBackup b = stored(target);
        if (b == null) {
          throw new BackupException(Reason.IO, target + ": vanished right after it was written");
        }
        return b;
      } catch (IOException e) {
        discard();
        throw new BackupException(Reason.IO, partial.getFileName() + ": cannot write the archive: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        discard();
        throw e;
      }
    }

    /**
     * Links the complete file under a free final name (never replacing one), then drops the partial
     * name. If two archives are taken in the same millisecond of the same account, the later one's
     * name is moved on by a millisecond, so that names stay unique and sorted by time.
     */
    private Path publish() throws IOException {
      for (int n = 0; n < 1000; n++) {
        Path target = dir.resolve(PREFIX + STAMP.format(created.plusMillis(n)) + "-" + slug + BackupArchive.EXTENSION);
        try {
          Files.createLink(target, partial);
          Files.delete(partial);
          return target;
        } catch (FileAlreadyExistsException e) {
          continue;
        } catch (UnsupportedOperationException | IOException e) {
          // no hard links here (some network and FAT file systems): an atomic rename, after checking
          // the name is free, is the next best
          if (Files.exists(target)) {
            continue;
          }
          try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException ex) {
            Files.move(partial, target);
          }
          return target;
        }
      }
      throw new IOException("no free archive name near " + created);
    }

    private void syncDirectory() {
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      } catch (IOException e) {
        // not every platform can sync a directory; the file itself is on disk
      }
    }

    @Override
    public void close() {
      if (!done) {
        done = true;
        discard();
      }
    }

    private void discard() {
      try {
        file.close();
      } catch (IOException ignored) {
        // discarding anyway
      }
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        LOG.warn("cannot remove partial archive {}: {}", partial.getFileName(), e.getMessage());
      }
    }
  }
}
