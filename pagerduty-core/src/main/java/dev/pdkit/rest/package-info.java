/**
 * REST API v2: typed resources, pagination ({@link dev.pdkit.rest.Paginated},
 * {@link dev.pdkit.rest.CursorPaginated}) and the {@link dev.pdkit.rest.RawApi} escape hatch.
 */
@NullMarked
package dev.pdkit.rest;

import org.jspecify.annotations.NullMarked;
