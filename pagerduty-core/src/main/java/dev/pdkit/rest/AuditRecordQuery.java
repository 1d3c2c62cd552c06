package dev.pdkit.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Filters for audit records. PagerDuty defaults {@code since} to 24 hours ago and requires {@code
 * until} at most 31 days after {@code since}; records are kept for 12 months.
 *
 * @param since start of the window
 * @param until end of the window
 * @param rootResourceTypes {@code root_resource_types[]} (account-wide listing only), e.g. {@code
 *     users}, {@code services}
 * @param actions {@code actions[]}: create, update, delete
 * @param actorType {@code actor_type}: user_reference, api_key_reference, app_reference
 * @param actorId {@code actor_id} (with actorType)
 * @param methodType {@code method_type}: browser, oauth, api_token, identity_provider, other
 */
public record AuditRecordQuery(
    @Nullable Instant since,
    @Nullable Instant until,
    List<String> rootResourceTypes,
    List<String> actions,
    @Nullable String actorType,
    @Nullable String actorId,
    @Nullable String methodType) {

  private static final AuditRecordQuery NONE = builder().build();

  public AuditRecordQuery {
    rootResourceTypes = List.copyOf(rootResourceTypes);
    actions = List.copyOf(actions);
    if (since != null && until != null && !until.isAfter(since)) {
      throw new IllegalArgumentException("until " + until + " must be after since " + since);
    }
    if (actorId != null && actorType == null) {
      throw new IllegalArgumentException("actorId needs actorType (e.g. user_reference)");
    }
  }

  /** The last 24 hours. */
  public static AuditRecordQuery none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AuditRecordQuery}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Instant since;
    private @Nullable Instant until;
    private final List<String> rootResourceTypes = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();
    private @Nullable String actorType;
    private @Nullable String actorId;
    private @Nullable String methodType;

    private Builder() {}

    public Builder since(@Nullable Instant since) {
      this.since = since;
      return this;
    }

    public Builder until(@Nullable Instant until) {
      this.until = until;
      return this;
    }

    public Builder rootResourceTypes(String... types) {
      rootResourceTypes.addAll(Queries.ids("rootResourceTypes", types));
      return this;
    }

    public Builder actions(String... actions) {
      this.actions.addAll(Queries.ids("actions", actions));
      return this;
    }

    public Builder actor(String type, String id) {
      this.actorType = type;
      this.actorId = id;
      return this;
    }

    public Builder methodType(@Nullable String methodType) {
      this.methodType = methodType;
      return this;
    }

    public AuditRecordQuery build() {
      return new AuditRecordQuery(since, until, rootResourceTypes, actions, actorType, actorId,
          methodType);
    }
  }
}
