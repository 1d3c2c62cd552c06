/** The built-in Caffeine {@link dev.pdkit.spi.CacheProvider}. Internal: no compatibility promise. */
@NullMarked
package dev.pdkit.internal.cache;

import org.jspecify.annotations.NullMarked;
