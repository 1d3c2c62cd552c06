package dev.pdkit.backup;

import java.util.Objects;

/**
 * One resource in a backup: its kind, its id in the account it was read from, and its JSON object
 * as PagerDuty returned it (the entity itself, without the {@code {"service": ...}} wrapper).
 *
 * <p>Records are what a backup is made of: they are read from an account as a stream, written to
 * an archive one at a time, and read back one at a time, so memory stays bounded whatever the
 * account's size.
 *
 * @param kind what the resource is
 * @param id its id in the source account (composite for kinds that live inside another, see
 *     {@link BackupKind})
 * @param json the entity as UTF-8 JSON text, an object
 */
public record BackupRecord(BackupKind kind, String id, String json) {
  public BackupRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
    if (id.isBlank()) {
      throw new IllegalArgumentException("BackupRecord: id must not be blank");
    }
  }

  @Override
  public String toString() {
    // json may hold an integration key: never print it
    return "BackupRecord[" + kind.wire() + " " + id + ", " + json.length() + " chars]";
  }
}
