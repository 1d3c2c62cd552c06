package dev.pdkit.internal.rest;

import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.PaginationCapException;
import dev.pdkit.internal.Futures;
import dev.pdkit.rest.Page;
import dev.pdkit.rest.Paginated;
import dev.pdkit.rest.WindowedList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WindowedList} that splits its time window when it matches more items than offset
 * pagination can reach.
 *
 * <p>How: the first page of every window is asked with {@code total=true}. If the total is above
 * the cap, nothing of that page is used and the window is split in two halves (at a whole second),
 * which are read in order. If the server gives no total and the walk reaches the cap with {@code
 * more=true}, the window is split too, and the items already returned are skipped when the halves
 * repeat them. Once any split happened, items are de-duplicated by id, so an item sitting on a
 * boundary that both halves return (PagerDuty does not document whether {@code until} is
 * inclusive) is returned once. A window shorter than two seconds cannot be split and fails with
 * {@link PaginationCapException}.
 *
 * <p>Memory: without a split, only the ids of the current window (at most the cap) are kept; after
 * a split, the ids of every item returned.
 */
public final class WindowSplittingList<T> implements WindowedList<T> {
  private static final Logger LOG = LoggerFactory.getLogger(WindowSplittingList.class);
  private static final Duration MIN_SPLITTABLE = Duration.ofSeconds(2);

  /** Fetches one page of one window; {@code since}/{@code until} null means the server default. */
  @FunctionalInterface
  public interface Fetcher<T> {
    CompletableFuture<Page<T>> fetch(
        @Nullable Instant since, @Nullable Instant until, int offset, int limit, boolean total);
  }

  private final String endpoint;
  private final @Nullable Instant since;
  private final @Nullable Instant until;
  private final boolean splittable;
  private final Clock clock;
  private final int pageSize;
  private final int offsetCap;
  private final Function<T, String> idOf;
  private final Fetcher<T> fetcher;

  /**
   * @param endpoint the operation, for messages (e.g. {@code GET /incidents})
   * @param since the query's window start, or null for the server default
   * @param until the query's window end, or null for the server default
   * @param splittable false when the query ignores the window ({@code date_range=all})
   * @param clock gives "now" when a default window must be made explicit
   * @param pageSize items per request, 1 to 100
   * @param offsetCap the offset cap ({@link PaginationCapException#OFFSET_CAP}; smaller in tests)
   * @param idOf the id of an item, for de-duplication
   */
  public WindowSplittingList(String endpoint, @Nullable Instant since, @Nullable Instant until,
      boolean splittable, Clock clock, int pageSize, int offsetCap, Function<T, String> idOf,
      Fetcher<T> fetcher) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.since = since;
    this.until = until;
    this.splittable = splittable;
    this.clock = Objects.requireNonNull(clock, "clock");
    if (pageSize < 1 || pageSize > Paginated.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be between 1 and " + Paginated.MAX_PAGE_SIZE + ", was " + pageSize);
    }
    if (offsetCap < 1) {
      throw new IllegalArgumentException("offsetCap must be positive, was " + offsetCap);
    }
    this.pageSize = pageSize;
    this.offsetCap = offsetCap;
    this.idOf = Objects.requireNonNull(idOf, "idOf");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  @Override
  public WindowedList<T> withPageSize(int size) {
    return new WindowSplittingList<>(endpoint, since, until, splittable, clock, size, offsetCap,
        idOf, fetcher);
  }

  @Override
  public CompletableFuture<List<T>> toListAsync() {
    Walk walk = new Walk();
    List<T> out = new ArrayList<>();
    return collect(walk, out).thenApply(x -> List.copyOf(out));
  }

  private CompletableFuture<Void> collect(Walk walk, List<T> out) {
    return walk.next().thenCompose(batch -> {
      if (batch == null) {
        return CompletableFuture.completedFuture(null);
      }
      out.addAll(batch);
      return collect(walk, out);
    });
  }

  @Override
  public List<T> toList() {
    List<T> out = new ArrayList<>();
    for (T item : this) {
      out.add(item);
    }
    return List.copyOf(out);
  }

