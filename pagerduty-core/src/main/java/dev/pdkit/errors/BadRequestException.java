package dev.pdkit.errors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** HTTP 400: the arguments were invalid (PagerDuty error codes 2001-2004 and others). Retrying unchanged will fail again. */
public class BadRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(
      String endpoint,
      @Nullable Integer errorCode,
      @Nullable String errorMessage,
      List<String> errorMessages,
      @Nullable String requestId) {
    super(400, endpoint, errorCode, errorMessage, errorMessages, requestId);
  }
}
