package dev.pdkit.events;

import org.jspecify.annotations.Nullable;

/**
 * A link shown on the alert and its incident ({@code links[]}).
 *
 * @param href the link target; required, an absolute http(s) URL
 * @param text optional text shown instead of the URL
 */
public record Link(String href, @Nullable String text) {
  /** Checks only that {@code href} is present; its form is checked before sending. */
  public Link {
    java.util.Objects.requireNonNull(href, "href");
  }

  /** A link without text. */
  public static Link of(String href) {
    return new Link(href, null);
  }
}
