package dev.pdkit.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pointer to another PagerDuty object: {@code {id, type, summary, self, html_url}}.
 *
 * <p>PagerDuty reads only {@code id} and {@code type} from a reference in a request; {@code
 * summary}, {@code self} and {@code htmlUrl} are filled in by the server. Reference types end in
 * {@code _reference} (e.g. {@code service_reference}). Ids are unique per type, not globally.
 *
 * @param id the object's id, never null
 * @param type the reference type, e.g. {@code user_reference}; never null
 * @param summary a server-generated label (often the name)
 * @param self the API URL of the object
 * @param htmlUrl the web app URL of the object
 */
public record Reference(
    String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl) {

  public Reference {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
  }

  /** A reference with only id and type, as requests need. */
  public static Reference of(String type, String id) {
    return new Reference(id, type, null, null, null);
  }

  /** {@code service_reference}. */
  public static Reference service(String id) {
    return of("service_reference", id);
  }

  /** {@code user_reference}. */
  public static Reference user(String id) {
    return of("user_reference", id);
  }

  /** {@code team_reference}. */
  public static Reference team(String id) {
    return of("team_reference", id);
  }

  /** {@code schedule_reference}. */
  public static Reference schedule(String id) {
    return of("schedule_reference", id);
  }

  /** {@code escalation_policy_reference}. */
  public static Reference escalationPolicy(String id) {
    return of("escalation_policy_reference", id);
  }

  /** {@code incident_reference}. */
  public static Reference incident(String id) {
    return of("incident_reference", id);
  }

  /** {@code priority_reference}. */
  public static Reference priority(String id) {
    return of("priority_reference", id);
  }

  /** {@code vendor_reference}. */
  public static Reference vendor(String id) {
    return of("vendor_reference", id);
  }

  /** This reference stripped to id and type (what PagerDuty reads from requests). */
  public Reference bare() {
    return summary == null && self == null && htmlUrl == null ? this : of(type, id);
  }
}
