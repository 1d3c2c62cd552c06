/**
 * Events API v2: trigger, acknowledge, resolve and change events, and reliable delivery (the
 * durable {@link dev.pdkit.events.FileOutbox}).
 */
@NullMarked
package dev.pdkit.events;

import org.jspecify.annotations.NullMarked;
