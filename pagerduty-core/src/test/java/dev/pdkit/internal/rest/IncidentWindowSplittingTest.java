package dev.pdkit.internal.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.pdkit.PagerDuty;
import dev.pdkit.errors.BadRequestException;
import dev.pdkit.errors.PaginationCapException;
import dev.pdkit.internal.ClientHooks;
import dev.pdkit.internal.json.Json;
import dev.pdkit.model.Incident;
import dev.pdkit.model.LogEntry;
import dev.pdkit.rest.IncidentQuery;
import dev.pdkit.rest.LogEntryQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Incidents and log entries read past the offset cap, against WireMock emulating PagerDuty's rule
 * (400 when {@code offset + limit} exceeds the cap) over an in-memory set of items.
 */
class IncidentWindowSplittingTest {
  private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");

  /** Serves {@code GET /incidents} and {@code GET /log_entries} from a list of timestamps. */
  static final class CappedList implements ResponseDefinitionTransformerV2 {
    volatile List<Instant> created = List.of();
    volatile int cap = 10_000;
    volatile boolean honourTotal = true;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    @Override
    public String getName() {
      return "capped-list";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      requests.incrementAndGet();
      Request r = event.getRequest();
      String key = r.getUrl().startsWith("/log_entries") ? "log_entries" : "incidents";
      int offset = intParam(r, "offset", 0);
      int limit = intParam(r, "limit", 25);
      if (offset + limit > cap) {
        refused.incrementAndGet();
        return aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":2001,\"message\":\"Invalid Input Provided\","
                + "\"errors\":[\"Offset must be less than " + cap + ".\"]}}")
            .build();
      }
      Instant since = instantParam(r, "since", FEB.minus(Duration.ofDays(31)));
      Instant until = instantParam(r, "until", FEB);
      List<Integer> match = new ArrayList<>();
      List<Instant> all = created;
      for (int i = 0; i < all.size(); i++) {
        if (!all.get(i).isBefore(since) && all.get(i).isBefore(until)) {
          match.add(i);
        }
      }
      ObjectNode root = Json.object();
      ArrayNode items = root.putArray(key);
      for (int i = offset; i < Math.min(offset + limit, match.size()); i++) {
        int n = match.get(i);
        ObjectNode item = items.addObject().put("id", "P" + n)
            .put("created_at", all.get(n).toString());
        item.put("type", key.equals("incidents") ? "incident" : "notify_log_entry");
      }
      root.put("limit", limit).put("offset", offset).put("more", offset + limit < match.size());
      boolean total = honourTotal && "true".equals(param(r, "total"));
      if (total) {
        root.put("total", match.size());
      } else {
        root.putNull("total");
      }
      return aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json").withBody(root.toString()).build();
    }

    private static String param(Request r, String name) {
      QueryParameter p = r.queryParameter(name);
      return p.isPresent() ? p.firstValue() : null;
    }

    private static int intParam(Request r, String name, int dflt) {
      String v = param(r, name);
      return v == null ? dflt : Integer.parseInt(v);
    }

