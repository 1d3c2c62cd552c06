package dev.pdkit.model;

import org.jspecify.annotations.Nullable;

/**
 * The conference bridge of an incident.
 *
 * @param conferenceNumber phone number, e.g. {@code +1 415-555-1212,,,,1234#}
 * @param conferenceUrl a meeting or chat URL
 */
public record ConferenceBridge(@Nullable String conferenceNumber, @Nullable String conferenceUrl) {}
