package dev.pdkit.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.internal.json.Json;
import dev.pdkit.spi.OutboxStore;
import org.jspecify.annotations.Nullable;

/**
 * How the sender names things in the outbox. An entry's ordering key is {@code
 * <routing key fingerprint>|<dedup key>} for alert events (so a trigger and its resolve stay in
 * order) and {@code <fingerprint>|change|<id>} for change events (unordered). Its rate limit
 * bucket is {@code events:<fingerprint>}, the bucket the client's transport uses too. Neither
 * contains a secret.
 */
public final class SenderEntries {
  private SenderEntries() {}

  /** The ordering key of an alert event. */
  public static String alertKey(String routingKeyFingerprint, String dedupKey) {
    return routingKeyFingerprint + "|" + dedupKey;
  }

  /** The ordering key of a change event (its own lane: change events are not ordered). */
  public static String changeKey(String routingKeyFingerprint, String id) {
    return routingKeyFingerprint + "|change|" + id;
  }

  /** The rate limit bucket of an entry. */
  public static String bucket(OutboxStore.Entry entry) {
    String key = entry.key();
    int bar = key.indexOf('|');
    return "events:" + (bar < 0 ? key : key.substring(0, bar));
  }

  /** Whether the payload is a change event (it has no {@code event_action}). */
  public static boolean isChange(JsonNode payload) {
    return !payload.hasNonNull("event_action");
  }

  /** The dedup key in an entry's payload, or null (change events, unreadable payloads). */
  public static @Nullable String dedupKey(OutboxStore.Entry entry) {
    try {
      JsonNode node = Json.tree(entry.payload()).get("dedup_key");
      return node == null || !node.isTextual() ? null : node.asText();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
