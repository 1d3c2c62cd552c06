/** The built-in in-process {@link dev.pdkit.spi.RateLimiter}. Internal: no compatibility promise. */
@NullMarked
package dev.pdkit.internal.ratelimit;

import org.jspecify.annotations.NullMarked;
