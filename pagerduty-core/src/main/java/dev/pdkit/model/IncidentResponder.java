package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user asked to help on an incident through a responder request ({@code incidents_responders} on
 * the wire).
 *
 * @param state pending, joined, declined or user_cancelled
 * @param user the requested user
 * @param incident the incident
 * @param updatedAt when the state last changed
 * @param message the message sent with the request
 * @param requester who asked
 * @param requestedAt when they asked
 * @param escalationPolicyRequests names of the escalation policies the user was requested through,
 *     when the request targeted a policy rather than the user
 */
public record IncidentResponder(
    @Nullable ResponderState state,
    @Nullable Reference user,
    @Nullable Reference incident,
    @Nullable OffsetDateTime updatedAt,
    @Nullable String message,
    @Nullable Reference requester,
    @Nullable OffsetDateTime requestedAt,
    List<String> escalationPolicyRequests) {
  public IncidentResponder {
    escalationPolicyRequests = Lists.copy("escalationPolicyRequests", escalationPolicyRequests);
  }
}