    private static Instant instantParam(Request r, String name, Instant dflt) {
      String v = param(r, name);
      return v == null ? dflt : Instant.parse(v);
    }
  }

  static final CappedList SERVER = new CappedList();

  @RegisterExtension static WireMockExtension wm = RestWireMock.extension(SERVER);

  private PagerDuty pd;

  @BeforeEach
  void setUp() {
    pd = RestWireMock.client(wm);
    SERVER.requests.set(0);
    SERVER.refused.set(0);
    SERVER.honourTotal = true;
    wm.stubFor(get(urlPathEqualTo("/incidents")).willReturn(aResponse()
        .withTransformers("capped-list")));
    wm.stubFor(get(urlPathEqualTo("/log_entries")).willReturn(aResponse()
        .withTransformers("capped-list")));
  }

  @AfterEach
  void tearDown() {
    pd.close();
  }

  private static List<Instant> spread(int n, Instant from, Instant to) {
    long span = Duration.between(from, to).toMillis();
    List<Instant> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(from.plusMillis(span * i / n));
    }
    return out;
  }

  private IncidentsImpl smallCap(int cap) {
    SERVER.cap = cap;
    return new IncidentsImpl(ClientHooks.context(pd), cap);
  }

  private static List<String> sortedIds(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("P" + i);
    }
    ids.sort(null);
    return ids;
  }

  @Test
  void list_smallCapWithTotal_returnsEveryIncidentOnceWithoutARefusedRequest() {
    SERVER.created = spread(230, JAN, FEB);
    IncidentsImpl incidents = smallCap(50);

    List<Incident> got = incidents.list(IncidentQuery.builder().since(JAN).until(FEB).build())
        .withPageSize(10).toList();

    assertThat(got.stream().map(Incident::id).sorted().toList()).isEqualTo(sortedIds(230));
    assertThat(SERVER.refused.get()).isZero();
  }

  @Test
  void list_smallCapWithoutTotal_splitsAtTheCapAndStillReturnsEachOnce() {
    SERVER.created = spread(230, JAN, FEB);
    SERVER.honourTotal = false;
    IncidentsImpl incidents = smallCap(50);

    List<Incident> got = new ArrayList<>();
    incidents.list(IncidentQuery.builder().since(JAN).until(FEB).build()).withPageSize(10)
        .forEach(got::add);

    assertThat(got.stream().map(Incident::id).sorted().toList()).isEqualTo(sortedIds(230));
    assertThat(SERVER.refused.get()).isZero();
  }

  @Test
  void list_smallCapNoWindow_usesTheLastMonthFromTheClientClock() {
    SERVER.created = spread(120, FEB.minus(Duration.ofDays(30)), FEB);
    IncidentsImpl incidents = smallCap(50);

    List<Incident> got = incidents.list().withPageSize(10).toListAsync().join();

    assertThat(got).hasSize(120);
  }

  @Test
  void list_dateRangeAllOverTheCap_failsWithAClearError() {
    SERVER.created = spread(60, JAN, FEB);
    IncidentsImpl incidents = smallCap(50);

    assertThatThrownBy(() -> incidents.list(IncidentQuery.builder().dateRangeAll().build())
        .withPageSize(10).toList())
        .isInstanceOf(PaginationCapException.class).hasMessageContaining("GET /incidents");
  }

  @Test
  void logEntries_smallCap_splitsLikeIncidents() {
    SERVER.created = spread(175, JAN, FEB);
    IncidentsImpl incidents = smallCap(40);

    List<LogEntry> got = incidents.logEntries(LogEntryQuery.builder().since(JAN).until(FEB)
        .build()).withPageSize(20).stream().toList();

    assertThat(got.stream().map(LogEntry::id).sorted().toList()).isEqualTo(sortedIds(175));
  }

  @Test
  void plainPaginated_pastTheCap_isRefusedByTheServerRule() {
    SERVER.created = spread(60, JAN, FEB);
    SERVER.cap = 50;
    SERVER.honourTotal = false;

    assertThatThrownBy(() -> Pagers.fetchOffset(ClientHooks.context(pd).transport(),
        dev.pdkit.internal.http.ApiRequest.builder("GET", "/incidents").build(), "incidents",
        Pagers.decoder(Incident.class), 45, 10).join())
        .hasCauseInstanceOf(BadRequestException.class);
  }

  @Test
  void list_realTenThousandRule_readsTwelveThousandIncidents() {
    SERVER.created = spread(12_345, JAN, FEB);
    SERVER.cap = 10_000;

    List<Incident> got = pd.incidents().list(IncidentQuery.builder().since(JAN).until(FEB)
        .build()).toList();

    assertThat(got).hasSize(12_345);
    assertThat(got.stream().map(Incident::id).distinct().count()).isEqualTo(12_345);
    assertThat(SERVER.refused.get()).isZero();
    assertThat(SERVER.requests.get()).isLessThan(12_345 / 100 + 10);
  }
}
