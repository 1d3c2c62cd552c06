package dev.pdkit.backup.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Splits what is written into chunks of {@code chunkSize} plaintext bytes, seals each, and writes
 * frames {@code flag(1) | length(4, big-endian) | sealed}. {@link #finish()} writes the final chunk
 * (possibly empty) flagged 1; without it the archive reads as truncated. Memory: one chunk.
 */
final class ChunkOutputStream extends OutputStream {
  private final OutputStream out;
  private final ChunkCipher cipher;
  private final byte[] buffer;
  private int filled;
  private long index;
  private boolean finished;

  ChunkOutputStream(OutputStream out, ChunkCipher cipher, int chunkSize) {
    this.out = out;
    this.cipher = cipher;
    this.buffer = new byte[chunkSize];
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (finished) {
      throw new IOException("archive payload already finished");
    }
    while (len > 0) {
      if (filled == buffer.length) {
        emit(false);
      }
      int n = Math.min(len, buffer.length - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  /** Seals and writes the final chunk. The underlying stream stays open. */
  void finish() throws IOException {
    if (!finished) {
      emit(true);
      finished = true;
    }
  }

  private void emit(boolean last) throws IOException {
    byte[] sealed = cipher.seal(index++, last, buffer, filled);
    out.write(last ? 1 : 0);
    out.write(new byte[] {
        (byte) (sealed.length >>> 24), (byte) (sealed.length >>> 16), (byte) (sealed.length >>> 8), (byte) sealed.length});
    out.write(sealed);
    filled = 0;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    // closing never finishes: an archive is only complete when its writer says so
    out.close();
  }
}
