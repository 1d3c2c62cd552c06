package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request for more responders on an incident ({@code POST /incidents/{id}/responder_requests}):
 * who asked, when, with what message, and whom.
 *
 * @param id the request id (PagerDuty's examples omit it)
 * @param incident the incident
 * @param requester the user who asked
 * @param requestedAt when
 * @param message the message sent to the requested responders
 * @param responderRequestTargets the users and escalation policies asked, each with the responders
 *     it produced
 */
public record ResponderRequest(
    @Nullable String id,
    @Nullable Reference incident,
    @Nullable Reference requester,
    @Nullable OffsetDateTime requestedAt,
    @Nullable String message,
    List<ResponderRequestTarget> responderRequestTargets) {
  public ResponderRequest {
    responderRequestTargets = Lists.copy("responderRequestTargets", responderRequestTargets);
  }
}
