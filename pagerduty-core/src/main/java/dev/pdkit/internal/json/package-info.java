/**
 * JSON handling shared by the SDK: one private, pre-configured {@code ObjectMapper}. Internal: no compatibility promise.
 */
@NullMarked
package dev.pdkit.internal.json;

import org.jspecify.annotations.NullMarked;
