package dev.pdkit.redis;

import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.OutboxStore.Entry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A consumer in a child JVM for {@link RedisCrashIT}: claims entries, prints their ids on one line
 * ({@code CLAIMED a,b,c}) and then hangs without acknowledging, until the test kills it with
 * SIGKILL.
 *
 * <p>Arguments: Redis URL, key prefix, outbox name, consumer name, how many to claim.
 */
public final class OutboxConsumerProcess {
  private OutboxConsumerProcess() {}

  public static void main(String[] args) throws InterruptedException {
    PdkitRedis redis = PdkitRedis.builder().url(args[0]).keyPrefix(args[1]).build();
    OutboxStore outbox = redis.outboxStore(args[2]);
    List<Entry> claimed = outbox.claim(args[3], Integer.parseInt(args[4]), Duration.ofMinutes(5));
    System.out.println(
        "CLAIMED " + claimed.stream().map(Entry::id).collect(Collectors.joining(",")));
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(2).toMillis()); // "working" until killed
    redis.close();
  }
}
