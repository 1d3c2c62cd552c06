package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.pdkit.Secret;
import dev.pdkit.internal.json.SecretJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A PagerDuty user. Build new ones with {@link #builder()}.
 *
 * <p>The calendar feed URLs ({@code http_cal_url}, {@code web_cal_url}) work as bearer credentials,
 * so they are {@link Secret}s.
 *
 * @param id server id (null before creation)
 * @param type always {@code user}
 * @param summary read-only label
 * @param self read-only API URL
 * @param htmlUrl read-only web URL
 * @param name the user's name (at most 100 characters)
 * @param email the user's e-mail (6 to 100 characters)
 * @param timeZone preferred IANA time zone; null means the account's
 * @param color the schedule color
 * @param role the base role
 * @param avatarUrl read-only avatar URL
 * @param description the user's bio
 * @param invitationSent read-only; whether an invitation is outstanding
 * @param jobTitle the user's title
 * @param createdViaSso read-only; whether SSO created the user
 * @param teams read-only; teams the user belongs to
 * @param contactMethods read-only; references to the user's contact methods
 * @param notificationRules read-only; references to the user's notification rules
 * @param httpCalUrl read-only; private iCal feed URL (a credential)
 * @param webCalUrl read-only; private webcal feed URL (a credential)
 */
public record User(
    @Nullable String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    String name,
    String email,
    @Nullable String timeZone,
    @Nullable String color,
    @Nullable UserRole role,
    @Nullable String avatarUrl,
    @Nullable String description,
    boolean invitationSent,
    @Nullable String jobTitle,
    boolean createdViaSso,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> teams,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> contactMethods,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> notificationRules,
    @JsonSerialize(using = SecretJson.Serializer.class)
        @JsonDeserialize(using = SecretJson.Deserializer.class)
        @Nullable Secret httpCalUrl,
    @JsonSerialize(using = SecretJson.Serializer.class)
        @JsonDeserialize(using = SecretJson.Deserializer.class)
        @Nullable Secret webCalUrl) {

  public User {
    type = type == null ? "user" : type;
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    teams = Lists.copy("teams", teams);
    contactMethods = Lists.copy("contactMethods", contactMethods);
    notificationRules = Lists.copy("notificationRules", notificationRules);
  }

  /** This user as a reference. */
  public Reference reference() {
    return Reference.user(Lists.require(id, "id"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this user's writable fields (id included). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.email = email;
    b.timeZone = timeZone;
    b.color = color;
    b.role = role;
    b.description = description;
    b.jobTitle = jobTitle;
    return b;
  }

  /** Builds a {@link User}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable String email;
    private @Nullable String timeZone;
    private @Nullable String color;
    private @Nullable UserRole role;
    private @Nullable String description;
    private @Nullable String jobTitle;

    private Builder() {}

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Required, at most 100 characters. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Required, 6 to 100 characters. */
    public Builder email(String email) {
      this.email = Objects.requireNonNull(email, "email");
      return this;
    }

    public Builder timeZone(@Nullable String timeZone) {
      this.timeZone = timeZone;
      return this;
    }

    public Builder color(@Nullable String color) {
      this.color = color;
      return this;
    }

    public Builder role(@Nullable UserRole role) {
      if (role == UserRole.UNKNOWN) {
        throw new IllegalArgumentException("role UNKNOWN cannot be sent to PagerDuty");
      }
      this.role = role;
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    public Builder jobTitle(@Nullable String jobTitle) {
      this.jobTitle = jobTitle;
      return this;
    }

    /** @throws IllegalStateException naming every missing or invalid field */
    public User build() {
      List<String> problems = new ArrayList<>();
      if (name == null || name.isBlank()) {
        problems.add("name is required");
      } else if (name.length() > 100) {
        problems.add("name must be at most 100 characters, was " + name.length());
      }
      if (email == null) {
        problems.add("email is required");
      } else if (email.length() < 6 || email.length() > 100 || email.indexOf('@') < 1) {
        problems.add("email must be an address of 6 to 100 characters, was '" + email + "'");
      }
      if (jobTitle != null && jobTitle.length() > 100) {
        problems.add("jobTitle must be at most 100 characters, was " + jobTitle.length());
      }
      Builders.check("User", problems);
      return new User(id, "user", null, null, null, name, email, timeZone, color, role, null,
          description, false, jobTitle, false, List.of(), List.of(), List.of(), null, null);
    }
  }
}
