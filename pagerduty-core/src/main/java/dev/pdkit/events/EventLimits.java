package dev.pdkit.events;

/**
 * The Events API v2 limits PagerDuty documents (and its OpenAPI document does not encode), checked
 * by pdkit before anything is sent so that an event is never lost to a 400.
 *
 * <p>Lengths count UTF-16 chars ({@link String#length()}), which is never less than the number of
 * Unicode characters, so an event pdkit accepts is within PagerDuty's limit however it counts.
 */
public final class EventLimits {
  /** Length of a routing (integration) key. */
  public static final int ROUTING_KEY_LENGTH = 32;
  /** Longest {@code payload.summary}. */
  public static final int MAX_SUMMARY_LENGTH = 1024;
  /** Longest {@code dedup_key}. */
  public static final int MAX_DEDUP_KEY_LENGTH = 255;
  /** Largest request body in bytes (512 KB), measured on the UTF-8 JSON pdkit sends. */
  public static final int MAX_BODY_BYTES = 512 * 1024;

  private EventLimits() {}
}
