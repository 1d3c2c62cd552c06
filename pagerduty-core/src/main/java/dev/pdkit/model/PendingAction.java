package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change PagerDuty will make to an incident at a future time.
 *
 * @param type {@code escalate}, {@code unacknowledge}, {@code resolve} or {@code urgency_change}
 * @param at when it will happen
 * @param to for {@code urgency_change}, the new urgency
 */
public record PendingAction(String type, @Nullable OffsetDateTime at, @Nullable Urgency to) {
  public PendingAction {
    Objects.requireNonNull(type, "type");
  }
}
