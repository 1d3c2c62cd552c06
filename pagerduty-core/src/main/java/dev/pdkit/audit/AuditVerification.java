package dev.pdkit.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of {@link AuditLog#verify}.
 *
 * @param valid true when every line is intact and chained
 * @param lines number of lines read
 * @param headHash the {@code hash} of the last valid line (64 zeros for an empty log)
 * @param badLine 1-based number of the first bad line, or 0 when valid
 * @param problem what is wrong with that line, or {@code null} when valid
 */
public record AuditVerification(boolean valid, int lines, String headHash, int badLine, @Nullable String problem) {

  /** One line, e.g. {@code audit log OK: 12 lines, head 3fa2...} or the problem. */
  public String summary() {
    return valid ? "audit log OK: " + lines + " lines, head " + headHash
        : "audit log TAMPERED at line " + badLine + ": " + problem;
  }
}
