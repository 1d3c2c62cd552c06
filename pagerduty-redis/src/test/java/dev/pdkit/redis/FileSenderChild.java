package dev.pdkit.redis;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.EventSender;
import dev.pdkit.events.FileOutbox;
import dev.pdkit.events.Severity;
import dev.pdkit.spi.OutboxStore;
import dev.pdkit.spi.RateLimiter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process of {@link FileOutboxReliabilityIT}: {@code java -cp ... FileSenderChild DIR
 * EVENTS_URL ROUTING_KEY N} submits N triggers through an {@link EventSender} over a {@link
 * FileOutbox} and prints each dedup key once {@code submit} has returned (the event is durable). The
 * parent kills it with {@code kill -9} part way.
 */
public final class FileSenderChild {
  private FileSenderChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[3]);
    PagerDuty client =
        PagerDuty.builder()
            .eventsUrl(args[1])
            .eventsRateLimit(RateLimiter.Limit.perMinute(10_000_000))
            .build();
    OutboxStore outbox = FileOutbox.open(dir);
    EventSender sender =
        EventSender.builder(client)
            .outbox(outbox)
            .queueCapacity(n)
            .maxAttempts(10_000)
            .initialBackoff(Duration.ofMillis(20))
            .maxBackoff(Duration.ofMillis(500))
            .build();
    Secret routingKey = Secret.of(args[2]);
    System.out.println("open");
    for (int i = 0; i < n; i++) {
      String key = "file-" + i;
      sender.submit(
          AlertEvent.trigger(routingKey)
              .dedupKey(key)
              .summary("file outbox event " + i)
              .source("it")
              .severity(Severity.INFO)
              .build());
      System.out.println(key);
      System.out.flush();
    }
    System.out.println("done");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
