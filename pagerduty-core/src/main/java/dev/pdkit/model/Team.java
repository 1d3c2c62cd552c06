package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A team (needs the {@code teams} ability). Build with {@link #builder()}.
 *
 * @param id server id (null before creation)
 * @param type always {@code team}
 * @param summary read-only label
 * @param self read-only API URL
 * @param htmlUrl read-only web URL
 * @param name the team name (at most 100 characters)
 * @param description free text (at most 1024 characters)
 * @param defaultRole {@code none} makes the team private; {@code manager} (default) public
 * @param parent the parent team, if any
 */
public record Team(
    @Nullable String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    String name,
    @Nullable String description,
    @Nullable DefaultRole defaultRole,
    @Nullable Reference parent) {

  /** Default permission of non-members on the team's objects. */
  public enum DefaultRole {
    @JsonProperty("manager")
    MANAGER,
    @JsonProperty("none")
    NONE,
    /** A value this SDK does not know. */
    @JsonEnumDefaultValue
    @JsonProperty("unknown")
    UNKNOWN
  }

  public Team {
    type = type == null ? "team" : type;
    Objects.requireNonNull(name, "name");
  }

  /** This team as a reference. */
  public Reference reference() {
    return Reference.team(Lists.require(id, "id"));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.description = description;
    b.defaultRole = defaultRole;
    b.parent = parent;
    return b;
  }

  /** Builds a {@link Team}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable String description;
    private @Nullable DefaultRole defaultRole;
    private @Nullable Reference parent;

    private Builder() {}

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Required. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    public Builder defaultRole(@Nullable DefaultRole defaultRole) {
      this.defaultRole = defaultRole;
      return this;
    }

    public Builder parent(@Nullable String parentTeamId) {
      this.parent = parentTeamId == null ? null : Reference.team(parentTeamId);
      return this;
    }

    /** @throws IllegalStateException naming every missing or invalid field */
    public Team build() {
      List<String> problems = new ArrayList<>();
      if (name == null || name.isBlank()) {
        problems.add("name is required");
      } else if (name.length() > 100) {
        problems.add("name must be at most 100 characters, was " + name.length());
      }
      if (description != null && description.length() > 1024) {
        problems.add("description must be at most 1024 characters, was " + description.length());
      }
      Builders.check("Team", problems);
      return new Team(id, "team", null, null, null, name, description, defaultRole, parent);
    }
  }
}
