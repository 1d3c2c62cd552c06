/**
 * Immutable records for PagerDuty REST v2 resources and references.
 *
 * <p>Conventions shared by every type here:
 *
 * <ul>
 *   <li>Components use Java camelCase names; the SDK's mapper writes and reads PagerDuty's
 *       snake_case ({@code htmlUrl} is {@code html_url} on the wire).
 *   <li>Lists are copied on construction and never null (a missing or {@code null} array reads as
 *       empty). Booleans are never null.
 *   <li>Enums of server-controlled values have an {@code UNKNOWN} constant: a value PagerDuty adds
 *       later reads as {@code UNKNOWN} instead of failing. Unknown JSON fields are ignored.
 *   <li>Read-only fields (ids, {@code self}, {@code html_url}, timestamps, read-only lists) are
 *       ignored by PagerDuty when sent; types that callers create or update have a {@code builder()}
 *       and a {@code toBuilder()}.
 *   <li>Values that work as credentials ({@link dev.pdkit.model.Integration#integrationKey()}, a
 *       user's calendar feed URLs) are {@link dev.pdkit.Secret}s, so they never show in {@code
 *       toString()}.
 *   <li>Related objects are {@link dev.pdkit.model.Reference}s. When an {@code include[]} expands
 *       one into the full object, the reference keeps its id, type and summary.
 * </ul>
 */
@NullMarked
package dev.pdkit.model;

import org.jspecify.annotations.NullMarked;
