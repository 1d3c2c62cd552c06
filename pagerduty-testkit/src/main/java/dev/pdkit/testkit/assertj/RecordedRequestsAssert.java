package dev.pdkit.testkit.assertj;

import dev.pdkit.testkit.RecordedRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions narrowing down requests of the fake's journal. Every {@code with...} keeps only the
 * requests that match and fails, listing the candidates, when none is left.
 */
public final class RecordedRequestsAssert extends AbstractAssert<RecordedRequestsAssert, List<RecordedRequest>> {
  private final String criteria;

  RecordedRequestsAssert(String criteria, List<RecordedRequest> requests) {
    super(List.copyOf(requests), RecordedRequestsAssert.class);
    this.criteria = criteria;
  }

  /** Keeps requests whose header (case-insensitive name) has exactly this first value. */
  public RecordedRequestsAssert withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    return narrow("header " + name + ": " + value, r -> value.equals(r.header(name)));
  }

  /** Keeps requests without this header. */
  public RecordedRequestsAssert withoutHeader(String name) {
    Objects.requireNonNull(name, "name");
    return narrow("no header " + name, r -> r.header(name) == null);
  }

  /** Keeps requests whose raw query string contains {@code fragment}. */
  public RecordedRequestsAssert withQueryContaining(String fragment) {
    Objects.requireNonNull(fragment, "fragment");
    return narrow("query containing \"" + fragment + "\"", r -> r.query().contains(fragment));
  }

  /** Keeps requests whose body (UTF-8) contains {@code fragment}. */
  public RecordedRequestsAssert withBodyContaining(String fragment) {
    Objects.requireNonNull(fragment, "fragment");
    return narrow("body containing \"" + fragment + "\"", r -> r.bodyText().contains(fragment));
  }

  /** Keeps requests answered with this status (0 = connection dropped by a fault). */
  public RecordedRequestsAssert answeredWith(int status) {
    return narrow("status " + status, r -> r.status() == status);
  }

  /** Asserts how many requests are left after the narrowing so far. */
  public RecordedRequestsAssert hasCount(int count) {
    if (actual.size() != count) {
      failWithMessage("%s", "Expecting " + count + " requests " + criteria + " but found " + actual.size()
          + ": " + describe(actual));
    }
    return this;
  }

  private RecordedRequestsAssert narrow(String what, Predicate<RecordedRequest> p) {
    List<RecordedRequest> left = actual.stream().filter(p).collect(Collectors.toList());
    if (left.isEmpty()) {
      failWithMessage("%s", "Expecting a request " + criteria + " with " + what + " but none matched; "
          + describe(actual));
    }
    return new RecordedRequestsAssert(criteria + " with " + what, left);
  }

  static boolean matches(RecordedRequest r, String method, String glob) {
    if (!"*".equals(method) && !method.equalsIgnoreCase(r.method())) {
      return false;
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          re.append(".*");
          i++;
        } else {
          re.append("[^/]*");
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.matches(re.toString(), r.path());
  }

  static String describe(List<RecordedRequest> requests) {
    if (requests.isEmpty()) {
      return "the journal is empty.";
    }
    int from = Math.max(0, requests.size() - 20);
    String head = from > 0 ? "the journal holds (last 20 of " + requests.size() + "):\n" : "the journal holds:\n";
    return head + requests.subList(from, requests.size()).stream()
        .map(r -> "  " + r.method() + " " + r.path() + (r.query().isEmpty() ? "" : "?" + r.query()) + " -> " + r.status()
            + headerSummary(r))
        .collect(Collectors.joining("\n"));
  }

  private static String headerSummary(RecordedRequest r) {
    String from = r.header("from");
    return from == null ? "" : " (From: " + from + ")";
  }
}
