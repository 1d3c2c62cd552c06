/**
 * Internals shared by pdkit's packages: {@link dev.pdkit.internal.ClientContext} (what resource
 * implementations get from the client), SPI lookup and test hooks. No compatibility promise: may
 * change in any release.
 */
@NullMarked
package dev.pdkit.internal;

import org.jspecify.annotations.NullMarked;
