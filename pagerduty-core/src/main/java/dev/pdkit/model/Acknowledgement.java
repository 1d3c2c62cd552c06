package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An acknowledgement of an incident.
 *
 * @param at when it was acknowledged
 * @param acknowledger the user or service that acknowledged
 */
public record Acknowledgement(@Nullable OffsetDateTime at, Reference acknowledger) {
  public Acknowledgement {
    Objects.requireNonNull(acknowledger, "acknowledger");
  }
}
