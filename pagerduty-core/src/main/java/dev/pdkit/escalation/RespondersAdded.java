package dev.pdkit.escalation;

import dev.pdkit.model.Reference;
import dev.pdkit.model.ResponderRequest;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Escalations#addResponders} did to one incident.
 *
 * @param incidentId the incident
 * @param requested the targets asked in this call (empty when all had been asked before)
 * @param alreadyRequested the targets left alone because the incident already has them: a user who
 *     is pending or joined, or an escalation policy an earlier request named
 * @param request the responder request PagerDuty recorded, or null when nothing was sent
 */
public record RespondersAdded(
    String incidentId,
    List<Reference> requested,
    List<Reference> alreadyRequested,
    @Nullable ResponderRequest request) {
  public RespondersAdded {
    Objects.requireNonNull(incidentId, "incidentId");
    requested = List.copyOf(requested);
    alreadyRequested = List.copyOf(alreadyRequested);
  }

  /** Whether this call sent a request (false: an earlier run already had asked everyone). */
  public boolean applied() {
    return request != null;
  }
}
