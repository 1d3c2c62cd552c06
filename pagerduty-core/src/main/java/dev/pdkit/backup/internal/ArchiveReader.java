package dev.pdkit.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.backup.ArchiveSummary;
import dev.pdkit.backup.BackupKind;
import dev.pdkit.backup.BackupRecord;
import dev.pdkit.backup.Manifest;
import dev.pdkit.errors.BackupException;
import dev.pdkit.errors.BackupException.Reason;
import dev.pdkit.internal.json.Json;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Reads an archive record by record. A record is only returned from an authenticated chunk; the
 * manifest, the digests, the counts and the footer are checked when the last record has been read,
 * so a caller that must not act on a damaged archive reads it to the end first (verify), then reads
 * it again to act. Not thread-safe.
 */
public final class ArchiveReader implements AutoCloseable {
  private final CountingInputStream raw;
  private final Header header;
  private final ChunkInputStream chunks;
  private final Inflater inflater = new Inflater();
  private final DataInputStream data;
  private final MessageDigest entryDigest = ChunkCipher.sha256();
  private final MessageDigest archiveDigest = ChunkCipher.sha256();
  private final Map<BackupKind, Long> counts = new EnumMap<>(BackupKind.class);
  private long entries;
  private @Nullable BackupRecord next;
  private @Nullable Manifest manifest;
  private boolean closed;

