package dev.pdkit.rest;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of a classic (offset) paginated list.
 *
 * @param items the items of this page, in server order
 * @param offset the offset this page starts at
 * @param limit the page size the server used
 * @param more whether the server has more items after this page
 * @param total the number of matching items, only when requested with {@code total=true}
 */
public record Page<T>(List<T> items, int offset, int limit, boolean more, @Nullable Long total) {
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
  }

  /** The offset of the next page. */
  public int nextOffset() {
    return offset + Math.max(limit, items.size());
  }
}
