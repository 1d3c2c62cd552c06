package dev.pdkit.rest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a cursor-paginated list (audit records and newer endpoints).
 *
 * @param items the items of this page, in server order
 * @param limit the page size the server used
 * @param nextCursor the opaque cursor of the next page, or null at the end
 */
public record CursorPage<T>(List<T> items, int limit, @Nullable String nextCursor) {
  public CursorPage {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** Whether another page follows. */
  public boolean more() {
    return nextCursor != null;
  }

  /** The next cursor, if any. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
