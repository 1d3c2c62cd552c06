package dev.pdkit.rest;

import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A time-windowed list (incidents, log entries) that reads past PagerDuty's 10,000-item offset
 * cap. Classic pagination cannot request {@code offset + limit > 10,000}; when a window matches
 * more than that, this list splits its {@code [since, until)} window in halves (recursively) and
 * reads each half, so that no item is lost and none is returned twice. Nothing is fetched until
 * you iterate.
 *
 * <p>The window is the query's {@code since}/{@code until}; without one, the server's default
 * window is used, and made explicit (one month back from now) only if it must be split. A query
 * with {@code date_range=all} cannot be split and fails with {@link
 * dev.pdkit.errors.PaginationCapException} past the cap.
 *
 * <p>Items come window by window: chronological across windows, server order within one. The list
 * is immutable and thread-safe; each iteration starts again. Iterators are not thread-safe.
 */
public interface WindowedList<T> extends Iterable<T> {

  /** The same list read with another page size (1 to 100; default 100). */
  WindowedList<T> withPageSize(int pageSize);

  /** Every item, fetched page after page without blocking a thread. */
  CompletableFuture<List<T>> toListAsync();

  /** Every item (blocking). */
  List<T> toList();

  /** The items as a lazy sequential stream. */
  default Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
