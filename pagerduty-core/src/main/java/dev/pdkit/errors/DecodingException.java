package dev.pdkit.errors;

import org.jspecify.annotations.Nullable;

/**
 * A response arrived but its body could not be read as the expected type: not JSON, or JSON of an
 * unexpected shape. Usually the API URL points at something that is not PagerDuty (a proxy error
 * page, a wrong host) or the response was cut off.
 */
public class DecodingException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  public DecodingException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
