package dev.pdkit.redis.internal;

import dev.pdkit.spi.MetricsListener;
import dev.pdkit.spi.OutboxStore;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link OutboxStore} on a Redis Stream with one consumer group.
 *
 * <p><b>Layout</b> (outbox {@code events}, prefix {@code pdkit:}; every key carries the hash tag
 * {@code {events}}, so one outbox lives in one Cluster slot and every operation is one atomic
 * script):
 *
 * <ul>
 *   <li>{@code pdkit:outbox:{events}:stream} — the entries ({@code XADD}), fields {@code id},
 *       {@code key}, {@code payload}, {@code enqueued_at}, {@code attempts}; consumer group {@code
 *       pdkit}.
 *   <li>{@code ...:ids} — hash entry id → stream id (so {@code append} is idempotent per entry id,
 *       and {@code acknowledge(id)} finds the stream entry).
 *   <li>{@code ...:attempts} — hash entry id → attempts recorded by {@code release}.
 *   <li>{@code ...:busy} — hash ordering key → stream id of the entry of that key now handed out.
 *   <li>{@code ...:parked} — hash ordering key → how many entries of that key wait behind it.
 *   <li>{@code ...:preclaimed} — hash entry id → consumer, for entries added with {@link
 *       #appendClaimed} that {@code XREADGROUP} has not yet seen.
 *   <li>{@code ...:dead} and {@code ...:dead-ids} — the dead letters (a stream with the reason and
 *       time) and their index by entry id.
 * </ul>
 *
 * <p><b>Claiming.</b> {@code claim} first runs {@code XAUTOCLAIM} from the start of the pending list:
 * that takes over entries whose consumer has not acknowledged them within the claim timeout (a
 * crashed or stuck instance), released entries and parked ones (both are marked idle for a very long
 * time, so they come back on the next claim). Then it reads new entries with {@code XREADGROUP}.
 * Entries come oldest first.
 *
 * <p><b>Order per key (guaranteed).</b> At most one entry per ordering key is handed out at a time,
 * across all consumers and instances, and entries of one key are handed out in the order they were
 * appended: an entry whose key is busy is <em>parked</em> (kept pending, not handed out) until the
 * entry before it is acknowledged or dead-lettered. A released entry keeps its place and its key
 * stays busy, so the retry goes before younger entries of the same key. Two exceptions: an entry
 * whose claim timed out may be delivered twice (its first consumer may still be working on it), and
 * a {@linkplain #replay replayed} dead letter goes to the end of the queue. Entries of different
 * keys are independent.
 *
 * <p><b>Release.</b> {@code release} keeps the entry pending in the stream (same position), stores
 * the attempt count in the attempts hash and makes the entry claimable immediately; backing off
 * before the next attempt is the sender's job.
 *
 * <p><b>Durability.</b> {@code append} returns once the primary holding the outbox has the entry in
 * memory. A crash of the application loses nothing. What survives a crash or restart of Redis
 * itself depends on its persistence: run Redis with {@code appendonly yes} (the AOF) and {@code
 * appendfsync everysec} (at most about a second of appends lost on a power failure) or {@code
 * appendfsync always} (nothing lost, slower), and with replicas plus {@code min-replicas-to-write} if
 * a failover must not lose appends. Without persistence a Redis restart empties the outbox.
 *
 * <p>Consumers that stop leave their name in the group ({@code XINFO CONSUMERS}); that costs a few
 * bytes each and is harmless. Dead letters are kept until replayed or deleted by an operator.
 */
public final class RedisOutboxStore implements OutboxStore {
  private static final Logger log = LoggerFactory.getLogger(RedisOutboxStore.class);

  static final String GROUP = "pdkit";
  /** Idle time given to parked and released entries: long enough to exceed any claim timeout. */
  static final long PARK_IDLE_MILLIS = 10_000_000_000L;

  static final Duration MAX_CLAIM_TIMEOUT = Duration.ofDays(1);

  private static final String COMMON =
      """
      local function field(fields, name)
        for i = 1, #fields, 2 do
          if fields[i] == name then return fields[i + 1] end
        end
        return nil
      end
      local function decr(hash, k)
        local n = redis.call('HINCRBY', hash, k, -1)
        if n <= 0 then redis.call('HDEL', hash, k) end
      end
      """;

  /**
   * The entry of key k now handed out; forgets a holder that is no longer pending (deleted behind
   * our back), so that a key can never stay blocked.
   */
  private static final String HOLDER =
      """
      local function holder(stream, busy, group, k)
        local b = redis.call('HGET', busy, k)
        if b and not redis.call('XPENDING', stream, group, b, b, 1)[1] then
          redis.call('HDEL', busy, k)
          return nil
        end
        return b
      end
      """;

  /** Removes an entry that is in the stream; fixes busy/parked bookkeeping. */
  private static final String REMOVE =
      """
      local function remove(stream, ids, attempts, busy, parked, group, sid, id, k, preclaimed)
        if redis.call('HGET', busy, k) == sid then
          redis.call('HDEL', busy, k)
        else
          local p = redis.call('XPENDING', stream, group, sid, sid, 1)
          if p[1] then decr(parked, k) end
        end
        redis.call('XACK', stream, group, sid)
        redis.call('XDEL', stream, sid)
        redis.call('HDEL', ids, id)
        redis.call('HDEL', attempts, id)
        redis.call('HDEL', preclaimed, id)
      end
      """;

  static final LuaScript APPEND =
      LuaScript.of(
          "outbox append",
          """
          -- KEYS: stream, ids; ARGV: id, key, payload, enqueued_at, attempts
          local sid = redis.call('HGET', KEYS[2], ARGV[1])
          if sid then return sid end
          sid = redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'key', ARGV[2], 'payload', ARGV[3],
              'enqueued_at', ARGV[4], 'attempts', ARGV[5])
          redis.call('HSET', KEYS[2], ARGV[1], sid)
          return sid
          """);

  static final LuaScript APPEND_CLAIMED =
      LuaScript.of(
          "outbox appendClaimed",
          HOLDER
              + """
              -- KEYS: stream, ids, busy, parked, preclaimed
              -- ARGV: id, key, payload, enqueued_at, attempts, group, consumer
              local stream, busy, parked = KEYS[1], KEYS[3], KEYS[4]
              local sid = redis.call('HGET', KEYS[2], ARGV[1])
              if sid then return sid end
              redis.pcall('XGROUP', 'CREATE', stream, ARGV[6], '0', 'MKSTREAM')
              sid = redis.call('XADD', stream, '*', 'id', ARGV[1], 'key', ARGV[2],
                  'payload', ARGV[3], 'enqueued_at', ARGV[4], 'attempts', ARGV[5])
              redis.call('HSET', KEYS[2], ARGV[1], sid)
              -- pending for the consumer now; XREADGROUP '>' would still see it as new, so it is
              -- also marked, and the claim script hands it back to its owner
              redis.call('XCLAIM', stream, ARGV[6], ARGV[7], 0, sid, 'FORCE', 'JUSTID')
              redis.call('HSET', KEYS[5], ARGV[1], ARGV[7])
              if not holder(stream, busy, ARGV[6], ARGV[2]) and not redis.call('HGET', parked, ARGV[2]) then
                redis.call('HSET', busy, ARGV[2], sid)
              else
                -- an older entry of the key is in flight elsewhere: this one counts as waiting
                -- behind it (the owner delivers it anyway; acknowledging settles the count)
                redis.call('HINCRBY', parked, ARGV[2], 1)
              end
              return sid
              """);

  static final LuaScript CLAIM =
      LuaScript.of(
          "outbox claim",
          COMMON
              + HOLDER
              + """
              -- KEYS: stream, attempts, busy, parked, preclaimed
              -- ARGV: group, consumer, max, min idle ms, park idle ms, scan budget
              local stream, attempts, busy, parked = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
              local preclaimed = KEYS[5]
              local group, consumer = ARGV[1], ARGV[2]
              local max = tonumber(ARGV[3])
              local budget = tonumber(ARGV[6])
              local g = redis.pcall('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
              local out = {}
              local handed = 0
              local function hand(sid, fields)
                local id = field(fields, 'id')
                local a = redis.call('HGET', attempts, id) or field(fields, 'attempts') or '0'
                out[#out + 1] = sid
                out[#out + 1] = id
                out[#out + 1] = field(fields, 'key')
                out[#out + 1] = field(fields, 'payload')
                out[#out + 1] = field(fields, 'enqueued_at')
                out[#out + 1] = a
                handed = handed + 1
              end
              local function park(sid)
                redis.call('XCLAIM', stream, group, 'pdkit-parked', 0, sid, 'IDLE', ARGV[5], 'JUSTID')
              end
              -- 1. timed out, released and parked entries, oldest first
              local cursor = '0-0'
              local scanned = 0
              repeat
                local r = redis.call('XAUTOCLAIM', stream, group, consumer, ARGV[4], cursor,
                    'COUNT', max)
                cursor = r[1]
                for _, e in ipairs(r[2]) do
                  local sid, fields = e[1], e[2]
                  scanned = scanned + 1
                  if fields then
                    local k = field(fields, 'key')
                    local b = holder(stream, busy, group, k)
                    if handed < max and b == sid then
                      hand(sid, fields)
                    elseif handed < max and not b then
                      redis.call('HSET', busy, k, sid)
                      decr(parked, k)
                      hand(sid, fields)
                    else
                      park(sid)
                    end
                  end
                end
              until cursor == '0-0' or handed >= max or scanned >= budget
              -- 2. new entries
              if handed < max then
                local r = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', max - handed,
                    'STREAMS', stream, '>')
                if r then
                  for _, e in ipairs(r[1][2]) do
                    local sid, fields = e[1], e[2]
                    local k = field(fields, 'key')
                    local id = field(fields, 'id')
                    local owner = redis.call('HGET', preclaimed, id)
                    if owner then
                      -- appended as claimed by owner: give it back, it is not ours to deliver
                      redis.call('HDEL', preclaimed, id)
                      redis.call('XCLAIM', stream, group, owner, 0, sid, 'JUSTID')
                    elseif redis.call('HGET', busy, k) == sid then
                      -- already in flight (an appendClaimed entry taken over): nothing to do
                    elseif not holder(stream, busy, group, k) and not redis.call('HGET', parked, k) then
                      redis.call('HSET', busy, k, sid)
                      hand(sid, fields)
                    else
                      redis.call('HINCRBY', parked, k, 1)
                      park(sid)
                    end
                  end
                end
              end
              local head = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)
              local head_at = ''
              if head[1] then head_at = field(head[1][2], 'enqueued_at') or '' end
              table.insert(out, 1, head_at)
              table.insert(out, 1, redis.call('XLEN', stream))
              return out
              """);

  static final LuaScript ACKNOWLEDGE =
      LuaScript.of(
          "outbox acknowledge",
          COMMON
              + REMOVE
              + """
              -- KEYS: stream, ids, attempts, busy, parked, preclaimed; ARGV: group, id
              local sid = redis.call('HGET', KEYS[2], ARGV[2])
              if not sid then return 0 end
              local e = redis.call('XRANGE', KEYS[1], sid, sid)
              if not e[1] then
                redis.call('HDEL', KEYS[2], ARGV[2])
                redis.call('HDEL', KEYS[3], ARGV[2])
                return 0
              end
              remove(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1], sid, ARGV[2],
                  field(e[1][2], 'key'), KEYS[6])
              return 1
              """);

  static final LuaScript RELEASE =
      LuaScript.of(
          "outbox release",
          """
          -- KEYS: stream, ids, attempts; ARGV: group, id, attempts, park idle ms
          local sid = redis.call('HGET', KEYS[2], ARGV[2])
          if not sid then return 0 end
          redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
          redis.call('XCLAIM', KEYS[1], ARGV[1], 'pdkit-released', 0, sid, 'IDLE', ARGV[4], 'JUSTID')
          return 1
          """);

  static final LuaScript DEAD_LETTER =
      LuaScript.of(
          "outbox deadLetter",
          COMMON
              + REMOVE
              + """
              -- KEYS: stream, ids, attempts, busy, parked, dead, dead-ids, preclaimed
              -- ARGV: group, id, reason
              local sid = redis.call('HGET', KEYS[2], ARGV[2])
              if not sid then return 0 end
              local e = redis.call('XRANGE', KEYS[1], sid, sid)
              if not e[1] then
                redis.call('HDEL', KEYS[2], ARGV[2])
                redis.call('HDEL', KEYS[3], ARGV[2])
                return 0
              end
              local fields = e[1][2]
              local k = field(fields, 'key')
              local a = redis.call('HGET', KEYS[3], ARGV[2]) or field(fields, 'attempts') or '0'
              remove(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1], sid, ARGV[2], k, KEYS[8])
              local t = redis.call('TIME')
              local at = string.format('%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
              local dsid = redis.call('XADD', KEYS[6], '*', 'id', ARGV[2], 'key', k,
                  'payload', field(fields, 'payload'), 'enqueued_at', field(fields, 'enqueued_at'),
                  'attempts', a, 'reason', ARGV[3], 'at', at)
              redis.call('HSET', KEYS[7], ARGV[2], dsid)
              return 1
              """);

  static final LuaScript REPLAY =
      LuaScript.of(
          "outbox replay",
          COMMON
              + """
              -- KEYS: stream, ids, dead, dead-ids; ARGV: id
              local dsid = redis.call('HGET', KEYS[4], ARGV[1])
              if not dsid then return 0 end
              redis.call('HDEL', KEYS[4], ARGV[1])
              local e = redis.call('XRANGE', KEYS[3], dsid, dsid)
              if not e[1] then return 0 end
              redis.call('XDEL', KEYS[3], dsid)
              if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 1 end
              local f = e[1][2]
              local sid = redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'key', field(f, 'key'),
                  'payload', field(f, 'payload'), 'enqueued_at', field(f, 'enqueued_at'),
                  'attempts', '0')
              redis.call('HSET', KEYS[2], ARGV[1], sid)
              return 1
              """);

  private final RedisConnector redis;
  private final String name;
  private final String stream;
  private final String ids;
  private final String attempts;
  private final String busy;
  private final String parked;
  private final String dead;
  private final String deadIds;
  private final String preclaimed;
  private final MetricsListener metrics;
  private final Clock clock;

  public RedisOutboxStore(
      RedisConnector redis, Keys keys, String name, MetricsListener metrics, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.name = Keys.checkName("name", name);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
    String base = keys.outboxBase(name);
    this.stream = base + "stream";
    this.ids = base + "ids";
    this.attempts = base + "attempts";
    this.busy = base + "busy";
    this.parked = base + "parked";
    this.dead = base + "dead";
    this.deadIds = base + "dead-ids";
    this.preclaimed = base + "preclaimed";
  }

  /** The outbox name (part of its keys). */
  public String name() {
    return name;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Idempotent per entry id while the entry waits: appending the same id again (a retry after a
   * timeout) keeps one entry.
   */
  @Override
  public void append(Entry entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.attempts() < 0) {
      throw new IllegalArgumentException("entry.attempts must not be negative");
    }
    redis.script(
        APPEND,
        ScriptOutputType.VALUE,
        new String[] {stream, ids},
        RedisConnector.bytes(entry.id()),
        RedisConnector.bytes(entry.key()),
        entry.payload(),
        RedisConnector.bytes(entry.enqueuedAt().toString()),
        RedisConnector.bytes(entry.attempts()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the entry is pending for {@code consumer} at once, exactly as if {@link #claim} had
   * returned it: no other consumer gets it before {@code claimTimeout} (then it is taken over like
   * any entry of a crashed consumer). If an older entry of the same key is in flight elsewhere, the
   * caller still holds this one, so per-key order across instances is then up to the caller.
   */
  @Override
  public void appendClaimed(Entry entry, String consumer) {
    Objects.requireNonNull(entry, "entry");
    checkConsumer(consumer);
    if (entry.attempts() < 0) {
      throw new IllegalArgumentException("entry.attempts must not be negative");
    }
    redis.script(
        APPEND_CLAIMED,
        ScriptOutputType.VALUE,
        new String[] {stream, ids, busy, parked, preclaimed},
        RedisConnector.bytes(entry.id()),
        RedisConnector.bytes(entry.key()),
        entry.payload(),
        RedisConnector.bytes(entry.enqueuedAt().toString()),
        RedisConnector.bytes(entry.attempts()),
        RedisConnector.bytes(GROUP),
        RedisConnector.bytes(consumer));
  }

  private static void checkConsumer(String consumer) {
    Objects.requireNonNull(consumer, "consumer");
    if (consumer.isBlank()) {
      throw new IllegalArgumentException("consumer must not be blank");
    }
    if (consumer.startsWith("pdkit-")) {
      throw new IllegalArgumentException(
          "consumer names starting with 'pdkit-' are reserved, was: " + consumer);
    }
  }

  @Override
  public List<Entry> claim(String consumer, int max, Duration claimTimeout) {
    checkConsumer(consumer);
    Objects.requireNonNull(claimTimeout, "claimTimeout");
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive, was " + max);
    }
    if (claimTimeout.isNegative()
        || claimTimeout.isZero()
        || claimTimeout.compareTo(MAX_CLAIM_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "claimTimeout must be positive and at most one day, was " + claimTimeout);
    }
    List<Object> reply =
        redis.script(
            CLAIM,
            ScriptOutputType.MULTI,
            new String[] {stream, attempts, busy, parked, preclaimed},
            RedisConnector.bytes(GROUP),
            RedisConnector.bytes(consumer),
            RedisConnector.bytes(max),
            RedisConnector.bytes(Math.max(1, claimTimeout.toMillis())),
            RedisConnector.bytes(PARK_IDLE_MILLIS),
            RedisConnector.bytes(10L * max + 100));
    long depth = reply.get(0) instanceof Long l ? l : 0L;
    Instant head = parseInstant(RedisConnector.string(reply.get(1)));
    metrics.onQueue(
        depth, head == null ? Duration.ZERO : positive(Duration.between(head, clock.instant())));
    List<Claimed> claimed = new ArrayList<>();
    for (int i = 2; i + 5 < reply.size(); i += 6) {
      String sid = RedisConnector.string(reply.get(i));
      String id = RedisConnector.string(reply.get(i + 1));
      String key = RedisConnector.string(reply.get(i + 2));
      Object payload = reply.get(i + 3);
      Instant at = parseInstant(RedisConnector.string(reply.get(i + 4)));
      String att = RedisConnector.string(reply.get(i + 5));
      if (sid == null || id == null || key == null || !(payload instanceof byte[] p) || at == null) {
        log.warn("outbox {}: skipping a malformed stream entry {}", name, sid);
        continue;
      }
      int attemptCount = att == null ? 0 : Integer.parseInt(att);
      claimed.add(new Claimed(sid, new Entry(id, key, p, at, attemptCount)));
    }
    claimed.sort(Comparator.comparing(Claimed::sid, RedisOutboxStore::compareStreamIds));
    List<Entry> out = new ArrayList<>(claimed.size());
    for (Claimed c : claimed) {
      out.add(c.entry);
    }
    return out;
  }

  private record Claimed(String sid, Entry entry) {}

  static int compareStreamIds(String a, String b) {
    int da = a.indexOf('-');
    int db = b.indexOf('-');
    int c = Long.compare(Long.parseLong(a.substring(0, da)), Long.parseLong(b.substring(0, db)));
    return c != 0
        ? c
        : Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
  }

  @Override
  public void acknowledge(String id) {
    Objects.requireNonNull(id, "id");
    redis.script(
        ACKNOWLEDGE,
        ScriptOutputType.INTEGER,
        new String[] {stream, ids, attempts, busy, parked, preclaimed},
        RedisConnector.bytes(GROUP),
        RedisConnector.bytes(id));
  }

  @Override
  public void release(String id, int attemptCount) {
    Objects.requireNonNull(id, "id");
    if (attemptCount < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attemptCount);
    }
    redis.script(
        RELEASE,
        ScriptOutputType.INTEGER,
        new String[] {stream, ids, attempts},
        RedisConnector.bytes(GROUP),
        RedisConnector.bytes(id),
        RedisConnector.bytes(attemptCount),
        RedisConnector.bytes(PARK_IDLE_MILLIS));
  }

  @Override
  public void deadLetter(String id, String reason) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    redis.script(
        DEAD_LETTER,
        ScriptOutputType.INTEGER,
        new String[] {stream, ids, attempts, busy, parked, dead, deadIds, preclaimed},
        RedisConnector.bytes(GROUP),
        RedisConnector.bytes(id),
        RedisConnector.bytes(reason));
  }

  @Override
  public List<DeadLetter> deadLetters(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive, was " + max);
    }
    List<StreamMessage<String, byte[]>> messages =
        redis.call(
            "outbox deadLetters",
            () ->
                redis
                    .commands()
                    .xrange(dead, Range.unbounded(), io.lettuce.core.Limit.from(max)));
    List<DeadLetter> out = new ArrayList<>(messages.size());
    for (StreamMessage<String, byte[]> m : messages) {
      Map<String, byte[]> f = m.getBody();
      String id = RedisConnector.string(f.get("id"));
      String key = RedisConnector.string(f.get("key"));
      byte[] payload = f.get("payload");
      Instant enq = parseInstant(RedisConnector.string(f.get("enqueued_at")));
      String att = RedisConnector.string(f.get("attempts"));
      String reason = RedisConnector.string(f.get("reason"));
      String at = RedisConnector.string(f.get("at"));
      if (id == null || key == null || payload == null || enq == null || reason == null) {
        log.warn("outbox {}: skipping a malformed dead letter {}", name, m.getId());
        continue;
      }
      Instant atInstant = at == null ? enq : Instant.ofEpochMilli(Long.parseLong(at));
      out.add(
          new DeadLetter(
              new Entry(id, key, payload, enq, att == null ? 0 : Integer.parseInt(att)),
              reason,
              atInstant));
    }
    return out;
  }

  @Override
  public boolean replay(String id) {
    Objects.requireNonNull(id, "id");
    Long r =
        redis.script(
            REPLAY,
            ScriptOutputType.INTEGER,
            new String[] {stream, ids, dead, deadIds},
            RedisConnector.bytes(id));
    return r != null && r == 1L;
  }

  @Override
  public long size() {
    Long n = redis.call("outbox size", () -> redis.commands().xlen(stream));
    return n == null ? 0 : n;
  }

  @Override
  public @Nullable Instant oldestEnqueuedAt() {
    List<StreamMessage<String, byte[]>> head =
        redis.call(
            "outbox oldestEnqueuedAt",
            () ->
                redis
                    .commands()
                    .xrange(stream, Range.unbounded(), io.lettuce.core.Limit.from(1)));
    if (head.isEmpty()) {
      return null;
    }
    return parseInstant(RedisConnector.string(head.get(0).getBody().get("enqueued_at")));
  }

  private static @Nullable Instant parseInstant(@Nullable String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Closing is a no-op: the connection belongs to {@code PdkitRedis}. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "RedisOutboxStore[" + name + "]";
  }
}
