package dev.pdkit.events;

/**
 * What {@link EventSender#submit} does when the sender already holds its queue capacity of
 * undelivered events in memory. The default is {@link #REJECT}: the caller learns at once, and no
 * accepted event is ever dropped silently.
 */
public enum OverflowPolicy {
  /** Throw {@link QueueFullException} at once; the new event is not accepted. (Default.) */
  REJECT,
  /**
   * Wait for room up to the builder's {@code blockTimeout} (the caller's thread waits for queue
   * space, never for the network), then throw {@link QueueFullException}.
   */
  BLOCK,
  /**
   * Accept the new event and move the oldest event that is not being sent right now to the dead
   * letters with reason {@code "dropped: queue full (DROP_OLDEST)"}; it can be {@link
   * EventSender#replay replayed}. Throws {@link QueueFullException} when every held event is in
   * flight.
   */
  DROP_OLDEST
}
