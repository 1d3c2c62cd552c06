package dev.pdkit.errors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** HTTP 5xx: PagerDuty failed. Retried by the default {@code RetryPolicy}; retry later. */
public class ServerErrorException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ServerErrorException(
      int status,
      String endpoint,
      @Nullable Integer errorCode,
      @Nullable String errorMessage,
      List<String> errorMessages,
      @Nullable String requestId) {
    super(status, endpoint, errorCode, errorMessage, errorMessages, requestId);
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("not a 5xx status: " + status);
    }
  }
}
