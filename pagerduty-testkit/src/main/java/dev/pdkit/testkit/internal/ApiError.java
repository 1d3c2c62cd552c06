package dev.pdkit.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A PagerDuty-shaped error: {@code {"error":{"code","message","errors":[...]}}} with a status. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final int code;
  final List<String> errors;

  ApiError(int status, int code, String message, List<String> errors) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  static ApiError invalid(String... errors) {
    return new ApiError(400, 2001, "Invalid Input Provided", List.of(errors));
  }

  static ApiError notFound(String what) {
    return new ApiError(404, 2100, "Not Found", List.of(what));
  }

  static ApiError of(int status, int code, String message, String... errors) {
    return new ApiError(status, code, message, List.of(errors));
  }

  ObjectNode body() {
    return body(code, getMessage(), errors);
  }

  static ObjectNode body(int code, String message, List<String> errors) {
    ObjectNode e = J.obj();
    e.put("code", code);
    e.put("message", message);
    ArrayNode a = e.putArray("errors");
    errors.forEach(a::add);
    ObjectNode root = J.obj();
    root.set("error", e);
    return root;
  }

  /** The PagerDuty error code and message conventionally used for an HTTP status. */
  static ApiError forStatus(int status, String detail) {
    return switch (status) {
      case 400 -> new ApiError(status, 2001, "Invalid Input Provided", List.of(detail));
      case 401 -> new ApiError(status, 2006, "Authentication failed", List.of(detail));
      case 402 -> new ApiError(status, 2014, "Account does not have the required ability", List.of(detail));
      case 403 -> new ApiError(status, 2010, "Access Denied", List.of(detail));
      case 404 -> new ApiError(status, 2100, "Not Found", List.of(detail));
      case 408 -> new ApiError(status, 2016, "Request timed out", List.of(detail));
      case 429 -> new ApiError(status, 2020, "Rate Limit Exceeded", List.of(detail));
      default -> new ApiError(status, status >= 500 ? 2000 : 2002,
          status >= 500 ? "Internal Server Error" : "Arguments Caused Error", List.of(detail));
    };
  }
}
