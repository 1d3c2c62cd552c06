package dev.pdkit.internal.http;

import dev.pdkit.errors.DecodingException;

/** Makes the exception for a response body that cannot be decoded. */
public final class Decoding {
  private Decoding() {}

  /** A {@link DecodingException} saying what could not be decoded and what to check. */
  public static DecodingException failure(String what, Exception cause) {
    return new DecodingException(
        "could not decode the response as " + what + ": " + firstLine(cause.getMessage())
            + " (is the API URL pointing at PagerDuty or the fake?)", cause);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
