package dev.pdkit.errors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** HTTP 402: the account lacks the ability (plan feature) this operation needs; see {@code GET /abilities}. */
public class PaymentRequiredException extends ApiException {
  private static final long serialVersionUID = 1L;

  public PaymentRequiredException(
      String endpoint,
      @Nullable Integer errorCode,
      @Nullable String errorMessage,
      List<String> errorMessages,
      @Nullable String requestId) {
    super(402, endpoint, errorCode, errorMessage, errorMessages, requestId);
  }
}
