package dev.pdkit.internal.http;

import java.util.concurrent.CompletableFuture;

/**
 * Sends {@link ApiRequest}s: adds base URL, authentication, {@code Accept}, {@code From} and user
 * agent; applies rate limits and retries; maps error statuses to {@code dev.pdkit.errors}
 * exceptions; reports metrics. Thread-safe; shared by every resource of one client.
 */
public interface HttpTransport extends AutoCloseable {

  /**
   * Sends a request. The future completes with a 2xx response, or exceptionally with a
   * {@link dev.pdkit.errors.PagerDutyException} (never a raw {@code IOException}).
   */
  CompletableFuture<ApiResponse> send(ApiRequest request);

  @Override
  void close();
}
