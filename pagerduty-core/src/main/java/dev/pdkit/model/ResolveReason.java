package dev.pdkit.model;

import org.jspecify.annotations.Nullable;

/**
 * Why an incident was resolved; today only {@code merge_resolve_reason}.
 *
 * @param type the reason type
 * @param incident for a merge, the incident it was merged into
 */
public record ResolveReason(@Nullable String type, @Nullable Reference incident) {}
