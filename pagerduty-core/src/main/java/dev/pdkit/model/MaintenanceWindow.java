package dev.pdkit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A maintenance window: between {@code startTime} and {@code endTime} its services open no
 * incidents. Build with {@link #builder()}.
 *
 * @param id server id (null before creation)
 * @param type always {@code maintenance_window}
 * @param summary read-only label
 * @param self read-only API URL
 * @param htmlUrl read-only web URL
 * @param sequenceNumber read-only creation order
 * @param startTime start (a past start is moved to now by PagerDuty)
 * @param endTime end (in the future, after the start)
 * @param description free text
 * @param createdBy read-only creator
 * @param services the services affected (at least one)
 * @param teams read-only teams
 */
public record MaintenanceWindow(
    @Nullable String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    @Nullable Integer sequenceNumber,
    OffsetDateTime startTime,
    OffsetDateTime endTime,
    @Nullable String description,
    @Nullable Reference createdBy,
    List<Reference> services,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reference> teams) {

  public MaintenanceWindow {
    type = type == null ? "maintenance_window" : type;
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    services = Lists.copy("services", services);
    teams = Lists.copy("teams", teams);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this window's writable fields (id included). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.startTime = startTime;
    b.endTime = endTime;
    b.description = description;
    b.services.addAll(services);
    return b;
  }

  /** Builds a {@link MaintenanceWindow}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable OffsetDateTime startTime;
    private @Nullable OffsetDateTime endTime;
    private @Nullable String description;
    private final List<Reference> services = new ArrayList<>();

    private Builder() {}

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Required. */
    public Builder startTime(OffsetDateTime startTime) {
      this.startTime = Objects.requireNonNull(startTime, "startTime");
      return this;
    }

    /** Required, after the start. */
    public Builder endTime(OffsetDateTime endTime) {
      this.endTime = Objects.requireNonNull(endTime, "endTime");
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /** Adds a service by id; at least one is required. */
    public Builder addService(String serviceId) {
      services.add(Reference.service(serviceId));
      return this;
    }

    /** @throws IllegalStateException naming every missing or invalid field */
    public MaintenanceWindow build() {
      List<String> problems = new ArrayList<>();
      if (startTime == null) {
        problems.add("startTime is required");
      }
      if (endTime == null) {
        problems.add("endTime is required");
      }
      if (startTime != null && endTime != null && !endTime.isAfter(startTime)) {
        problems.add("endTime " + endTime + " must be after startTime " + startTime);
      }
      if (services.isEmpty()) {
        problems.add("at least one service is required (addService)");
      }
      Builders.check("MaintenanceWindow", problems);
      return new MaintenanceWindow(id, "maintenance_window", null, null, null, null, startTime,
          endTime, description, null, services, List.of());
    }
  }
}
