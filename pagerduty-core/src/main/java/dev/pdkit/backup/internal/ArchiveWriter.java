package dev.pdkit.backup.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.backup.ArchiveInfo;
import dev.pdkit.backup.BackupKind;
import dev.pdkit.backup.BackupRecord;
import dev.pdkit.backup.EncryptionMode;
import dev.pdkit.backup.Manifest;
import dev.pdkit.errors.BackupException;
import dev.pdkit.errors.BackupException.Reason;
import dev.pdkit.internal.json.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams records into an archive: header, then zlib-compressed entries in sealed chunks, then the
 * manifest as the last entry and the public footer. Holds one chunk, one compressor window and the
 * per-kind counters, whatever the number of records. Not thread-safe.
 */
public final class ArchiveWriter {
  private final OutputStream raw;
  private final ChunkOutputStream chunks;
  private final Deflater deflater;
  private final DeflaterOutputStream compressed;
  private final java.io.DataOutputStream data;
  private final Header header;
  private final MessageDigest entryDigest = ChunkCipher.sha256();
  private final MessageDigest archiveDigest = ChunkCipher.sha256();
  private final Map<BackupKind, Long> counts = new EnumMap<>(BackupKind.class);
  private long entries;
  private @Nullable Manifest manifest;
  private boolean closed;
  private boolean failed;

  public ArchiveWriter(OutputStream out, ArchiveInfo info, String toolVersion, EncryptionMode mode,
      @Nullable Supplier<byte[]> passphrase, int memoryKiB, int iterations, int parallelism,
      List<byte[]> recipients, int chunkSize, int compressionLevel) {
    Objects.requireNonNull(out, "out");
    this.raw = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
    byte[] fileKey = new byte[32];
    this.header = Header.create(info, toolVersion, mode, chunkSize, passphrase, memoryKiB, iterations,
        parallelism, recipients, fileKey);
    ChunkCipher cipher;
    if (mode == EncryptionMode.NONE) {
      cipher = ChunkCipher.integrityOnly(header.checksum);
    } else {
      byte[] key = header.payloadKey(fileKey);
      cipher = ChunkCipher.aesGcm(key, header.checksum);
      Arrays.fill(key, (byte) 0);
    }
    Arrays.fill(fileKey, (byte) 0);
    this.chunks = new ChunkOutputStream(raw, cipher, chunkSize);
    this.deflater = new Deflater(compressionLevel);
    this.compressed = new DeflaterOutputStream(chunks, deflater, 1 << 16);
    this.data = new java.io.DataOutputStream(new BufferedOutputStream(compressed, 1 << 16));
    try {
      raw.write(header.encoded);
    } catch (IOException e) {
      failed = true;
      throw io(e);
    }
  }

  /** Appends one record. */
  public void add(BackupRecord record) {
    Objects.requireNonNull(record, "record");
    if (manifest != null || closed) {
      throw new IllegalStateException("archive already " + (manifest != null ? "finished" : "closed"));
    }
    byte[] kind = record.kind().wire().getBytes(StandardCharsets.US_ASCII);
    byte[] id = record.id().getBytes(StandardCharsets.UTF_8);
    byte[] json = record.json().getBytes(StandardCharsets.UTF_8);
    if (id.length > 0xffff) {
      throw new IllegalArgumentException("record id is longer than 65535 bytes: " + record);
    }
    if (json.length > Payload.MAX_JSON) {
      throw new IllegalArgumentException("record JSON is larger than 64 MiB: " + record);
    }
    byte[] head = new byte[1 + 1 + kind.length + 2 + id.length + 4];
    int p = 0;
    head[p++] = Payload.TAG_RECORD;
    head[p++] = (byte) kind.length;
    System.arraycopy(kind, 0, head, p, kind.length);
    p += kind.length;
    head[p++] = (byte) (id.length >>> 8);
    head[p++] = (byte) id.length;
    System.arraycopy(id, 0, head, p, id.length);
    p += id.length;
    System.arraycopy(Header.u32(json.length), 0, head, p, 4);
    entryDigest.update(head);
    entryDigest.update(json);
    byte[] sha = entryDigest.digest();
    archiveDigest.update(sha);
    try {
      data.write(head);
      data.write(json);
      data.write(sha);
    } catch (IOException e) {
      failed = true;
      throw io(e);
    }
    counts.merge(record.kind(), 1L, Long::sum);
    entries++;
  }

  /** Records added so far. */
  public long entries() {
    return entries;
  }

  /** Writes the manifest and footer and flushes; the archive is then complete. Idempotent. */
  public Manifest finish() {
    if (manifest != null) {
      return manifest;
    }
    if (closed || failed) {
      throw new IllegalStateException("archive " + (closed ? "closed" : "failed") + " before finish()");
    }
    byte[] footer = Payload.footer(counts, entries);
    String digest = HexFormat.of().formatHex(archiveDigest.digest());
    ObjectNode m = Json.object();
    m.put("format", Header.FORMAT);
    m.put("tool_version", header.toolVersion);
    m.put("api_version", header.apiVersion);
    m.put("account", header.account);
    m.put("created", header.created.toString());
    m.put("encryption", header.mode.wire());
    m.put("entries", entries);
    ObjectNode c = m.putObject("counts");
    counts.forEach((k, v) -> c.put(k.wire(), v));
    m.put("sha256", digest);
    m.put("footer", new String(footer, StandardCharsets.UTF_8));
    byte[] mb = Json.write(m);
    try {
      data.write(Payload.TAG_MANIFEST);
      data.writeInt(mb.length);
      data.write(mb);
      data.flush();
      compressed.finish();
      chunks.finish();
      raw.write(footer);
      raw.write(Header.u32(footer.length));
      raw.write(Payload.END_MAGIC);
      raw.flush();
    } catch (IOException e) {
      failed = true;
      throw io(e);
    } finally {
      deflater.end();
    }
    manifest = new Manifest(Header.FORMAT, header.toolVersion, header.apiVersion, header.account,
        header.created, header.mode, counts, entries, digest);
    return manifest;
  }

  /**
   * Closes the output. Without {@link #finish()} first, the archive stays incomplete and fails
   * verification as truncated: an exception half-way never leaves a valid-looking archive.
   */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (manifest == null) {
      deflater.end();
    }
    try {
      raw.close();
    } catch (IOException e) {
      throw io(e);
    }
  }

  private static BackupException io(IOException e) {
    return new BackupException(Reason.IO, "writing the archive failed: " + e.getMessage(), e);
  }
}
