package dev.pdkit.backup;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * An archive's authenticated description, written after its last record: where and when it was
 * taken, by which pdkit, how many records of each kind it holds, and the SHA-256 digest over every
 * record's SHA-256 in order (see {@code docs/backup-format.md}). Every field has been checked
 * against the records actually read before a {@code Manifest} is returned.
 *
 * @param formatVersion archive format version (1)
 * @param toolVersion the pdkit version that wrote it
 * @param apiVersion the PagerDuty REST API version of the records
 * @param account account subdomain or label
 * @param created when the backup was taken
 * @param encryption how the payload is protected
 * @param counts records per kind (kinds with none are absent)
 * @param entries total records
 * @param sha256 hex SHA-256 over the concatenated per-record SHA-256 digests
 */
public record Manifest(
    int formatVersion,
    String toolVersion,
    String apiVersion,
    String account,
    Instant created,
    EncryptionMode encryption,
    Map<BackupKind, Long> counts,
    long entries,
    String sha256) {
  public Manifest {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(sha256, "sha256");
    EnumMap<BackupKind, Long> c = new EnumMap<>(BackupKind.class);
    c.putAll(counts);
    counts = Collections.unmodifiableMap(c);
  }

  /** Records of {@code kind} (0 if none). */
  public long count(BackupKind kind) {
    return counts.getOrDefault(kind, 0L);
  }
}
