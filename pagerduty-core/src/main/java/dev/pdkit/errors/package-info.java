/**
 * The exception hierarchy: everything pdkit throws is a {@link dev.pdkit.errors.PagerDutyException}.
 */
@NullMarked
package dev.pdkit.errors;

import org.jspecify.annotations.NullMarked;
