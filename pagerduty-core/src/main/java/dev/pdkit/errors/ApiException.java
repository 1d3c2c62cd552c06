package dev.pdkit.errors;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * PagerDuty answered with an error status. Each meaningful status has its own subclass (see
 * {@link #of}), so callers can catch exactly what they can act on:
 *
 * <table>
 *   <caption>status to exception</caption>
 *   <tr><th>status</th><th>exception</th></tr>
 *   <tr><td>400</td><td>{@link BadRequestException}</td></tr>
 *   <tr><td>401</td><td>{@link UnauthorizedException}</td></tr>
 *   <tr><td>402</td><td>{@link PaymentRequiredException}</td></tr>
 *   <tr><td>403</td><td>{@link ForbiddenException}</td></tr>
 *   <tr><td>404</td><td>{@link NotFoundException}</td></tr>
 *   <tr><td>409</td><td>{@link ConflictException}</td></tr>
 *   <tr><td>413</td><td>{@link RequestTooLargeException}</td></tr>
 *   <tr><td>422</td><td>{@link UnprocessableEntityException}</td></tr>
 *   <tr><td>429</td><td>{@link RateLimitedException}</td></tr>
 *   <tr><td>5xx</td><td>{@link ServerErrorException}</td></tr>
 *   <tr><td>other</td><td>{@code ApiException}</td></tr>
 * </table>
 *
 * <p>The fields come from PagerDuty's error object {@code {"error":{"code","message","errors"}}} (or
 * the Events API's {@code {"status","message","errors"}}); any of them may be absent. The message
 * never contains a secret.
 */
public class ApiException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String endpoint;
  private final @Nullable Integer errorCode;
  private final @Nullable String errorMessage;
  private final List<String> errorMessages;
  private final @Nullable String requestId;

  /**
   * Creates an exception; prefer {@link #of} which picks the subclass for the status.
   *
   * @param status the HTTP status
   * @param endpoint the operation template, e.g. {@code GET /services/{id}}
   * @param errorCode PagerDuty's numeric error code, if the body had one
   * @param errorMessage PagerDuty's error message, if any
   * @param errorMessages the detail messages ({@code errors}), possibly empty
   * @param requestId the {@code x-request-id} response header, if any (quote it to support)
   */
  public ApiException(
      int status,
      String endpoint,
      @Nullable Integer errorCode,
      @Nullable String errorMessage,
      List<String> errorMessages,
      @Nullable String requestId) {
    super(describe(status, endpoint, errorCode, errorMessage, errorMessages, requestId));
    this.status = status;
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.errorMessages = List.copyOf(errorMessages);
    this.requestId = requestId;
  }

  /**
   * Makes the exception for a status: the subclass listed in the class documentation.
   *
   * @param retryAfter for 429: how long the server asked to wait, if it said so
   */
  public static ApiException of(
      int status,
      String endpoint,
      @Nullable Integer errorCode,
      @Nullable String errorMessage,
      List<String> errorMessages,
      @Nullable String requestId,
      @Nullable Duration retryAfter) {
    switch (status) {
      case 400:
        return new BadRequestException(endpoint, errorCode, errorMessage, errorMessages, requestId);
      case 401:
        return new UnauthorizedException(endpoint, errorCode, errorMessage, errorMessages, requestId);
      case 402:
        return new PaymentRequiredException(
            endpoint, errorCode, errorMessage, errorMessages, requestId);
      case 403:
        return new ForbiddenException(endpoint, errorCode, errorMessage, errorMessages, requestId);
      case 404:
        return new NotFoundException(endpoint, errorCode, errorMessage, errorMessages, requestId);
      case 409:
        return new ConflictException(endpoint, errorCode, errorMessage, errorMessages, requestId);
      case 413:
        return new RequestTooLargeException(
            endpoint, errorCode, errorMessage, errorMessages, requestId);
      case 422:
        return new UnprocessableEntityException(
            endpoint, errorCode, errorMessage, errorMessages, requestId);
      case 429:
        return new RateLimitedException(
            endpoint, errorCode, errorMessage, errorMessages, requestId, retryAfter);
      default:
        if (status >= 500 && status <= 599) {
          return new ServerErrorException(
              status, endpoint, errorCode, errorMessage, errorMessages, requestId);
        }
        return new ApiException(status, endpoint, errorCode, errorMessage, errorMessages, requestId);
    }
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The operation that failed, e.g. {@code GET /services/{id}} (never an id or a secret). */
  public String endpoint() {
    return endpoint;
  }

  /** PagerDuty's numeric error code (e.g. 2001 invalid input, 2020 rate limit), if given. */
  public OptionalInt errorCode() {
    return errorCode == null ? OptionalInt.empty() : OptionalInt.of(errorCode);
  }

  /** PagerDuty's error message, if given. */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  /**
   * The detail messages ({@code errors}). PagerDuty sends a list of strings; a single string or the
   * v3 object form ({@code {"field": ["message"]}}, flattened to {@code "field: message"}) are
   * accepted too. Empty when there were none.
   */
  public List<String> errorMessages() {
    return errorMessages;
  }

  /** The {@code x-request-id} PagerDuty assigned to the failed request, if it sent one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** Whether retrying the same request later may succeed (408, 429, 5xx). */
  public boolean isRetryable() {
    return status == 408 || status == 429 || status >= 500;
  }

  /** What the caller can do about this status; appended to the message. */
  static String hint(int status) {
    switch (status) {
      case 400:
        return "the request was rejected as invalid; fix the arguments named above before retrying";
      case 401:
        return "the API token was missing, malformed, revoked or wrong; check PAGERDUTY_API_KEY"
            + " (or the token passed to PagerDuty.builder().apiToken(...))";
      case 402:
        return "the account lacks the ability (plan feature) this call needs; see GET /abilities";
      case 403:
        return "the token is valid but not allowed to do this (read-only key, missing OAuth"
            + " scope or user role); use a token with more permissions";
      case 404:
        return "the resource does not exist or is not visible to this token; check the id";
      case 405:
        return "PagerDuty does not allow this method on this resource";
      case 408:
        return "PagerDuty timed out waiting for the request; retry";
      case 409:
        return "the resource changed or conflicts with another; re-read it and retry";
      case 413:
        return "the request is too large (e.g. more than 250 incidents in one bulk update);"
            + " split it";
      case 422:
        return "the request is well-formed but PagerDuty cannot process it; check the values";
      case 429:
        return "rate limited; slow down (pdkit retries 429s according to its RetryPolicy)";
      default:
        if (status >= 500) {
          return "PagerDuty had a server error; retry later (pdkit retries these by default)";
        }
        return "unexpected status";
    }
  }

  private static String describe(
      int status,
      String endpoint,
      @Nullable Integer code,
      @Nullable String message,
      List<String> messages,
      @Nullable String requestId) {
    StringBuilder sb = new StringBuilder();
    sb.append(endpoint).append(" failed with HTTP ").append(status);
    if (message != null && !message.isBlank()) {
      sb.append(": ").append(message);
    }
    if (code != null) {
      sb.append(" (code ").append(code).append(')');
    }
    if (!messages.isEmpty()) {
      sb.append(" [").append(String.join("; ", messages)).append(']');
    }
    sb.append(" - ").append(hint(status));
    if (requestId != null) {
      sb.append(" (request id ").append(requestId).append(')');
    }
    return sb.toString();
  }
}
