package dev.pdkit.model;

import org.jspecify.annotations.Nullable;

/**
 * The means by which a log entry or note came about (e.g. {@code api}, {@code email}, {@code
 * website}). PagerDuty's channel objects vary by type; this keeps their common fields.
 *
 * @param id an id, when the channel is itself an object (an event rule)
 * @param type the channel type
 * @param summary a description of the source
 * @param self API URL, when the channel is an object
 * @param htmlUrl web URL, when the channel is an object
 */
public record Channel(
    @Nullable String id,
    @Nullable String type,
    @Nullable String summary,
    @Nullable String self,
    @Nullable String htmlUrl) {}
