/**
 * Escalation operations on incidents ({@link dev.pdkit.escalation.Escalations}): escalate with an
 * audit note, reassign, preview who would be paged for a service, and app-side escalation rules that
 * are idempotent when re-run.
 */
@NullMarked
package dev.pdkit.escalation;

import org.jspecify.annotations.NullMarked;
