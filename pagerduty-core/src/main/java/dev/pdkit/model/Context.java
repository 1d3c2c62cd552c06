package dev.pdkit.model;

import org.jspecify.annotations.Nullable;

/**
 * A link or image attached to an alert or log entry.
 *
 * @param type {@code link} or {@code image}
 * @param href the link target
 * @param src the image source
 * @param text the display text
 */
public record Context(
    @Nullable String type, @Nullable String href, @Nullable String src, @Nullable String text) {}
