/**
 * Events API v2 implementation: validation against the documented limits, truncation, wire
 * bodies and sending through the transport. Internal: no compatibility promise; the public API is
 * {@code dev.pdkit.events}.
 */
@NullMarked
package dev.pdkit.internal.events;

import org.jspecify.annotations.NullMarked;
