package dev.pdkit.model;

import org.jspecify.annotations.Nullable;

/**
 * Additional details of an incident (returned with {@code include[]=body}; sent on create).
 *
 * @param type always {@code incident_body}
 * @param details free text, or a JSON object as unmodifiable maps and lists
 */
public record IncidentBody(String type, @Nullable Object details) {
  public IncidentBody {
    type = type == null ? "incident_body" : type;
    details = Lists.freeze(details);
  }

  /** A body with {@code details} (a string or a map). */
  public static IncidentBody of(Object details) {
    return new IncidentBody("incident_body", details);
  }
}
