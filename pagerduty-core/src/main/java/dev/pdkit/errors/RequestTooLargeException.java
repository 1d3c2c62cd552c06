package dev.pdkit.errors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** HTTP 413: the request body is too large (e.g. a bulk update of more than 250 incidents). */
public class RequestTooLargeException extends ApiException {
  private static final long serialVersionUID = 1L;

  public RequestTooLargeException(
      String endpoint,
      @Nullable Integer errorCode,
      @Nullable String errorMessage,
      List<String> errorMessages,
      @Nullable String requestId) {
    super(413, endpoint, errorCode, errorMessage, errorMessages, requestId);
  }
}
