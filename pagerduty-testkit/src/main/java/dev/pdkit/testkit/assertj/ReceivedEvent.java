package dev.pdkit.testkit.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.testkit.RecordedRequest;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** One accepted alert event, parsed from the journal. The routing key is kept only for matching. */
record ReceivedEvent(long sequence, String action, @Nullable String dedupKey, String routingKey, JsonNode body) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static @Nullable ReceivedEvent parse(RecordedRequest r) {
    try {
      JsonNode b = MAPPER.readTree(r.body());
      if (b == null || !b.isObject()) {
        return null;
      }
      String dedup = b.hasNonNull("dedup_key") ? b.get("dedup_key").asText() : null;
      return new ReceivedEvent(r.sequence(), b.path("event_action").asText(), dedup, b.path("routing_key").asText(), b);
    } catch (IOException e) {
      return null;
    }
  }

  String payloadText(String field) {
    JsonNode v = body.path("payload").path(field);
    return v.isMissingNode() || v.isNull() ? "" : v.asText();
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + action + " dedup_key=" + dedupKey
        + (payloadText("summary").isEmpty() ? "" : " summary=\"" + payloadText("summary") + "\"")
        + (payloadText("severity").isEmpty() ? "" : " severity=" + payloadText("severity"));
  }
}