  public ArchiveReader(InputStream in, @Nullable Supplier<byte[]> passphrase, List<byte[]> identities,
      boolean acceptUnencrypted, KeyCache cache) {
    this.raw = new CountingInputStream(in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16));
    try {
      this.header = Header.read(raw);
    } catch (IOException e) {
      throw io(e);
    }
    byte[] fileKey = header.fileKey(passphrase, identities, acceptUnencrypted, cache);
    ChunkCipher cipher;
    if (fileKey == null) {
      cipher = ChunkCipher.integrityOnly(header.checksum);
    } else {
      byte[] key = header.payloadKey(fileKey);
      cipher = ChunkCipher.aesGcm(key, header.checksum);
      Arrays.fill(key, (byte) 0);
      Arrays.fill(fileKey, (byte) 0);
    }
    this.chunks = new ChunkInputStream(raw, cipher, header.chunkSize);
    // buffered: entry headers are read a few bytes at a time, and each unbuffered read of an
    // InflaterInputStream is a native inflate call
    this.data = new DataInputStream(new BufferedInputStream(new InflaterInputStream(chunks, inflater, 1 << 16), 1 << 16));
  }

  /** The public header (counts are unknown until the end). */
  public ArchiveSummary header() {
    return summary(header, null);
  }

  public boolean hasNext() {
    if (next == null && manifest == null) {
      next = readEntry();
    }
    return next != null;
  }

  public BackupRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in the archive");
    }
    BackupRecord r = next;
    next = null;
    return r;
  }

  /**
   * The checked manifest, once every record has been read.
   *
   * @throws IllegalStateException if records remain
   */
  public Manifest manifest() {
    if (manifest == null) {
      throw new IllegalStateException("the manifest is checked after the last record: read every record first");
    }
    return manifest;
  }

  /** Reads every remaining record, discarding them, and returns the checked manifest. */
  public Manifest drain() {
    while (hasNext()) {
      next();
    }
    return manifest();
  }

  private @Nullable BackupRecord readEntry() {
    try {
      int tag = data.read();
      if (tag == Payload.TAG_RECORD) {
        return readRecord();
      }
      if (tag == Payload.TAG_MANIFEST) {
        manifest = readManifest();
        return null;
      }
      throw tampered(tag < 0 ? "its payload ends without a manifest" : "unknown entry type " + tag);
    } catch (EOFException e) {
      throw tampered("an entry is cut short inside the payload");
    } catch (ZipException e) {
      throw tampered("its payload does not decompress");
    } catch (IOException e) {
      throw io(e);
    }
  }

  private BackupRecord readRecord() throws IOException {
    int kindLen = data.readUnsignedByte();
    byte[] kind = data.readNBytes(kindLen);
    int idLen = data.readUnsignedShort();
    byte[] id = data.readNBytes(idLen);
    int jsonLen = data.readInt();
    if (kind.length < kindLen || id.length < idLen || jsonLen < 0 || jsonLen > Payload.MAX_JSON) {
      throw tampered("a record entry is malformed");
    }
    byte[] json = data.readNBytes(jsonLen);
    byte[] sha = data.readNBytes(32);
    if (json.length < jsonLen || sha.length < 32) {
      throw tampered("an entry is cut short inside the payload");
    }
    entryDigest.update((byte) Payload.TAG_RECORD);
    entryDigest.update((byte) kindLen);
    entryDigest.update(kind);
    entryDigest.update(new byte[] {(byte) (idLen >>> 8), (byte) idLen});
    entryDigest.update(id);
    entryDigest.update(Header.u32(jsonLen));
    entryDigest.update(json);
    byte[] actual = entryDigest.digest();
    if (!MessageDigest.isEqual(actual, sha)) {
      throw tampered("the SHA-256 of record " + (entries + 1) + " does not match");
    }
    archiveDigest.update(actual);
    String kindText = new String(kind, StandardCharsets.US_ASCII);
    BackupKind k;
    try {
      k = BackupKind.fromWire(kindText);
    } catch (IllegalArgumentException e) {
      throw new BackupException(Reason.UNSUPPORTED, "archive holds resource kind '" + kindText
          + "', which this pdkit does not know: upgrade pdkit");
    }
    counts.merge(k, 1L, Long::sum);
    entries++;
    return new BackupRecord(k, new String(id, StandardCharsets.UTF_8), new String(json, StandardCharsets.UTF_8));
  }

  private Manifest readManifest() throws IOException {
    int len = data.readInt();
    if (len < 2 || len > Payload.MAX_FOOTER * 4) {
      throw tampered("its manifest entry is malformed");
    }
    byte[] body = data.readNBytes(len);
    if (body.length < len) {
      throw tampered("its manifest is cut short");
    }
    // nothing may follow the manifest: not in the payload, not in the chunks
    if (data.read() >= 0 || inflater.getRemaining() > 0 || !inflater.finished()) {
      throw tampered("data follows its manifest inside the payload");
    }
    if (chunks.read() >= 0 || !chunks.finished()) {
      throw tampered("data follows its compressed payload");
    }
    JsonNode m;
    try {
      m = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw tampered("its manifest is not JSON");
    }
    String digest = HexFormat.of().formatHex(archiveDigest.digest());
    Map<BackupKind, Long> claimed = Payload.counts(m.path("counts"));
    if (m.path("entries").asLong(-1) != entries || !claimed.equals(counts)) {
      throw tampered("its manifest lists " + m.path("entries").asLong(-1) + " records but it holds " + entries);
    }
    if (!digest.equals(m.path("sha256").asText())) {
      throw tampered("its manifest digest does not match its records");
    }
    if (m.path("format").asInt() != Header.FORMAT
        || !header.account.equals(m.path("account").asText())
        || !header.created.toString().equals(m.path("created").asText())
        || !header.toolVersion.equals(m.path("tool_version").asText())
        || !header.apiVersion.equals(m.path("api_version").asText())
        || !header.mode.wire().equals(m.path("encryption").asText())) {
      throw tampered("its manifest does not match its header");
    }
    byte[] expectedFooter = m.path("footer").asText().getBytes(StandardCharsets.UTF_8);
    byte[] trailer = raw.readNBytes(Payload.MAX_FOOTER + 13);
    if (trailer.length < 12) {
      throw new BackupException(Reason.TRUNCATED, "archive is truncated: its footer is missing");
    }
    int footerLen = u32(trailer, trailer.length - 12);
    if (!Arrays.equals(trailer, trailer.length - 8, trailer.length, Payload.END_MAGIC, 0, 8)
        || footerLen != trailer.length - 12) {
      throw tampered("its footer is damaged or followed by extra data");
    }
    if (!Arrays.equals(trailer, 0, footerLen, expectedFooter, 0, expectedFooter.length)) {
      throw tampered("its public footer does not match the authenticated manifest");
    }
    return new Manifest(Header.FORMAT, header.toolVersion, header.apiVersion, header.account, header.created,
        header.mode, counts, entries, digest);
  }

  /** Reads only the public header and footer of an archive file: no key, nothing verified. */
  public static ArchiveSummary peek(java.nio.file.Path file) {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      Header h = Header.read(new BufferedInputStream(in, 8192));
      long size = java.nio.file.Files.size(file);
      JsonNode footer = null;
      try (java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(file)) {
        if (size >= h.encoded.length + 12) {
          java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(12);
          ch.position(size - 12);
          readFully(ch, tail);
          byte[] t = tail.array();
          int len = u32(t, 0);
          if (Arrays.equals(t, 4, 12, Payload.END_MAGIC, 0, 8) && len > 0 && len <= Payload.MAX_FOOTER
              && size - 12 - len >= h.encoded.length) {
            java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(len);
            ch.position(size - 12 - len);
            readFully(ch, body);
            try {
              footer = Json.mapper().readTree(body.array());
            } catch (IOException e) {
              footer = null;
            }
          }
        }
      }
      return summary(h, footer);
    } catch (BackupException e) {
      throw e.in(file.getFileName().toString());
    } catch (IOException e) {
      throw new BackupException(Reason.IO, file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void readFully(java.nio.channels.SeekableByteChannel ch, java.nio.ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new EOFException();
      }
    }
  }

  private static ArchiveSummary summary(Header h, @Nullable JsonNode footer) {
    Map<BackupKind, Long> counts = Map.of();
    OptionalLong entries = OptionalLong.empty();
    if (footer != null && footer.path("entries").canConvertToLong()) {
      counts = Payload.counts(footer.path("counts"));
      entries = OptionalLong.of(footer.path("entries").asLong());
    }
    return new ArchiveSummary(Header.FORMAT, h.toolVersion, h.apiVersion, h.account, h.created, h.mode,
        h.fingerprints(), counts, entries);
  }

  private static int u32(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    inflater.end();
    try {
      raw.close();
    } catch (IOException e) {
      throw io(e);
    }
  }

  private static BackupException tampered(String what) {
    return new BackupException(Reason.TAMPERED, "archive was altered or damaged: " + what);
  }

  private static BackupException io(IOException e) {
    return new BackupException(Reason.IO, "reading the archive failed: " + e.getMessage(), e);
  }

}
