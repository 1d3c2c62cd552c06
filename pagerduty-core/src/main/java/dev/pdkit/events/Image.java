package dev.pdkit.events;

import org.jspecify.annotations.Nullable;

/**
 * An image shown on the alert and its incident ({@code images[]}).
 *
 * @param src where the image is served from; required and must be an {@code https} URL
 * @param href optional link opened when the image is clicked
 * @param alt optional alternative text
 */
public record Image(String src, @Nullable String href, @Nullable String alt) {
  /** Checks only that {@code src} is present; its form is checked before sending. */
  public Image {
    java.util.Objects.requireNonNull(src, "src");
  }

  /** An image without link or alternative text. */
  public static Image of(String src) {
    return new Image(src, null, null);
  }
}
