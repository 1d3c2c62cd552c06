package dev.pdkit.internal.http;

import dev.pdkit.errors.PagerDutyException;

/** Makes the exception for a response body that cannot be decoded. */
final class Decoding {
  private Decoding() {}

  static PagerDutyException failure(String what, Exception cause) {
    // The transport's error hierarchy may replace this with a dedicated DecodingException type.
    return new PagerDutyException(
        "could not decode the response as " + what + ": " + cause.getMessage()
            + " (is the API URL pointing at PagerDuty or the fake?)", cause);
  }
}
