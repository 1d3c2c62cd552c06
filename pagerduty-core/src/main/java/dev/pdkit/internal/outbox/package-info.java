/**
 * Outbox stores (in memory and the crash-safe file store) and the event sender's delivery engine.
 * Internal: no compatibility promise; the public API is {@link dev.pdkit.spi.OutboxStore},
 * {@link dev.pdkit.events.FileOutbox} and {@link dev.pdkit.events.EventSender}.
 */
@NullMarked
package dev.pdkit.internal.outbox;

import org.jspecify.annotations.NullMarked;
