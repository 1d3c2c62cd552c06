package dev.pdkit.benchmarks.notify;

import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.Severity;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The SDK/raw-client latency ratio of one Events v2 trigger, measured for a loaded machine: SDK and
 * raw JDK {@code HttpClient} requests to the same fake alternate one by one, so both see the same
 * load at the same moment (JMH runs them minutes apart, and on a shared machine the load changes in
 * between: its SDK/raw ratio swung from 1.1 to 6.6 between runs). Per round it takes the p50 of
 * each; it prints the median of the per-round ratios and the overall p50s. Not a JMH benchmark:
 * a complement to {@link SimpleNotificationBenchmark}, whose absolute figures it does not replace.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.pdkit.benchmarks.notify.PairedLatency [perRound] [rounds]
 * </pre>
 *
 * <p>The first third of the rounds are warm-up and not counted.
 */
public final class PairedLatency {
  private PairedLatency() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    if (perRound < 1 || rounds < 3) {
      throw new IllegalArgumentException("usage: PairedLatency [perRound >= 1] [rounds >= 3]");
    }
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try (FakeTarget target = new FakeTarget()) {
      AlertEvent event = AlertEvent.trigger(target.routingKey)
          .summary("CPU above 90% on web-1")
          .source("web-1")
          .severity(Severity.CRITICAL)
          .dedupKey("bench-sdk")
          .build();
      HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest rawRequest = HttpRequest.newBuilder(
              target.fake.eventsUrl().resolve("/v2/enqueue"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(
              SimpleNotificationBenchmark.rawBody(target.routingKey.reveal(), "bench-raw")))
          .build();
      List<Double> ratios = new ArrayList<>();
      List<Long> sdkAll = new ArrayList<>();
      List<Long> rawAll = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        long[] sdk = new long[perRound];
        long[] rawTimes = new long[perRound];
        for (int i = 0; i < perRound; i++) {
          long t = System.nanoTime();
          target.client.events().trigger(event);
          sdk[i] = System.nanoTime() - t;
          t = System.nanoTime();
          HttpResponse<byte[]> resp = raw.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray());
          rawTimes[i] = System.nanoTime() - t;
          if (resp.statusCode() != 202) {
            throw new IllegalStateException("raw trigger: expected 202, got " + resp.statusCode());
          }
        }
        if (r < rounds / 3) {
          continue;
        }
        Arrays.sort(sdk);
        Arrays.sort(rawTimes);
        ratios.add((double) sdk[perRound / 2] / rawTimes[perRound / 2]);
        for (int i = 0; i < perRound; i++) {
          sdkAll.add(sdk[i]);
          rawAll.add(rawTimes[i]);
        }
      }
      Collections.sort(ratios);
      Collections.sort(sdkAll);
      Collections.sort(rawAll);
      long sdkP50 = sdkAll.get(sdkAll.size() / 2);
      long rawP50 = rawAll.get(rawAll.size() / 2);
      System.out.printf(Locale.ROOT, "SDK/raw p50 ratio, median of %d rounds: %.2f (min %.2f, max"
              + " %.2f); overall p50 SDK %.0f us, raw %.0f us (%.2f)%n", ratios.size(),
          ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1),
          sdkP50 / 1e3, rawP50 / 1e3, (double) sdkP50 / rawP50);
    }
  }
}
