package dev.pdkit.cli;

import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.errors.ValidationException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How an exception from a command is reported: its exit code and the one line after {@code
 * pdkit: error: }.
 *
 * @param exitCode {@link Main#USAGE} for bad input, {@link Main#FAILED} when the operation failed
 * @param message the line to print (secrets are redacted by {@link Main} afterwards)
 * @param unexpected whether this is a bug rather than a reported failure
 */
record Failure(int exitCode, String message, boolean unexpected) {

  static Failure of(Throwable ex) {
    Throwable t = ex;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ValidationException v) {
      return new Failure(Main.USAGE, describe(v), false);
    }
    if (t instanceof UsageException) {
      return new Failure(Main.USAGE, t.getMessage(), false);
    }
    if (t instanceof PagerDutyException) {
      return new Failure(Main.FAILED, String.valueOf(t.getMessage()), false);
    }
    if (t instanceof IllegalArgumentException) {
      return new Failure(Main.USAGE, String.valueOf(t.getMessage()), false);
    }
    return new Failure(Main.FAILED,
        "unexpected " + t.getClass().getSimpleName() + ": " + t.getMessage(), true);
  }

  /** Command line options that set a field, so that an error names what to change. */
  private static final Map<String, String> OPTIONS = Map.ofEntries(
      Map.entry("routing_key", "--routing-key"),
      Map.entry("dedup_key", "--dedup-key"),
      Map.entry("payload", "--custom-details"),
      Map.entry("payload.summary", "--summary"),
      Map.entry("payload.source", "--source"),
      Map.entry("payload.severity", "--severity"),
      Map.entry("payload.timestamp", "--timestamp"),
      Map.entry("payload.custom_details", "--custom-details"),
      Map.entry("client_url", "--client-url"));

  /** Every problem on one line: {@code field (--option): message; ...}. */
  static String describe(ValidationException v) {
    return "invalid input: " + v.problems().stream()
        .map(p -> p.field() + option(p.field()) + ": "
            + p.message().replace("use the TRUNCATE limit policy", "pass --truncate"))
        .collect(Collectors.joining("; "));
  }

  private static String option(String field) {
    String o = OPTIONS.get(field);
    if (o == null && field.startsWith("images[")) {
      o = "--image";
    } else if (o == null && field.startsWith("links[")) {
      o = "--link";
    }
    return o == null ? "" : " (" + o + ")";
  }
}
