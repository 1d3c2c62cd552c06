package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of PagerDuty's audit trail: who ({@code actors}, {@code method}) did what ({@code
 * action}) to which object ({@code rootResource}, {@code details}) and when.
 *
 * @param id the record id
 * @param self the record URL
 * @param executionTime when the action ran
 * @param executionContext request id and remote address
 * @param actors who acted
 * @param method how they authenticated
 * @param rootResource the object acted on
 * @param action {@code create}, {@code update} or {@code delete}
 * @param details changed fields and references
 */
public record AuditRecord(
    String id,
    @Nullable String self,
    @Nullable OffsetDateTime executionTime,
    @Nullable ExecutionContext executionContext,
    List<Reference> actors,
    @Nullable Method method,
    @Nullable Reference rootResource,
    @Nullable String action,
    @Nullable Details details) {

  /**
   * Where the action came from.
   *
   * @param requestId the request id
   * @param remoteAddress the client address
   */
  public record ExecutionContext(@Nullable String requestId, @Nullable String remoteAddress) {}

  /**
   * How the actor authenticated.
   *
   * @param type {@code browser}, {@code oauth}, {@code api_token}, {@code identity_provider} or
   *     {@code other}
   * @param description a description
   * @param truncatedToken the last 4 characters of the token used, if any
   */
  public record Method(
      @Nullable String type, @Nullable String description, @Nullable String truncatedToken) {}

  /**
   * What changed.
   *
   * @param resource the changed object
   * @param fields changed fields
   * @param references changed references
   */
  public record Details(
      @Nullable Reference resource, List<FieldChange> fields, List<ReferenceChange> references) {
    public Details {
      fields = Lists.copy("fields", fields);
      references = Lists.copy("references", references);
    }
  }

  /**
   * One changed field.
   *
   * @param name the field name
   * @param description a human-readable description
   * @param value the new value
   * @param beforeValue the previous value
   */
  public record FieldChange(
      String name,
      @Nullable String description,
      @Nullable String value,
      @Nullable String beforeValue) {}

  /**
   * One changed reference list.
   *
   * @param name the field name, e.g. {@code members}
   * @param description a human-readable description
   * @param added references added
   * @param removed references removed
   */
  public record ReferenceChange(
      String name, @Nullable String description, List<Reference> added, List<Reference> removed) {
    public ReferenceChange {
      added = Lists.copy("added", added);
      removed = Lists.copy("removed", removed);
    }
  }

  public AuditRecord {
    Objects.requireNonNull(id, "id");
    actors = Lists.copy("actors", actors);
  }
}
