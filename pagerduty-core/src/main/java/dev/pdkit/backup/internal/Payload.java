package dev.pdkit.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.backup.BackupKind;
import dev.pdkit.errors.BackupException;
import dev.pdkit.errors.BackupException.Reason;
import dev.pdkit.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/** Constants and helpers shared by the writer and reader of the (decompressed) payload. */
final class Payload {
  static final int TAG_RECORD = 1;
  static final int TAG_MANIFEST = 2;
  static final int MAX_JSON = 64 << 20;
  static final byte[] END_MAGIC = "PDKITEND".getBytes(StandardCharsets.US_ASCII);
  static final int MAX_FOOTER = 1 << 20;

  private Payload() {}

  /** The public footer's JSON: record counts, readable without a key. */
  static byte[] footer(Map<BackupKind, Long> counts, long entries) {
    ObjectNode f = Json.object();
    f.put("entries", entries);
    ObjectNode c = f.putObject("counts");
    counts.forEach((k, v) -> c.put(k.wire(), v));
    return Json.write(f);
  }

  static Map<BackupKind, Long> counts(JsonNode node) {
    Map<BackupKind, Long> counts = new EnumMap<>(BackupKind.class);
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        counts.put(BackupKind.fromWire(e.getKey()), e.getValue().asLong());
      } catch (IllegalArgumentException ex) {
        throw new BackupException(Reason.UNSUPPORTED, "archive holds resource kind '" + e.getKey()
            + "', which this pdkit does not know: upgrade pdkit");
      }
    }
    return counts;
  }
}
