package dev.pdkit.deploy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One planned change to one resource.
 *
 * @param action create, update or delete
 * @param kind the resource kind
 * @param key the stable key (e-mail for users, {@code service/integration} for integrations)
 * @param id the live id, {@code null} for creates
 * @param fields the differing fields (for a create every desired field, for a delete every live one)
 */
public record Change(Action action, ResourceKind kind, String key, @Nullable String id, List<FieldChange> fields) {

  public Change {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    fields = List.copyOf(fields);
  }

  /** What happens to the resource. */
  public enum Action {
    CREATE,
    UPDATE,
    DELETE
  }
}
