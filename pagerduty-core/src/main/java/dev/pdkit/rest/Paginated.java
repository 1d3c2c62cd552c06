package dev.pdkit.rest;

import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.PaginationCapException;
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
 * A list PagerDuty serves with classic offset pagination ({@code limit}, {@code offset},
 * {@code more}, {@code total}), read lazily: iterating or streaming fetches one page at a time, only
 * when the previous one is used up. Nothing is fetched until you iterate or ask for a page.
 *
 * <pre>{@code
 * for (Service s : pd.services().list()) { ... }                    // every service, page by page
 * pd.services().list().stream().filter(...).findFirst();           // stops fetching when found
 * pd.services().list().pageAsync(0).thenAccept(page -> ...);       // one page, async
 * }</pre>
 *
 * <p>PagerDuty refuses {@code offset + limit > 10,000}. The last page before the cap is shrunk to
 * fit; going beyond throws {@link PaginationCapException} before any request is sent. Narrow the
 * query (filters, a shorter time window) to read such lists.
 *
 * <p>Immutable and thread-safe; each iteration starts again from offset 0. Iterators are not
 * thread-safe. The blocking methods throw the same exceptions as the async ones complete with.
 */
public final class Paginated<T> implements Iterable<T> {
  /** The largest page PagerDuty serves. */
  public static final int MAX_PAGE_SIZE = 100;

  /** Fetches one page. */
  @FunctionalInterface
  public interface PageFetcher<T> {
    /** Fetches the items at {@code offset}, at most {@code limit} of them. */
    CompletableFuture<Page<T>> fetch(int offset, int limit);
  }

  private final String endpoint;
  private final int pageSize;
  private final PageFetcher<T> fetcher;

  private Paginated(String endpoint, int pageSize, PageFetcher<T> fetcher) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE
          + ", was " + pageSize);
    }
    this.pageSize = pageSize;
  }

  /**
   * A lazy list over {@code fetcher}.
   *
   * @param endpoint the operation, for error messages (e.g. {@code GET /services})
   * @param pageSize items per request, 1 to 100
   */
  public static <T> Paginated<T> of(String endpoint, int pageSize, PageFetcher<T> fetcher) {
    return new Paginated<>(endpoint, pageSize, fetcher);
  }

  /** The same list read with another page size (1 to 100). */
  public Paginated<T> withPageSize(int size) {
    return new Paginated<>(endpoint, size, fetcher);
  }

  /** Items requested per page. */
  public int pageSize() {
    return pageSize;
  }

  /** The operation being paged. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * Fetches the page starting at {@code offset}. Completes exceptionally with {@link
   * PaginationCapException} when {@code offset} is at or past the 10,000 cap.
   */
  public CompletableFuture<Page<T>> pageAsync(int offset) {
    if (offset < 0) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("offset must be >= 0, was " + offset));
    }
    if (offset >= PaginationCapException.OFFSET_CAP) {
      return CompletableFuture.failedFuture(
          new PaginationCapException(endpoint, offset, pageSize));
    }
    int limit = Math.min(pageSize, PaginationCapException.OFFSET_CAP - offset);
    try {
      return Objects.requireNonNull(fetcher.fetch(offset, limit), "fetcher returned null");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Blocking twin of {@link #pageAsync(int)}. */
  public Page<T> page(int offset) {
    return Futures.sync(() -> pageAsync(offset));
  }

  /** The first page, async. */
  public CompletableFuture<Page<T>> firstPageAsync() {
    return pageAsync(0);
  }

  /** The first page. */
  public Page<T> firstPage() {
    return page(0);
  }

  /** Every item, fetched page after page without blocking a thread. */
  public CompletableFuture<List<T>> toListAsync() {
    List<T> out = new ArrayList<>();
    return collect(0, out).thenApply(x -> List.copyOf(out));
  }

  private CompletableFuture<Void> collect(int offset, List<T> out) {
    return pageAsync(offset).thenCompose(p -> {
      out.addAll(p.items());
      if (!p.more() || p.items().isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      return collect(p.nextOffset(), out);
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
  public Iterable<Page<T>> pages() {
    return PageIterator::new;
  }

  /** The pages as a lazy sequential stream. */
  public Stream<Page<T>> pageStream() {
    return StreamSupport.stream(pages().spliterator(), false);
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

  @Override
  public String toString() {
    return "Paginated[" + endpoint + ", pageSize=" + pageSize + "]";
  }

  private final class PageIterator implements Iterator<Page<T>> {
    private int nextOffset;
    private boolean done;
    private @Nullable Page<T> fetched;

    @Override
    public boolean hasNext() {
      if (fetched != null) {
        return true;
      }
      if (done) {
        return false;
      }
      Page<T> p = page(nextOffset);
      if (p.items().isEmpty() && nextOffset > 0) {
        done = true;
        return false;
      }
      if (!p.more() || p.items().isEmpty()) {
        done = true;
      } else {
        int next = p.nextOffset();
        if (next <= nextOffset) {
          throw new PagerDutyException(endpoint + ": the server returned a page that does not"
              + " advance (asked for offset " + nextOffset + ", next offset would be " + next
              + ")");
        }
        nextOffset = next;
      }
      fetched = p;
      return true;
    }

    @Override
    public Page<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Page<T> p = fetched;
      fetched = null;
      return p;
    }
  }
}
