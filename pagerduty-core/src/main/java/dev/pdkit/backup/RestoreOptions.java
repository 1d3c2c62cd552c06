package dev.pdkit.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to restore: what to select, whether users may be created, which account the target is.
 *
 * <pre>{@code
 * RestoreOptions.builder().only("service:checkout-api").createMissingUsers(true).build();
 * }</pre>
 *
 * @param only selectors {@code kind:name-or-id} (e.g. {@code service:checkout-api}, {@code
 *     user:jane@example.com}, {@code escalation_policy:PABC123}); empty restores everything. A
 *     selected service brings its integrations, a schedule its overrides, a team its memberships.
 * @param pullDependencies restore what the selected records refer to when it is missing in the
 *     target (default true); when false, a missing dependency makes the plan refuse, naming it
 * @param createMissingUsers create users the target lacks (default false: they are listed as
 *     problems and the restore is refused, since a new user is invited and may cost a licence)
 * @param sameAccount force matching by id ({@code true}) or by name only ({@code false}); null
 *     (default) decides by comparing the accounts' web hosts
 * @param verify after applying, plan again and report the differences left (default true)
 * @param healthCheck after applying, run the full {@link dev.pdkit.health.HealthCheck} on the
 *     target and return its report (default false: it probes the Events API and renders every
 *     schedule, which takes a while on a large account)
 */
public record RestoreOptions(List<Selector> only, boolean pullDependencies, boolean createMissingUsers,
    @Nullable Boolean sameAccount, boolean verify, boolean healthCheck) {

  public RestoreOptions {
    only = List.copyOf(only);
  }

  /** Everything, users not created, accounts compared, verified. */
  public static RestoreOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A {@code --only} selector: a kind and a name or id.
   *
   * @param kind the kind
   * @param nameOrId the resource's name (e-mail for users, {@code service/name} for integrations,
   *     description for maintenance windows) or its id in the archive
   */
  public record Selector(BackupKind kind, String nameOrId) {
    public Selector {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(nameOrId, "nameOrId");
    }

    /**
     * Parses {@code kind:name}, e.g. {@code service:checkout-api}.
     *
     * @throws IllegalArgumentException naming the expected form or the known kinds
     */
    public static Selector parse(String text) {
      Objects.requireNonNull(text, "text");
      int colon = text.indexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new IllegalArgumentException("--only '" + text + "' must be KIND:NAME, e.g. service:checkout-api");
      }
      return new Selector(BackupKind.fromWire(text.substring(0, colon)), text.substring(colon + 1).trim());
    }

    @Override
    public String toString() {
      return kind.wire() + ":" + nameOrId;
    }
  }

  /** Builds {@link RestoreOptions}. Not thread-safe. */
  public static final class Builder {
    private final List<Selector> only = new ArrayList<>();
    private boolean pullDependencies = true;
    private boolean createMissingUsers;
    private @Nullable Boolean sameAccount;
    private boolean verify = true;
    private boolean healthCheck;

    private Builder() {}

    /** Adds selectors in {@code kind:name} form. */
    public Builder only(String... selectors) {
      for (String s : selectors) {
        only.add(Selector.parse(s));
      }
      return this;
    }

    public Builder only(Selector selector) {
      only.add(Objects.requireNonNull(selector, "selector"));
      return this;
    }

    public Builder pullDependencies(boolean pull) {
      this.pullDependencies = pull;
      return this;
    }

    public Builder createMissingUsers(boolean create) {
      this.createMissingUsers = create;
      return this;
    }

    public Builder sameAccount(@Nullable Boolean same) {
      this.sameAccount = same;
      return this;
    }

    public Builder verify(boolean verify) {
      this.verify = verify;
      return this;
    }

    public Builder healthCheck(boolean healthCheck) {
      this.healthCheck = healthCheck;
      return this;
    }

    public RestoreOptions build() {
      return new RestoreOptions(only, pullDependencies, createMissingUsers, sameAccount, verify, healthCheck);
    }
  }
}
