package dev.pdkit.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.PagerDuty;
import dev.pdkit.backup.BackupKind;
import dev.pdkit.backup.BackupRecord;
import dev.pdkit.rest.Paginated;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a whole account as a stream of {@link BackupRecord}s, kind by kind in restore order.
 *
 * <p>Memory stays bounded: lists are read page by page and every record is handed to the sink as
 * soon as it is read. Only the ids of teams and schedules are kept (to read their members and
 * overrides after the kind itself). Per-item reads PagerDuty has no list form for (a schedule's
 * layers, a team's members, a schedule's overrides) run {@code concurrency} at a time, in order.
 */
public final class Capture {
  private final PagerDuty pd;
  private final Duration overrideWindow;
  private final int concurrency;
  private final Instant now;
  private final Map<BackupKind, Long> counts = new EnumMap<>(BackupKind.class);
  private @Nullable String account;

  public Capture(PagerDuty pd, Duration overrideWindow, int concurrency, Instant now) {
    this.pd = pd;
    this.overrideWindow = overrideWindow;
    this.concurrency = concurrency;
    this.now = now;
  }

  /** Records read so far, by kind. */
  public Map<BackupKind, Long> counts() {
    Map<BackupKind, Long> out = new EnumMap<>(BackupKind.class);
    for (BackupKind k : BackupKind.values()) {
      out.put(k, counts.getOrDefault(k, 0L));
    }
    return out;
  }

  /** The account's web host (from the users' {@code html_url}), e.g. {@code acme.pagerduty.com}. */
  public @Nullable String account() {
    return account;
  }

  /** Reads everything, in {@link BackupKind} order, into {@code sink}. */
  public void run(Consumer<BackupRecord> sink) {
    Consumer<BackupRecord> counting = r -> {
      counts.merge(r.kind(), 1L, Long::sum);
      sink.accept(r);
    };
    for (JsonNode u : list("/users", "users", Map.of())) {
      if (account == null) {
        account = accountOf(u);
      }
      emit(counting, BackupKind.USER, text(u, "id"), u);
    }
    List<String> teamIds = new ArrayList<>();
    for (JsonNode t : list("/teams", "teams", Map.of())) {
      teamIds.add(text(t, "id"));
      emit(counting, BackupKind.TEAM, text(t, "id"), t);
    }
    // first page of each team's members concurrently; the rare team with more than 100 members
    // is read on to the end when its turn comes
    pipelined(teamIds, teamId -> pd.raw().getAsync("/teams/" + enc(teamId) + "/members",
        Map.of("limit", Paginated.MAX_PAGE_SIZE, "offset", 0)), (teamId, page) -> {
      Iterable<JsonNode> members = page.path("more").asBoolean(false)
          ? list("/teams/" + enc(teamId) + "/members", "members", Map.of()) : page.path("members");
      for (JsonNode m : members) {
        emit(counting, BackupKind.TEAM_MEMBERSHIP, teamId + "/" + text(m.path("user"), "id"), m);
      }
    });
    List<String> scheduleIds = new ArrayList<>();
    for (JsonNode s : list("/schedules", "schedules", Map.of())) {
      scheduleIds.add(text(s, "id"));
    }
    // the list leaves layers out (PagerDuty's does too, and has no include[] for them)
    pipelined(scheduleIds, id -> pd.raw().getAsync("/schedules/" + enc(id), Map.of()),
        (id, body) -> emit(counting, BackupKind.SCHEDULE, id, body.path("schedule")));
    Instant until = now.plus(overrideWindow);
    pipelined(scheduleIds, id -> pd.raw().getAsync("/schedules/" + enc(id) + "/overrides",
            Map.of("since", now.toString(), "until", until.toString())),
        (id, body) -> {
          for (JsonNode o : body.path("overrides")) {
            emit(counting, BackupKind.SCHEDULE_OVERRIDE, id + "/" + text(o, "id"), o);
          }
        });
    for (JsonNode p : list("/escalation_policies", "escalation_policies", Map.of())) {
      emit(counting, BackupKind.ESCALATION_POLICY, text(p, "id"), p);
    }
    for (JsonNode s : list("/services", "services", Map.of())) {
      emit(counting, BackupKind.SERVICE, text(s, "id"), s);
    }
    // a second pass with the integrations expanded keeps the kinds in restore order without
    // holding every integration (and its key) in memory until the services are written
    for (JsonNode s : list("/services", "services", Map.of("include[]", "integrations"))) {
      for (JsonNode i : s.path("integrations")) {
        if (i.hasNonNull("type") && !i.path("type").asText().endsWith("_reference")) {
          emit(counting, BackupKind.INTEGRATION, text(s, "id") + "/" + text(i, "id"), i);
        } else {
          // PagerDuty did not expand it: read it on its own
          JsonNode full = pd.raw().get("/services/" + enc(text(s, "id")) + "/integrations/"
              + enc(text(i, "id"))).path("integration");
          emit(counting, BackupKind.INTEGRATION, text(s, "id") + "/" + text(i, "id"), full);
        }
      }
    }
    // ended windows cannot be recreated; ongoing and future ones ("open") are what a restore needs
    for (JsonNode w : list("/maintenance_windows", "maintenance_windows", Map.of("filter", "open"))) {
      emit(counting, BackupKind.MAINTENANCE_WINDOW, text(w, "id"), w);
    }
  }

  private Paginated<JsonNode> list(String path, String key, Map<String, ?> query) {
    return pd.raw().list(path, key, query).withPageSize(Paginated.MAX_PAGE_SIZE);
  }

  private static void emit(Consumer<BackupRecord> sink, BackupKind kind, String id, JsonNode json) {
    if (!json.isObject()) {
      throw new dev.pdkit.errors.DecodingException(
          "PagerDuty returned no " + kind.wire() + " object for " + id, null);
    }
    sink.accept(new BackupRecord(kind, id, json.toString()));
  }

  /** Runs {@code fetch} for each id, at most {@code concurrency} in flight, handing results over in order. */
  private <T> void pipelined(List<String> ids, Function<String, CompletableFuture<T>> fetch,
      java.util.function.BiConsumer<String, T> handle) {
    ArrayDeque<Map.Entry<String, CompletableFuture<T>>> inFlight = new ArrayDeque<>();
    int next = 0;
    while (next < ids.size() || !inFlight.isEmpty()) {
      while (next < ids.size() && inFlight.size() < concurrency) {
        String id = ids.get(next++);
        inFlight.add(Map.entry(id, fetch.apply(id)));
      }
      Map.Entry<String, CompletableFuture<T>> head = inFlight.poll();
      T value;
      try {
        value = dev.pdkit.internal.Futures.join(head.getValue());
      } catch (RuntimeException e) {
        inFlight.forEach(f -> f.getValue().cancel(false));
        throw e;
      }
      handle.accept(head.getKey(), value);
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new dev.pdkit.errors.DecodingException("PagerDuty returned an object without '" + field
          + "': " + abbreviate(n), null);
    }
    return v.asText();
  }

  private static String abbreviate(JsonNode n) {
    String s = Objects.requireNonNullElse(n.path("type").asText(null), "object") + " "
        + n.path("summary").asText("");
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  public static @Nullable String accountOf(JsonNode entity) {
    String url = entity.path("html_url").asText(null);
    if (url == null) {
      return null;
    }
    try {
      URI u = URI.create(url);
      return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String enc(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
