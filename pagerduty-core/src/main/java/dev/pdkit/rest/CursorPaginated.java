package dev.pdkit.rest;

import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.internal.Futures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A list PagerDuty serves with cursor pagination ({@code limit}, {@code cursor},
 * {@code next_cursor}), e.g. audit records. Read lazily like {@link Paginated}: a page is fetched
 * only when the previous one is used up. There is no offset cap.
 *
 * <p>Immutable and thread-safe; each iteration starts again from the first page.
 */
public final class CursorPaginated<T> implements Iterable<T> {

  /** Fetches one page. */
  @FunctionalInterface
  public interface PageFetcher<T> {
    /** Fetches the page at {@code cursor} (null for the first page), at most {@code limit} items. */
    CompletableFuture<CursorPage<T>> fetch(@Nullable String cursor, int limit);
  }

  private final String endpoint;
  private final int pageSize;
  private final PageFetcher<T> fetcher;

  private CursorPaginated(String endpoint, int pageSize, PageFetcher<T> fetcher) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive, was " + pageSize);
    }
    this.pageSize = pageSize;
  }

  /**
   * A lazy list over {@code fetcher}.
   *
   * @param endpoint the operation, for error messages (e.g. {@code GET /audit/records})
   * @param pageSize items per request
   */
  public static <T> CursorPaginated<T> of(String endpoint, int pageSize, PageFetcher<T> fetcher) {
    return new CursorPaginated<>(endpoint, pageSize, fetcher);
  }

  /** The same list read with another page size. */
  public CursorPaginated<T> withPageSize(int size) {
    return new CursorPaginated<>(endpoint, size, fetcher);
  }

  /** Items requested per page. */
  public int pageSize() {
    return pageSize;
  }

  /** Fetches the page at {@code cursor}; null for the first page. */
  public CompletableFuture<CursorPage<T>> pageAsync(@Nullable String cursor) {
    try {
      return Objects.requireNonNull(fetcher.fetch(cursor, pageSize), "fetcher returned null");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Blocking twin of {@link #pageAsync(String)}. */
  public CursorPage<T> page(@Nullable String cursor) {
    return Futures.sync(() -> pageAsync(cursor));
  }

  /** Every item, fetched page after page without blocking a thread. */
  public CompletableFuture<List<T>> toListAsync() {
    List<T> out = new ArrayList<>();
    return collect(null, out).thenApply(x -> List.copyOf(out));
  }

  private CompletableFuture<Void> collect(@Nullable String cursor, List<T> out) {
    return pageAsync(cursor).thenCompose(p -> {
      out.addAll(p.items());
      if (p.nextCursor() == null) {
        return CompletableFuture.completedFuture(null);
      }
      checkAdvances(cursor, p.nextCursor());
      return collect(p.nextCursor(), out);
    });
  }

  /**
   * Every item (blocking). Pages are fetched one after the other on the calling thread, as
   * iterating does.
   */
  public List<T> toList() {
    List<T> out = new ArrayList<>();
    for (T item : this) {
      out.add(item);
    }
    return List.copyOf(out);
  }

  /** The pages, fetched lazily. */
  public Iterable<CursorPage<T>> pages() {
    return PageIterator::new;
  }

  /** The items, fetched page by page as iteration proceeds. */
  @Override
  public Iterator<T> iterator() {
    PageIterator pagesIt = new PageIterator();
    return new Iterator<>() {
      private @Nullable Iterator<T> current;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (!pagesIt.hasNext()) {
            return false;
          }
          current = pagesIt.next().items().iterator();
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** The items as a lazy sequential stream. */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private void checkAdvances(@Nullable String cursor, String next) {
    if (next.equals(cursor)) {
      throw new PagerDutyException(endpoint + ": the server returned the same next_cursor twice;"
          + " stopping to avoid an endless loop");
    }
  }

  @Override
  public String toString() {
    return "CursorPaginated[" + endpoint + ", pageSize=" + pageSize + "]";
  }

  private final class PageIterator implements Iterator<CursorPage<T>> {
    private @Nullable String cursor;
    private boolean done;
    private @Nullable CursorPage<T> fetched;

    @Override
    public boolean hasNext() {
      if (fetched != null) {
        return true;
      }
      if (done) {
        return false;
      }
      CursorPage<T> p = page(cursor);
      if (p.nextCursor() == null) {
        done = true;
      } else {
        checkAdvances(cursor, p.nextCursor());
        cursor = p.nextCursor();
      }
      fetched = p;
      return true;
    }

    @Override
    public CursorPage<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      CursorPage<T> p = fetched;
      fetched = null;
      return p;
    }
  }
}