  @Override
  public Iterator<T> iterator() {
    Walk walk = new Walk();
    return new Iterator<>() {
      private Iterator<T> current = List.<T>of().iterator();
      private boolean done;

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (done) {
            return false;
          }
          List<T> batch = Futures.sync(walk::next);
          if (batch == null) {
            done = true;
            return false;
          }
          current = batch.iterator();
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

  @Override
  public String toString() {
    return "WindowedList[" + endpoint + ", since=" + since + ", until=" + until + "]";
  }

  private record Window(@Nullable Instant since, @Nullable Instant until) {}

  /** One iteration's state. Not thread-safe: one page is in flight at a time. */
  private final class Walk {
    private final Deque<Window> pending = new ArrayDeque<>();
    private @Nullable Window current;
    private int offset;
    private boolean dedupe;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> windowIds = new HashSet<>();
    private List<String> lastPageIds = List.of();

    Walk() {
      pending.push(new Window(since, until));
    }

    /** The next batch of new items (possibly empty), or null at the end. */
    CompletableFuture<@Nullable List<T>> next() {
      if (current == null) {
        if (pending.isEmpty()) {
          return CompletableFuture.completedFuture(null);
        }
        current = pending.pop();
        offset = 0;
        windowIds.clear();
        lastPageIds = List.of();
      }
      Window w = current;
      int off = offset;
      int limit = Math.min(pageSize, offsetCap - off);
      CompletableFuture<Page<T>> page;
      try {
        page = Objects.requireNonNull(fetcher.fetch(w.since(), w.until(), off, limit, off == 0),
            "fetcher returned null");
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      return page.thenCompose(p -> {
        if (off == 0 && p.total() != null && p.total() > offsetCap) {
          split(w, off, limit, p.total());
          return next();
        }
        checkAdvances(p.items(), off);
        List<T> fresh = fresh(p.items());
        if (p.more() && !p.items().isEmpty()) {
          int nextOffset = off + p.items().size();
          if (nextOffset >= offsetCap) {
            split(w, nextOffset, limit, null);
          } else {
            offset = nextOffset;
          }
        } else {
          current = null;
        }
        return CompletableFuture.completedFuture(fresh);
      });
    }

    /** A server that ignores {@code offset} would make the walk endless: stop with a clear error. */
    private void checkAdvances(List<T> items, int off) {
      List<String> ids = new ArrayList<>(items.size());
      items.forEach(i -> ids.add(idOf.apply(i)));
      if (off > 0 && !ids.isEmpty() && ids.equals(lastPageIds)) {
        current = null;
        throw new PagerDutyException(endpoint + ": the server returned the same items at offset "
            + off + " as on the page before; it does not honour 'offset' (is the API URL pointing"
            + " at PagerDuty or the fake?)");
      }
      lastPageIds = ids;
    }

    private List<T> fresh(List<T> items) {
      List<T> out = new ArrayList<>(items.size());
      for (T item : items) {
        String id = idOf.apply(item);
        if (dedupe) {
          if (seen.add(id)) {
            out.add(item);
          }
        } else {
          windowIds.add(id);
          out.add(item);
        }
      }
      return out;
    }

    private void split(Window w, int atOffset, int limit, @Nullable Long total) {
      current = null;
      if (!splittable) {
        throw new PaginationCapException(endpoint, atOffset, limit);
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      Instant end = w.until() != null ? w.until() : now;
      Instant start = w.since() != null ? w.since()
          : end.atOffset(ZoneOffset.UTC).minusMonths(1).toInstant();
      Duration length = Duration.between(start, end);
      if (length.compareTo(MIN_SPLITTABLE) < 0) {
        throw new PaginationCapException(endpoint, atOffset, limit);
      }
      Instant mid = start.plus(length.dividedBy(2)).truncatedTo(ChronoUnit.SECONDS);
      if (!mid.isAfter(start)) {
        mid = start.plusSeconds(1);
      }
      LOG.debug("{}: window [{}, {}) matches {} items, past the offset cap of {}; splitting at {}",
          endpoint, start, end, total == null ? "more than " + atOffset : total, offsetCap, mid);
      if (!dedupe) {
        dedupe = true;
        seen.addAll(windowIds);
        windowIds.clear();
      }
      pending.push(new Window(mid, end));
      pending.push(new Window(start, mid));
    }
  }
}
