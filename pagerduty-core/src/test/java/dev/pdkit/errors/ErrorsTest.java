package dev.pdkit.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void validationException_listsEveryProblemWithItsField() {
    ValidationException one = ValidationException.of("payload.summary",
        "is 2000 characters; the limit is 1024");
    assertThat(one.getMessage()).isEqualTo("payload.summary: is 2000 characters; the limit is 1024");
    ValidationException many = new ValidationException(List.of(
        new ValidationException.Problem("routing_key", "must be 32 characters, was 12"),
        new ValidationException.Problem("payload.severity", "must be one of critical, error")));
    assertThat(many.getMessage()).startsWith("2 problems: routing_key: must be 32")
        .contains("; payload.severity: must be one of");
    assertThat(many.problems()).extracting(ValidationException.Problem::field)
        .containsExactly("routing_key", "payload.severity");
    assertThat(many).isInstanceOf(PagerDutyException.class);
    assertThatThrownBy(() -> new ValidationException(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ValidationException.Problem(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void apiException_withoutDetails_stillSaysWhatToDo() {
    ApiException e = ApiException.of(401, "GET /users/me", null, null, List.of(), null, null);
    assertThat(e).isInstanceOf(UnauthorizedException.class);
    assertThat(e.getMessage()).isEqualTo("GET /users/me failed with HTTP 401 - the API token was"
        + " missing, malformed, revoked or wrong; check PAGERDUTY_API_KEY (or the token passed to"
        + " PagerDuty.builder().apiToken(...))");
    assertThat(e.errorCode()).isEmpty();
    assertThat(e.errorMessage()).isEmpty();
    assertThat(e.requestId()).isEmpty();
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void apiException_everyStatusHasAHint() {
    for (int status : new int[] {400, 401, 402, 403, 404, 405, 408, 409, 413, 422, 429, 500, 418}) {
      ApiException e = ApiException.of(status, "GET /x", null, null, List.of(), null, null);
      assertThat(e.getMessage()).contains(" - ").doesNotEndWith(" - ");
    }
    RateLimitedException r = (RateLimitedException) ApiException.of(429, "GET /x", 2020,
        "Rate Limit Exceeded", List.of(), null, Duration.ofSeconds(3));
    assertThat(r.retryAfter()).hasValue(Duration.ofSeconds(3));
    RateLimitedException noWait = new RateLimitedException("GET /x", null, null, List.of(), null,
        null);
    assertThat(noWait.retryAfter()).isEmpty();
    assertThat(noWait.getMessage()).doesNotContain("asked to wait");
    assertThatThrownBy(() -> new ServerErrorException(404, "x", null, null, List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void otherExceptions_carryTheirFlags() {
    TransportException t = new TransportException("m", null, true, false);
    assertThat(t.isTimeout()).isTrue();
    assertThat(t.connectionRefused()).isFalse();
    assertThat(new DecodingException("d", null)).hasMessage("d");
    PaginationCapException cap = new PaginationCapException("GET /incidents", 10_000, 100);
    assertThat(cap.offset()).isEqualTo(10_000);
    assertThat(cap.endpoint()).isEqualTo("GET /incidents");
    assertThat(cap.getMessage()).contains("shorter since/until window");
  }
}
