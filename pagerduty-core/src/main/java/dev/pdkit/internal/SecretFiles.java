package dev.pdkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files that hold key material: owner-only where the file system has POSIX permissions. */
public final class SecretFiles {
  private SecretFiles() {}

  /**
   * Creates {@code file} (and its parent folders) readable and writable by the owner only, and
   * writes {@code text} (US-ASCII) into it. Never overwrites.
   *
   * @throws FileAlreadyExistsException when the file exists
   */
  public static void createOwnerOnly(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions on this file system (e.g. Windows): the file's ACL is inherited
      Files.createFile(file);
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
