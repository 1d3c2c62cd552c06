package dev.pdkit.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.pdkit.Secret;
import dev.pdkit.internal.json.SecretJson;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An integration of a service: the inbound channel monitoring tools send events to.
 *
 * <p>{@code integrationKey} (absent from PagerDuty's OpenAPI schema, present in real responses) is
 * the Events API v2 {@code routing_key} for events-type integrations. Anyone who holds it can open
 * incidents on the service, so it is a {@link Secret}: it never shows in {@code toString()}.
 *
 * @param id server id (null before creation)
 * @param type the integration type, e.g. {@code events_api_v2_inbound_integration}; on a service
 *     that was not fetched with {@code include[]=integrations} it is the reference type
 * @param summary read-only label
 * @param self read-only API URL
 * @param htmlUrl read-only web URL
 * @param name the integration name
 * @param service read-only; the owning service
 * @param createdAt read-only creation time
 * @param vendor the vendor (e.g. a monitoring tool), if any
 * @param integrationKey read-only; the routing key, a credential
 * @param integrationEmail for e-mail integrations, the address to send to
 */
public record Integration(
    @Nullable String id,
    String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl,
    @Nullable String name,
    @Nullable Reference service,
    @Nullable OffsetDateTime createdAt,
    @Nullable Reference vendor,
    @JsonSerialize(using = SecretJson.Serializer.class)
        @JsonDeserialize(using = SecretJson.Deserializer.class)
        @Nullable Secret integrationKey,
    @Nullable String integrationEmail) {

  /** Type of an Events API v2 integration (its key is an Events v2 routing key). */
  public static final String EVENTS_API_V2 = "events_api_v2_inbound_integration";
  /** Type of an e-mail integration. */
  public static final String EMAIL = "generic_email_inbound_integration";

  public Integration {
    Objects.requireNonNull(type, "type");
  }

  /** A new Events API v2 integration called {@code name}. */
  public static Integration eventsApiV2(String name) {
    return of(EVENTS_API_V2, name);
  }

  /** A new integration of {@code type} called {@code name}. */
  public static Integration of(String type, String name) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    return new Integration(null, type, null, null, null, name, null, null, null, null, null);
  }

  /** This integration with another name. */
  public Integration withName(String name) {
    return new Integration(id, type, summary, self, htmlUrl, Objects.requireNonNull(name, "name"),
        service, createdAt, vendor, integrationKey, integrationEmail);
  }

  /** This integration with a vendor. */
  public Integration withVendor(@Nullable String vendorId) {
    return new Integration(id, type, summary, self, htmlUrl, name, service, createdAt,
        vendorId == null ? null : Reference.vendor(vendorId), integrationKey, integrationEmail);
  }

  /** This integration with an e-mail address (for e-mail integrations). */
  public Integration withIntegrationEmail(@Nullable String email) {
    return new Integration(id, type, summary, self, htmlUrl, name, service, createdAt, vendor,
        integrationKey, email);
  }
}
