package dev.pdkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pdkit.errors.DecodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulerAndResponseTest {

  @Test
  void onExecutor_completesAfterTheDelayWithoutBlockingTheCaller() throws Exception {
    ExecutorService exec = Executors.newSingleThreadExecutor();
    try {
      Scheduler s = Scheduler.onExecutor(exec);
      assertThat(s.delay(Duration.ZERO)).isDone();
      assertThat(s.delay(Duration.ofMillis(-5))).isDone();
      // the call returns a pending future instead of sleeping
      assertThat(s.delay(Duration.ofMinutes(5))).isNotDone();
      long t0 = System.nanoTime();
      CompletableFuture<Void> f = s.delay(Duration.ofMillis(50));
      f.get(5, TimeUnit.SECONDS);
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(
          TimeUnit.MILLISECONDS.toNanos(50));
    } finally {
      exec.shutdownNow();
    }
  }

  @Test
  void apiResponse_decodesGenericTypes_andHeadersAreCaseInsensitive() {
    ApiResponse r = new ApiResponse(200, Map.of("X-Request-Id", List.of("abc")),
        "{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8));
    Map<String, List<Integer>> m = r.as(new TypeReference<Map<String, List<Integer>>>() {});
    assertThat(m).containsEntry("a", List.of(1, 2));
    assertThat(r.header("x-request-id")).hasValue("abc");
    assertThat(r.header("X-REQUEST-ID")).hasValue("abc");
    assertThat(r.header("missing")).isEmpty();
    ApiResponse bad = new ApiResponse(200, Map.of(), "nope".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> bad.as(new TypeReference<Map<String, Object>>() {}))
        .isInstanceOf(DecodingException.class);
  }
}
