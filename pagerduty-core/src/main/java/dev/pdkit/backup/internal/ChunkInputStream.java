package dev.pdkit.backup.internal;

import dev.pdkit.errors.BackupException;
import dev.pdkit.errors.BackupException.Reason;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and opens the frames {@link ChunkOutputStream} wrote, returning plaintext. A chunk is only
 * returned once it authenticates; the end of the payload is the chunk flagged final, so truncation,
 * reordering, dropping and altering chunks all fail with a {@link BackupException}.
 */
final class ChunkInputStream extends InputStream {
  private final CountingInputStream in;
  private final ChunkCipher cipher;
  private final int maxSealed;
  private byte[] plain = new byte[0];
  private int pos;
  private long index;
  private boolean finished;

  ChunkInputStream(CountingInputStream in, ChunkCipher cipher, int chunkSize) {
    this.in = in;
    this.cipher = cipher;
    this.maxSealed = chunkSize + ChunkCipher.TAG_BYTES;
  }

  /** Whether the final chunk has been read and authenticated. */
  boolean finished() {
    return finished;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == plain.length) {
      if (finished) {
        return -1;
      }
      nextChunk();
    }
    int n = Math.min(len, plain.length - pos);
    System.arraycopy(plain, pos, b, off, n);
    pos += n;
    return n;
  }

  private void nextChunk() throws IOException {
    long at = in.count();
    int flag = in.read();
    if (flag < 0) {
      throw new BackupException(Reason.TRUNCATED,
          "archive is truncated: it ends at byte " + at + ", before its final chunk (an interrupted write or copy?)");
    }
    if (flag != 0 && flag != 1) {
      throw new BackupException(Reason.TAMPERED,
          "archive is damaged: chunk " + index + " at byte " + at + " has an invalid frame");
    }
    byte[] len = in.readNBytes(4);
    if (len.length < 4) {
      throw truncated(at);
    }
    int length = ((len[0] & 0xff) << 24) | ((len[1] & 0xff) << 16) | ((len[2] & 0xff) << 8) | (len[3] & 0xff);
    if (length < ChunkCipher.TAG_BYTES || length > maxSealed || (flag == 0 && length != maxSealed)) {
      throw new BackupException(Reason.TAMPERED,
          "archive is damaged: chunk " + index + " at byte " + at + " has an invalid length");
    }
    byte[] sealed = in.readNBytes(length);
    if (sealed.length < length) {
      throw truncated(at);
    }
    boolean last = flag == 1;
    try {
      plain = cipher.open(index, last, sealed);
    } catch (ChunkCipher.BadChunk e) {
      throw new BackupException(Reason.TAMPERED, "archive was altered or damaged: chunk " + index
          + " at byte " + at + " does not authenticate");
    }
    pos = 0;
    index++;
    finished = last;
  }

  private static BackupException truncated(long at) {
    return new BackupException(Reason.TRUNCATED,
        "archive is truncated: its chunk at byte " + at + " is cut short (an interrupted write or copy?)");
  }
}
