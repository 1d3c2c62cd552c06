/**
 * HTTP transport over {@code java.net.http}: authentication headers, JSON, retries, rate limits,
 * metrics. Internal: no compatibility promise; public API lives in {@code dev.pdkit.rest} and
 * {@code dev.pdkit.events}.
 */
@NullMarked
package dev.pdkit.internal.http;

import org.jspecify.annotations.NullMarked;
