package dev.pdkit.backup;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What can be read from an archive without a key: its public header (time, account, versions,
 * encryption and recipient fingerprints) and its public footer (record counts). <b>Unverified</b>:
 * anyone can edit these bytes; {@link BackupArchive#verify} checks them against the authenticated
 * manifest. Holds no secret.
 *
 * @param formatVersion archive format version
 * @param toolVersion pdkit version that wrote it
 * @param apiVersion PagerDuty API version of the records
 * @param account account subdomain or label
 * @param created when the backup was taken
 * @param encryption how the payload is protected
 * @param recipients fingerprints of the recipient keys (empty unless {@link EncryptionMode#RECIPIENTS})
 * @param counts records per kind from the footer (empty if the footer is missing: a truncated file)
 * @param entries total records from the footer, empty if missing
 */
public record ArchiveSummary(
    int formatVersion,
    String toolVersion,
    String apiVersion,
    String account,
    Instant created,
    EncryptionMode encryption,
    List<String> recipients,
    Map<BackupKind, Long> counts,
    OptionalLong entries) {
  public ArchiveSummary {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(entries, "entries");
    recipients = List.copyOf(recipients);
    EnumMap<BackupKind, Long> c = new EnumMap<>(BackupKind.class);
    c.putAll(counts);
    counts = Collections.unmodifiableMap(c);
  }

  /** Whether the footer was present (else the archive is incomplete). */
  public boolean complete() {
    return entries.isPresent();
  }
}
