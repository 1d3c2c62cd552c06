package dev.pdkit.errors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** HTTP 422: the request is well-formed but cannot be processed. */
public class UnprocessableEntityException extends ApiException {
  private static final long serialVersionUID = 1L;

  public UnprocessableEntityException(
      String endpoint,
      @Nullable Integer errorCode,
      @Nullable String errorMessage,
      List<String> errorMessages,
      @Nullable String requestId) {
    super(422, endpoint, errorCode, errorMessage, errorMessages, requestId);
  }
}
