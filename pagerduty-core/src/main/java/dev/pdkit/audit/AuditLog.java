package dev.pdkit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pdkit.deploy.internal.Hashing;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Verification of hash-chained JSON-lines audit logs written by {@link JsonLinesAuditSink}. */
public final class AuditLog {
  /** The {@code prev} of the first line. */
  public static final String GENESIS = "0".repeat(64);

  private AuditLog() {}

  /**
   * Checks every line: valid JSON, consecutive {@code seq} from 1, {@code prev} equal to the previous
   * line's {@code hash}, and {@code hash} equal to SHA-256 over {@code prev} and the line's content.
   *
   * @throws PagerDutyException when the file cannot be read
   */
  public static AuditVerification verify(Path file) {
    Objects.requireNonNull(file, "file");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PagerDutyException("cannot read audit log " + file + ": " + e.getMessage(), e);
    }
    String prev = GENESIS;
    int n = 0;
    for (String line : lines) {
      n++;
      ObjectNode node;
      try {
        JsonNode parsed = Json.mapper().readTree(line);
        if (!(parsed instanceof ObjectNode o)) {
          return bad(n, prev, "not a JSON object");
        }
        node = o;
      } catch (JsonProcessingException e) {
        return bad(n, prev, "not valid JSON");
      }
      if (node.path("seq").asLong(-1) != n) {
        return bad(n, prev, "sequence number is " + node.path("seq") + ", expected " + n
            + " (a line was removed, inserted or moved)");
      }
      if (!prev.equals(node.path("prev").asText())) {
        return bad(n, prev, "prev does not match the hash of line " + (n - 1) + " (a line was removed or reordered)");
      }
      String hash = node.path("hash").asText();
      node.remove("hash");
      if (!hash.equals(hashOf(prev, node))) {
        return bad(n, prev, "content does not match its hash (the line was edited)");
      }
      prev = hash;
    }
    return new AuditVerification(true, n, prev, 0, null);
  }

  private static AuditVerification bad(int line, String head, String problem) {
    return new AuditVerification(false, line, head, line, problem);
  }

  /** SHA-256 (hex) over {@code prev}, a newline and the compact JSON of {@code content} (without hash). */
  static String hashOf(String prev, ObjectNode content) {
    try {
      String json = Json.mapper().writeValueAsString(content);
      return Hashing.sha256Hex((prev + "\n" + json).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new PagerDutyException("cannot serialise audit entry", e);
    }
  }
}
