package dev.pdkit.backup;

import dev.pdkit.Secret;
import dev.pdkit.backup.internal.ArchiveReader;
import dev.pdkit.backup.internal.ArchiveWriter;
import dev.pdkit.errors.BackupException;
import dev.pdkit.internal.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Backup archives: write records to one as a stream, read them back as a stream, verify one
 * without restoring, peek at its public summary. Memory stays bounded (one 64 KiB chunk and a
 * compressor window) whatever the number of records. The byte layout and cryptography are in
 * {@code docs/backup-format.md}.
 *
 * <pre>{@code
 * try (BackupArchive.Writer w = BackupArchive.write(out, Encryption.passphrase(pass),
 *     ArchiveInfo.of("acme", Instant.now()))) {
 *   records.forEach(w::add);
 *   Manifest m = w.finish();
 * }
 * Manifest checked = BackupArchive.verify(path, Decryption.passphrase(pass));   // everything, no restore
 * try (BackupArchive.Reader r = BackupArchive.read(path, Decryption.passphrase(pass))) {
 *   while (r.hasNext()) { BackupRecord rec = r.next(); ... }
 *   r.manifest();   // checked once the last record is read
 * }
 * }</pre>
 *
 * <p>Every failure is a {@link BackupException} whose {@link BackupException#reason()} tells a wrong
 * passphrase or key from damage, truncation or an unsupported version, with a one-line message.
 */
public final class BackupArchive {
  /** The archive format version this pdkit writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** File name extension used by {@link BackupStore#directory(Path)}. */
  public static final String EXTENSION = ".pdbackup";

  private BackupArchive() {}

  /**
   * Tuning for new archives.
   *
   * @param chunkSize plaintext bytes per authenticated chunk (1 KiB .. 16 MiB; default 64 KiB)
   * @param compressionLevel zlib level 0..9 (default 6)
   */
  public record Options(int chunkSize, int compressionLevel) {
    /** 64 KiB chunks, zlib level 6. */
    public static final Options DEFAULTS = new Options(64 * 1024, 6);

    public Options {
      if (chunkSize < 1024 || chunkSize > 16 << 20) {
        throw new IllegalArgumentException("chunkSize must be between 1 KiB and 16 MiB");
      }
      if (compressionLevel < 0 || compressionLevel > 9) {
        throw new IllegalArgumentException("compressionLevel must be between 0 and 9");
      }
    }
  }

  /**
   * Streams records into a new archive. Call {@link #finish()} after the last record: only then is
   * the archive complete. {@link #close()} closes the output; closed without {@code finish()}, the
   * archive reads as truncated, so a failure half-way never leaves a valid-looking archive. Not
   * thread-safe.
   */
  public interface Writer extends AutoCloseable {
    /**
     * Appends one record.
     *
     * @throws BackupException if writing fails ({@link BackupException.Reason#IO})
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}
     */
    void add(BackupRecord record);

    /** Records added so far. */
    long entries();

    /** Writes the manifest and footer and flushes; returns the manifest. Idempotent. */
    Manifest finish();

    /** Closes the output stream (without finishing). Idempotent. */
    @Override
    void close();
  }

  /**
   * Reads an archive's records in the order they were written. Each record comes from an
   * authenticated chunk; the manifest (counts, digest, footer) is checked when the last record has
   * been read, so read it to the end — or {@link BackupArchive#verify} first — before acting on
   * the records. Not thread-safe. Closing closes the input.
   */
  public interface Reader extends Iterator<BackupRecord>, AutoCloseable {
    /** The public header: time, account, versions, encryption (counts unknown until the end). */
    ArchiveSummary header();

    /**
     * @throws BackupException if the archive is damaged at this point
     */
    @Override
    boolean hasNext();

    /**
     * @throws BackupException if the archive is damaged at this point
     */
    @Override
    BackupRecord next();

    /**
     * The checked manifest.
     *
     * @throws IllegalStateException if records remain unread
     */
    Manifest manifest();

    /** The remaining records as a sequential stream (closing it closes this reader). */
    default Stream<BackupRecord> stream() {
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
          .onClose(this::close);
    }

    @Override
    void close();
  }

  /**
   * Starts a new archive on {@code out} with {@link Options#DEFAULTS}; the header is written at once.
   * The writer owns {@code out} and closes it.
   *
   * @throws BackupException if writing the header fails
   */
  public static Writer write(OutputStream out, Encryption encryption, ArchiveInfo info) {
    return write(out, encryption, info, Options.DEFAULTS);
  }

  /** As {@link #write(OutputStream, Encryption, ArchiveInfo)} with tuning options. */
  public static Writer write(OutputStream out, Encryption encryption, ArchiveInfo info, Options options) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(options, "options");
    Secret pass = encryption.passphraseSecret();
    Supplier<byte[]> passphrase = pass == null ? null : () -> pass.reveal().getBytes(StandardCharsets.UTF_8);
    ArchiveWriter w = new ArchiveWriter(out, info, Version.pdkit(), encryption.mode(), passphrase,
        encryption.argon2().memoryKiB(), encryption.argon2().iterations(), encryption.argon2().parallelism(),
        encryption.recipients().stream().map(RecipientKey::bytes).toList(), options.chunkSize(),
        options.compressionLevel());
    return new Writer() {
      @Override
      public void add(BackupRecord record) {
        w.add(record);
      }

      @Override
      public long entries() {
        return w.entries();
      }

      @Override
      public Manifest finish() {
        return w.finish();
      }

      @Override
      public void close() {
        w.close();
      }
    };
  }

  /**
   * Opens an archive from a stream; the header is read and the key unwrapped at once. The reader
   * owns {@code in}.
   *
   * @throws BackupException if it is not an archive, the header is damaged, or the key is wrong
   */
  public static Reader read(InputStream in, Decryption decryption) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(decryption, "decryption");
    return open(in, decryption, null);
  }

  /** Opens an archive file; failures name the file. */
  public static Reader read(Path file, Decryption decryption) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(decryption, "decryption");
    return open(newInput(file), decryption, file.getFileName().toString());
  }

  /**
   * Reads and checks a whole archive without restoring anything: the header checksum, the key,
   * every chunk's authentication tag, every record's SHA-256, the manifest's counts and digest, and
   * the public footer. Streams; memory is bounded.
   *
   * @return the checked manifest
   * @throws BackupException naming what failed
   */
  public static Manifest verify(Path file, Decryption decryption) {
    try (Reader r = read(file, decryption)) {
      while (r.hasNext()) {
        r.next();
      }
      return r.manifest();
    }
  }

  /** As {@link #verify(Path, Decryption)} for a stream (which is closed). */
  public static Manifest verify(InputStream in, Decryption decryption) {
    try (Reader r = read(in, decryption)) {
      while (r.hasNext()) {
        r.next();
      }
      return r.manifest();
    }
  }

  /**
   * The public header and footer of an archive file, without a key. Unverified: use it to list
   * archives, never to trust them.
   *
   * @throws BackupException if the file is not an archive or its header is damaged
   */
  public static ArchiveSummary peek(Path file) {
    Objects.requireNonNull(file, "file");
    return ArchiveReader.peek(file);
  }

  private static InputStream newInput(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new BackupException(BackupException.Reason.IO, file + ": no such archive");
    } catch (IOException e) {
      throw new BackupException(BackupException.Reason.IO, file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static Reader open(InputStream in, Decryption decryption, @Nullable String name) {
    Secret pass = decryption.passphraseSecret();
    Supplier<byte[]> passphrase = pass == null ? null : () -> pass.reveal().getBytes(StandardCharsets.UTF_8);
    List<byte[]> ids = decryption.identityBytes();
    ArchiveReader r;
    try {
      r = new ArchiveReader(in, passphrase, ids, decryption.acceptsUnencrypted(), decryption.cache());
    } catch (BackupException e) {
      closeQuietly(in);
      throw name == null ? e : e.in(name);
    } catch (RuntimeException e) {
      closeQuietly(in);
      throw e;
    }
    return new Reader() {
      @Override
      public ArchiveSummary header() {
        return r.header();
      }

      @Override
      public boolean hasNext() {
        try {
          return r.hasNext();
        } catch (BackupException e) {
          throw name == null ? e : e.in(name);
        }
      }

      @Override
      public BackupRecord next() {
        try {
          return r.next();
        } catch (BackupException e) {
          throw name == null ? e : e.in(name);
        }
      }

      @Override
      public Manifest manifest() {
        return r.manifest();
      }

      @Override
      public void close() {
        r.close();
      }
    };
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing
    }
  }
}
