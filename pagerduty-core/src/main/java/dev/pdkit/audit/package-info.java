/**
 * The deploy audit trail. {@link dev.pdkit.audit.JsonLinesAuditSink} is the default {@link
 * dev.pdkit.spi.AuditSink}: one JSON object per line, each carrying a sequence number, the SHA-256 of
 * the previous line ({@code prev}) and its own SHA-256 ({@code hash}) over {@code prev} and its
 * content. {@link dev.pdkit.audit.AuditLog#verify} recomputes the chain and reports the first edited,
 * removed, inserted or reordered line. Removing lines from the END of the file cannot be detected from
 * the file alone: keep {@link dev.pdkit.audit.AuditVerification#headHash()} elsewhere to detect that.
 */
@NullMarked
package dev.pdkit.audit;

import org.jspecify.annotations.NullMarked;
