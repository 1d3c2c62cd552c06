/**
 * Implementation of {@link dev.pdkit.config}: YAML reading with positions, substitution, overlay
 * merging, schema and semantic validation, secrets, templates. No compatibility promise; may change
 * in any release.
 */
@NullMarked
package dev.pdkit.config.internal;

import org.jspecify.annotations.NullMarked;
