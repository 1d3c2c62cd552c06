/**
 * Service provider interfaces. Each is small; the stock implementations are reached through static factories on the interface, and the Redis module ships shared ones. Lookup order: builder value, then system property, then exactly one {@link java.util.ServiceLoader} provider, then the built-in default.
 */
@NullMarked
package dev.pdkit.spi;

import org.jspecify.annotations.NullMarked;
