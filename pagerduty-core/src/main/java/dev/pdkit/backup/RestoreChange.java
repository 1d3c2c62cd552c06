package dev.pdkit.backup;

import dev.pdkit.deploy.FieldChange;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a restore does with one record of the archive.
 *
 * @param action create, update, leave unchanged, or skip
 * @param kind the resource kind
 * @param name a human name: e-mail for users, name for most kinds, {@code service/integration}
 * @param sourceId the record's id in the archive (the account it was read from)
 * @param targetId the matching resource's id in the target account; null when it is created
 * @param fields the differing fields for an update, every field for a create (integration keys are
 *     never among them), empty otherwise
 * @param dependency true when the record is only restored because a selected one refers to it
 *     ({@code --only}); a dependency that exists in the target is referenced, never changed
 * @param note why a record is skipped, or what a user should know (e.g. a new routing key)
 */
public record RestoreChange(Action action, BackupKind kind, String name, String sourceId,
    @Nullable String targetId, List<FieldChange> fields, boolean dependency, @Nullable String note) {

  public RestoreChange {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sourceId, "sourceId");
    fields = List.copyOf(fields);
  }

  /** What happens to the resource. */
  public enum Action {
    /** The resource does not exist in the target: it is created (with a new id). */
    CREATE,
    /** The resource exists but differs: it is reverted to the archive's content. */
    UPDATE,
    /** The resource exists and matches the archive. */
    UNCHANGED,
    /** The record cannot be restored (e.g. an override that ended since the backup); see the note. */
    SKIP
  }
}
