package dev.pdkit.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.errors.PaginationCapException;
import dev.pdkit.rest.Page;
import dev.pdkit.rest.WindowedList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The splitting walk against an in-memory server that enforces an offset cap. */
class WindowSplittingListTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-31T00:00:00Z");

  record Item(String id, Instant at) {}

  /** A fake list endpoint: filters by window, pages, refuses offset+limit past the cap. */
  static final class FakeEndpoint implements WindowSplittingList.Fetcher<Item> {
    final List<Item> items;
    final int cap;
    boolean giveTotal = true;
    boolean untilInclusive;
    final List<String> calls = new CopyOnWriteArrayList<>();

    FakeEndpoint(List<Item> items, int cap) {
      this.items = items.stream().sorted(Comparator.comparing(Item::at)).toList();
      this.cap = cap;
    }

    @Override
    public CompletableFuture<Page<Item>> fetch(@Nullable Instant since, @Nullable Instant until,
        int offset, int limit, boolean total) {
      calls.add(since + ".." + until + "@" + offset + "+" + limit);
      if (offset + limit > cap) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("400: offset+limit " + (offset + limit) + " > " + cap));
      }
      List<Item> match = items.stream()
          .filter(i -> since == null || !i.at().isBefore(since))
          .filter(i -> until == null || i.at().isBefore(until)
              || (untilInclusive && i.at().equals(until)))
          .toList();
      List<Item> page = match.subList(Math.min(offset, match.size()),
          Math.min(offset + limit, match.size()));
      boolean more = offset + limit < match.size();
      return CompletableFuture.completedFuture(new Page<>(page, offset, limit, more,
          total && giveTotal ? Long.valueOf(match.size()) : null));
    }
  }

  private static List<Item> spread(int n, Instant from, Instant to) {
    long span = Duration.between(from, to).getSeconds();
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Item("I" + i, from.plusSeconds(span * i / n)));
    }
    return out;
  }

  private static WindowedList<Item> list(FakeEndpoint ep, @Nullable Instant since,
      @Nullable Instant until, boolean splittable, int pageSize) {
    return new WindowSplittingList<>("GET /incidents", since, until, splittable,
        Clock.fixed(T1, ZoneOffset.UTC), pageSize, ep.cap, Item::id, ep);
  }

  private static List<String> ids(List<Item> items) {
    return items.stream().map(Item::id).sorted().toList();
  }

  @Test
  void toList_underCap_readsOneWindowWithoutSplitting() {
    FakeEndpoint ep = new FakeEndpoint(spread(45, T0, T1), 50);

    List<Item> got = list(ep, T0, T1, true, 10).toList();

    assertThat(ids(got)).isEqualTo(ids(ep.items));
    assertThat(ep.calls).hasSize(5).allMatch(c -> c.startsWith(T0 + ".." + T1));
  }

  @Test
  void toList_overCapWithTotal_splitsBeforeReadingAndReturnsEachItemOnce() {
    FakeEndpoint ep = new FakeEndpoint(spread(230, T0, T1), 50);

    List<Item> got = list(ep, T0, T1, true, 10).toList();

    assertThat(got).hasSize(230);
    assertThat(ids(got)).isEqualTo(ids(ep.items));
    assertThat(got).isSortedAccordingTo(Comparator.comparing(Item::at));
    assertThat(ep.calls).noneMatch(c -> c.startsWith(T0 + ".." + T1 + "@10"));
  }

  @Test
  void toList_overCapWithoutTotal_splitsAtTheCapAndSkipsWhatWasReturned() {
    FakeEndpoint ep = new FakeEndpoint(spread(230, T0, T1), 50);
    ep.giveTotal = false;

    List<Item> got = list(ep, T0, T1, true, 10).toList();

    assertThat(got).hasSize(230);
    assertThat(ids(got)).isEqualTo(ids(ep.items));
    assertThat(ep.calls).anyMatch(c -> c.startsWith(T0 + ".." + T1 + "@40+10"));
  }

  @Test
  void toList_serverWithInclusiveUntil_boundaryItemsReturnedOnce() {
    List<Item> items = new ArrayList<>(spread(120, T0, T1));
    Instant mid = T0.plus(Duration.between(T0, T1).dividedBy(2));
    items.add(new Item("ON-BOUNDARY", mid));
    FakeEndpoint ep = new FakeEndpoint(items, 50);
    ep.untilInclusive = true;

    List<Item> got = list(ep, T0, T1, true, 10).toList();

    assertThat(ids(got)).isEqualTo(ids(items)).doesNotHaveDuplicates();
  }

  @Test
  void iterator_overCap_yieldsTheSameItemsLazily() {
    FakeEndpoint ep = new FakeEndpoint(spread(130, T0, T1), 50);
    WindowedList<Item> list = list(ep, T0, T1, true, 25);

    var it = list.iterator();
    assertThat(ep.calls).isEmpty();
    assertThat(it.hasNext()).isTrue();
    List<Item> got = new ArrayList<>();
    it.forEachRemaining(got::add);

    assertThat(ids(got)).isEqualTo(ids(ep.items));
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(list.stream().map(Item::id).collect(Collectors.toSet())).hasSize(130);
  }

  @Test
  void toListAsync_overCap_completesWithEveryItem() {
    FakeEndpoint ep = new FakeEndpoint(spread(101, T0, T1), 20);

    List<Item> got = list(ep, T0, T1, true, 7).toListAsync().join();

    assertThat(ids(got)).isEqualTo(ids(ep.items));
  }

  @Test
  void toList_noWindow_makesTheDefaultMonthExplicitWhenSplitting() {
    Instant monthAgo = T1.atOffset(ZoneOffset.UTC).minusMonths(1).toInstant();
    FakeEndpoint ep = new FakeEndpoint(spread(120, monthAgo, T1), 50);

    List<Item> got = list(ep, null, null, true, 10).toList();

    assertThat(ids(got)).isEqualTo(ids(ep.items));
    assertThat(ep.calls.get(0)).startsWith("null..null@0");
    assertThat(ep.calls).anyMatch(c -> c.startsWith(monthAgo + ".."));
  }

  @Test
  void toList_onlyUntil_startsOneMonthBeforeIt() {
    Instant monthAgo = T1.atOffset(ZoneOffset.UTC).minusMonths(1).toInstant();
    FakeEndpoint ep = new FakeEndpoint(spread(60, monthAgo, T1), 50);

    List<Item> got = list(ep, null, T1, true, 10).toList();

    assertThat(ids(got)).isEqualTo(ids(ep.items));
  }

  @Test
  void toList_unsplittableQueryOverCap_failsWithCapError() {
    FakeEndpoint ep = new FakeEndpoint(spread(60, T0, T1), 50);

    assertThatThrownBy(() -> list(ep, null, null, false, 10).toList())
        .isInstanceOf(PaginationCapException.class)
        .hasMessageContaining("GET /incidents")
        .hasMessageContaining("narrow the query");
  }

  @Test
  void toList_moreThanCapInOneSecond_failsWithCapError() {
    List<Item> same = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      same.add(new Item("S" + i, T0.plusMillis(i)));
    }
    FakeEndpoint ep = new FakeEndpoint(same, 50);

    assertThatThrownBy(() -> list(ep, T0, T1, true, 10).toList())
        .isInstanceOf(PaginationCapException.class);
  }

  @Test
  void toList_fetcherThrowsOrReturnsNull_failsWithThatError() {
    WindowSplittingList<Item> throwing = new WindowSplittingList<>("GET /x", T0, T1, true,
        Clock.systemUTC(), 10, 50, Item::id, (s, u, o, l, t) -> {
          throw new IllegalStateException("boom");
        });
    WindowSplittingList<Item> nulls = new WindowSplittingList<>("GET /x", T0, T1, true,
        Clock.systemUTC(), 10, 50, Item::id, (s, u, o, l, t) -> null);

    assertThatThrownBy(throwing::toList).isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");
    assertThatThrownBy(nulls::toList).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("fetcher returned null");
  }

  @Test
  void constructor_badPageSizeOrCap_rejected() {
    FakeEndpoint ep = new FakeEndpoint(List.of(), 50);

    assertThatThrownBy(() -> list(ep, T0, T1, true, 0)).hasMessageContaining("pageSize");
    assertThatThrownBy(() -> list(ep, T0, T1, true, 101)).hasMessageContaining("pageSize");
    assertThatThrownBy(() -> list(ep, T0, T1, true, 10).withPageSize(500))
        .hasMessageContaining("pageSize");
    assertThatThrownBy(() -> new WindowSplittingList<>("GET /x", T0, T1, true, Clock.systemUTC(),
        10, 0, Item::id, ep)).hasMessageContaining("offsetCap");
    assertThat(list(ep, T0, T1, true, 10).toString()).contains("GET /incidents");
    assertThat(list(ep, T0, T1, true, 10).withPageSize(5).toList()).isEmpty();
  }

  @Property(tries = 60)
  void toList_anyDatasetAndCap_returnsExactlyTheDataset(
      @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 5, max = 60) int cap,
      @ForAll @IntRange(min = 1, max = 30) int pageSize,
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll boolean giveTotal) {
    java.util.Random random = new java.util.Random(seed);
    long span = Duration.between(T0, T1).getSeconds();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // clustered towards the start of the window
      items.add(new Item("P" + i, T0.plusSeconds((long) (random.nextDouble() * random.nextDouble()
          * span)).plusMillis(i % 1000)));
    }
    FakeEndpoint ep = new FakeEndpoint(items, cap);
    ep.giveTotal = giveTotal;
    int size = Math.min(pageSize, cap);

    List<Item> got;
    try {
      got = list(ep, T0, T1, true, size).toList();
    } catch (PaginationCapException e) {
      // only legitimate when more than cap items share one second (windows split at whole seconds)
      long maxPerSecond = items.stream()
          .collect(Collectors.groupingBy(i -> i.at().getEpochSecond(), Collectors.counting()))
          .values().stream().mapToLong(Long::longValue).max().orElse(0);
      assertThat(maxPerSecond).isGreaterThan(cap);
      return;
    }
    assertThat(ids(got)).isEqualTo(ids(items));
  }
}
