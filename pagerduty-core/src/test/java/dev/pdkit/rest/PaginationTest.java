package dev.pdkit.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pdkit.PagerDuty;
import dev.pdkit.errors.DecodingException;
import dev.pdkit.errors.NotFoundException;
import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.PaginationCapException;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.internal.rest.Pagers;
import dev.pdkit.support.WireMockSupport;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaginationTest {
  @RegisterExtension static WireMockExtension wm = WireMockSupport.extension();

  private PagerDuty pd;

  @BeforeEach
  void setUp() {
    pd = WireMockSupport.noRetries(wm);
  }

  @AfterEach
  void tearDown() {
    pd.close();
  }

  record Item(String id, String name) {}

  private static String page(int offset, int limit, int count, boolean more, Long total) {
    String items = IntStream.range(offset, offset + count)
        .mapToObj(i -> "{\"id\":\"P" + i + "\",\"name\":\"item " + i + "\"}")
        .collect(Collectors.joining(","));
    return "{\"items\":[" + items + "],\"offset\":" + offset + ",\"limit\":" + limit
        + ",\"more\":" + more + ",\"total\":" + total + "}";
  }

  /** 1,234 items in pages of 100: 13 stubs, one per offset. */
  private void stubItems(int n) {
    for (int offset = 0; offset < n; offset += 100) {
      int count = Math.min(100, n - offset);
      wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("offset", equalTo("" + offset))
          .withQueryParam("limit", equalTo("100"))
          .willReturn(okJson(page(offset, 100, count, offset + count < n, null))));
    }
  }

  private Paginated<Item> items() {
    ApiRequest base = ApiRequest.builder("GET", "/items").endpoint("GET /items")
        .query("query", "web").query("offset", 999).build();
    return Pagers.offset(ClientHooks.context(pd).transport(), base, "items",
        Pagers.decoder(Item.class));
  }

  @Test
  void stream_walksMoreThanAThousandItemsPageByPage() {
    stubItems(1234);

    List<Item> all = items().stream().collect(Collectors.toList());

    assertThat(all).hasSize(1234);
    assertThat(all).extracting(Item::id).doesNotHaveDuplicates()
        .startsWith("P0", "P1").endsWith("P1233");
    List<LoggedRequest> reqs = wm.findAll(getRequestedFor(urlPathEqualTo("/items")));
    assertThat(reqs).hasSize(13);
    assertThat(reqs).allSatisfy(r -> {
      assertThat(r.queryParameter("query").firstValue()).isEqualTo("web");
      assertThat(r.queryParameter("offset").values()).hasSize(1);
    });
  }

  @Test
  void iterator_isLazy_fetchesOnlyWhatIsUsed() {
    stubItems(1234);

    Iterator<Item> it = items().iterator();
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/items")))).isEmpty();
    for (int i = 0; i < 150; i++) {
      it.next();
    }
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/items")))).hasSize(2);

    assertThat(items().stream().filter(x -> x.id().equals("P5")).findFirst()).isPresent();
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/items")))).hasSize(3);
  }

  @Test
  void toListAsync_andPages_walkEverything() {
    stubItems(250);

    assertThat(items().toListAsync().join()).hasSize(250);
    assertThat(items().toList()).hasSize(250);
    List<Page<Item>> pages = new ArrayList<>();
    items().pages().forEach(pages::add);
    assertThat(pages).extracting(Page::offset).containsExactly(0, 100, 200);
    assertThat(pages).extracting(Page::more).containsExactly(true, true, false);
    assertThat(items().pageStream().mapToInt(p -> p.items().size()).sum()).isEqualTo(250);
    int count = 0;
    for (Item ignored : items()) {
      count++;
    }
    assertThat(count).isEqualTo(250);
  }

  @Test
  void pageAsync_returnsOnePageWithTotal() {
    wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("offset", equalTo("20"))
        .willReturn(okJson(page(20, 10, 10, true, 95L))));

    Page<Item> p = items().withPageSize(10).pageAsync(20).join();

    assertThat(p.items()).hasSize(10);
    assertThat(p.total()).isEqualTo(95L);
    assertThat(p.nextOffset()).isEqualTo(30);
    assertThat(items().withPageSize(10).pageSize()).isEqualTo(10);
    wm.verify(getRequestedFor(urlPathEqualTo("/items")).withQueryParam("limit", equalTo("10")));
  }

  @Test
  void stream_pastTheOffsetCap_throwsClearErrorBeforeSending() {
    wm.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson(
        "{\"items\":[" + IntStream.range(0, 100).mapToObj(i -> "{\"id\":\"X\"}")
            .collect(Collectors.joining(",")) + "],\"limit\":100,\"more\":true}")));
    AtomicInteger seen = new AtomicInteger();

    assertThatThrownBy(() -> items().stream().forEach(x -> seen.incrementAndGet()))
        .isInstanceOfSatisfying(PaginationCapException.class, e -> {
          assertThat(e.offset()).isEqualTo(10_000);
          assertThat(e.endpoint()).isEqualTo("GET /items");
          assertThat(e.getMessage()).contains("10000").contains("narrow the query");
        });
    assertThat(seen).hasValue(10_000);
    List<LoggedRequest> reqs = wm.findAll(getRequestedFor(urlPathEqualTo("/items")));
    assertThat(reqs).hasSize(100);
    assertThat(reqs).allSatisfy(r -> {
      int offset = Integer.parseInt(r.queryParameter("offset").firstValue());
      int limit = Integer.parseInt(r.queryParameter("limit").firstValue());
      assertThat(offset + limit).isLessThanOrEqualTo(10_000);
    });
  }

  @Test
  void pageAsync_nearTheCap_shrinksLimit_andAtTheCapFails() {
    List<int[]> calls = new ArrayList<>();
    Paginated<String> p = Paginated.of("GET /x", 100, (offset, limit) -> {
      calls.add(new int[] {offset, limit});
      return CompletableFuture.completedFuture(new Page<>(List.of("a"), offset, limit, true, null));
    });

    p.page(9_950);

    assertThat(calls.get(0)).containsExactly(9_950, 50);
    assertThat(p.pageAsync(10_000)).isCompletedExceptionally();
    assertThatThrownBy(() -> p.page(10_000)).isInstanceOf(PaginationCapException.class);
    assertThatThrownBy(() -> p.page(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Paginated.of("x", 101, (o, l) -> null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Paginated.<String>of("x", 5, (o, l) -> null).page(0))
        .isInstanceOf(NullPointerException.class);
    assertThat(p.toString()).contains("GET /x");
    assertThat(p.endpoint()).isEqualTo("GET /x");
  }

  @Test
  void iterator_serverSaysMoreButSendsNothing_stops() {
    Paginated<String> p = Paginated.of("GET /x", 10, (offset, limit) ->
        CompletableFuture.completedFuture(
            new Page<>(offset == 0 ? List.of("a") : List.of(), offset, limit, true, null)));

    assertThat(p.toList()).containsExactly("a");
    assertThat(p.stream().collect(Collectors.toList())).containsExactly("a");
    Iterator<String> it = p.iterator();
    it.next();
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    Iterator<Page<String>> pages = p.pages().iterator();
    pages.next();
    assertThatThrownBy(pages::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void iterator_pageThatDoesNotAdvance_failsInsteadOfLooping() {
    Paginated<String> p = Paginated.of("GET /x", 10, (offset, limit) ->
        CompletableFuture.completedFuture(new Page<>(List.of("a"), 0, 0, true, null)));
    Iterator<Page<String>> it = p.pages().iterator();
    it.next();
    assertThatThrownBy(it::next)
        .isInstanceOf(PagerDutyException.class).hasMessageContaining("does not advance");
  }

  @Test
  void stream_errorOnSecondPage_propagatesTypedException() {
    wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("offset", equalTo("0"))
        .willReturn(okJson(page(0, 100, 100, true, null))));
    wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("offset", equalTo("100"))
        .willReturn(aResponse().withStatus(404).withBody("{\"error\":{\"message\":\"gone\"}}")));

    assertThatThrownBy(() -> items().toList()).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> items().stream().count()).isInstanceOf(NotFoundException.class);
  }

  @Test
  void page_responseWithoutCollection_throwsDecodingException() {
    wm.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson("{\"other\":[]}")));

    assertThatThrownBy(() -> items().firstPage()).isInstanceOf(DecodingException.class)
        .hasMessageContaining("'items'");
    assertThat(items().firstPageAsync()).failsWithin(java.time.Duration.ofSeconds(5));
  }

  @Test
  void cursor_walksAllPagesFollowingNextCursor() {
    for (int i = 0; i < 5; i++) {
      String next = i < 4 ? "\"c" + (i + 1) + "\"" : "null";
      var stub = get(urlPathEqualTo("/audit/records")).withQueryParam("limit", equalTo("100"));
      stub = i == 0 ? stub.withQueryParam("cursor", com.github.tomakehurst.wiremock.client
          .WireMock.absent()) : stub.withQueryParam("cursor", equalTo("c" + i));
      String records = IntStream.range(i * 3, i * 3 + 3)
          .mapToObj(n -> "{\"id\":\"R" + n + "\"}").collect(Collectors.joining(","));
      wm.stubFor(stub.willReturn(okJson("{\"records\":[" + records + "],\"limit\":100,"
          + "\"next_cursor\":" + next + "}")));
    }

    CursorPaginated<JsonNode> records = pd.raw().listCursor("/audit/records", "records",
        Map.of("since", "2026-01-01"));

    assertThat(records.stream().map(n -> n.path("id").asText()))
        .containsExactly("R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10",
            "R11", "R12", "R13", "R14");
    assertThat(records.toListAsync().join()).hasSize(15);
    assertThat(records.toList()).hasSize(15);
    CursorPage<JsonNode> first = records.pageAsync(null).join();
    assertThat(first.more()).isTrue();
    assertThat(first.next()).hasValue("c1");
    assertThat(records.page("c4").more()).isFalse();
    int pages = 0;
    for (CursorPage<JsonNode> ignored : records.pages()) {
      pages++;
    }
    assertThat(pages).isEqualTo(5);
    int items = 0;
    for (JsonNode ignored : records) {
      items++;
    }
    assertThat(items).isEqualTo(15);
    assertThat(records.withPageSize(7).pageSize()).isEqualTo(7);
    assertThat(records.toString()).contains("/audit/records");
  }

  @Test
  void cursor_sameCursorTwice_failsInsteadOfLooping() {
    CursorPaginated<String> c = CursorPaginated.of("GET /audit/records", 10, (cursor, limit) ->
        CompletableFuture.completedFuture(new CursorPage<>(List.of("x"), limit, "same")));

    assertThatThrownBy(() -> c.stream().limit(50).count())
        .isInstanceOf(PagerDutyException.class).hasMessageContaining("same next_cursor");
    assertThatThrownBy(c::toList).isInstanceOf(PagerDutyException.class);
    assertThatThrownBy(() -> CursorPaginated.of("x", 0, (a, b) -> null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CursorPaginated.<String>of("x", 1, (a, b) -> {
      throw new IllegalStateException("boom");
    }).pageAsync(null)).isCompletedExceptionally();
  }

  @Test
  void rawList_pagesOverJsonItems() {
    stubItems(120);

    assertThat(pd.raw().list("/items", "items", Map.of("query", "web")).toList()).hasSize(120);
  }
}
