package dev.pdkit.testkit;

import java.util.Objects;

/**
 * What {@link FakePagerDuty#seedService(String)} created: a service, its escalation policy and an
 * Events API v2 integration whose key is the routing key to send events with.
 *
 * @param serviceId the service id
 * @param escalationPolicyId the escalation policy id
 * @param integrationId the Events API v2 integration id
 * @param integrationKey the 32-character integration key (Events v2 routing key)
 */
public record SeededService(
    String serviceId, String escalationPolicyId, String integrationId, String integrationKey) {

  /** Checks for nulls. */
  public SeededService {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(escalationPolicyId, "escalationPolicyId");
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(integrationKey, "integrationKey");
  }

  @Override
  public String toString() {
    // the integration key is a routing key: a secret for the Events API
    return "SeededService[serviceId=" + serviceId + ", escalationPolicyId=" + escalationPolicyId
        + ", integrationId=" + integrationId + ", integrationKey=<redacted>]";
  }
}
