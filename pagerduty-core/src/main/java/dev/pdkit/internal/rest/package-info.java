/**
 * Implementations of the {@code dev.pdkit.rest} resources and the pagers they share
 * ({@link dev.pdkit.internal.rest.Pagers}). Internal: no compatibility promise.
 */
@NullMarked
package dev.pdkit.internal.rest;

import org.jspecify.annotations.NullMarked;
