package dev.pdkit.internal.events;

import static dev.pdkit.events.EventLimits.MAX_BODY_BYTES;
import static dev.pdkit.events.EventLimits.MAX_DEDUP_KEY_LENGTH;
import static dev.pdkit.events.EventLimits.MAX_SUMMARY_LENGTH;
import static dev.pdkit.events.EventLimits.ROUTING_KEY_LENGTH;

import dev.pdkit.Secret;
import dev.pdkit.errors.ValidationException.Problem;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.AlertPayload;
import dev.pdkit.events.ChangeEvent;
import dev.pdkit.events.EventAction;
import dev.pdkit.events.Image;
import dev.pdkit.events.LimitPolicy;
import dev.pdkit.events.Link;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks events against {@link dev.pdkit.events.EventLimits} and applies a {@link LimitPolicy}.
 * Every check runs, so one call reports every problem; each {@link Problem} names the wire path
 * of its field (e.g. {@code payload.summary}, {@code images[0].src}). Messages never contain the
 * routing key.
 */
public final class EventValidation {
  /** The character that ends a truncated summary. */
  public static final String ELLIPSIS = "\u2026";

  private EventValidation() {}

  /** Every problem of an alert event, in field order; empty when it may be sent. */
  public static List<Problem> check(AlertEvent e) {
    List<Problem> problems = checkFields(e);
    if (problems.isEmpty()) {
      return checkSize(EventBodies.size(EventBodies.alert(e)));
    }
    return problems;
  }

  /**
   * Every problem of an alert event's fields, without the 512 KB size check, which needs the wire
   * body: a sender that serialises the body anyway checks that with {@link #checkSize}.
   */
  public static List<Problem> checkFields(AlertEvent e) {
    List<Problem> problems = new ArrayList<>();
    routingKey(e.routingKey(), problems);
    String dedup = e.dedupKey();
    if (e.action() != EventAction.TRIGGER && (dedup == null || dedup.isBlank())) {
      problems.add(new Problem("dedup_key", "is required to " + e.action().wireValue()
          + " an alert: pass the dedup key the trigger returned"));
    }
    if (dedup != null && dedup.length() > MAX_DEDUP_KEY_LENGTH) {
      problems.add(tooLong("dedup_key", dedup, MAX_DEDUP_KEY_LENGTH, false));
    }
    AlertPayload p = e.payload();
    if (e.action() == EventAction.TRIGGER) {
      if (p == null) {
        problems.add(new Problem("payload", "is required to trigger an alert"));
      } else {
        summary(p.summary(), problems);
        required("payload.source", p.source(), "the affected host or system", problems);
        if (p.severity() == null) {
          problems.add(new Problem("payload.severity",
              "is required: use one of critical, error, warning, info"));
        }
      }
    } else if (p != null && p.summary() != null && p.summary().length() > MAX_SUMMARY_LENGTH) {
      problems.add(tooLong("payload.summary", p.summary(), MAX_SUMMARY_LENGTH, true));
    }
    for (int i = 0; i < e.images().size(); i++) {
      Image image = e.images().get(i);
      url("images[" + i + "].src", image.src(), true, problems);
      if (image.href() != null) {
        url("images[" + i + "].href", image.href(), false, problems);
      }
    }
    links(e.links(), problems);
    if (e.clientUrl() != null) {
      url("client_url", e.clientUrl(), false, problems);
    }
    return List.copyOf(problems);
  }

  /** The problem of a wire body of {@code bytes} UTF-8 bytes, if it is over 512 KB. */
  public static List<Problem> checkSize(int bytes) {
    List<Problem> problems = new ArrayList<>(1);
    size(bytes, problems);
    return List.copyOf(problems);
  }

  /** Every problem of a change event; empty when it may be sent. */
  public static List<Problem> check(ChangeEvent e) {
    List<Problem> problems = checkFields(e);
    if (problems.isEmpty()) {
      return checkSize(EventBodies.size(EventBodies.change(e)));
    }
    return problems;
  }

  /** Every problem of a change event's fields, without the size check ({@link #checkSize}). */
  public static List<Problem> checkFields(ChangeEvent e) {
    List<Problem> problems = new ArrayList<>();
    routingKey(e.routingKey(), problems);
    if (e.routingKey().reveal().startsWith("R")) {
      problems.add(new Problem("routing_key", "is a ruleset key (it starts with 'R'), which does"
          + " not accept change events: use the key of a service's Events API v2 integration"));
    }
    summary(e.summary(), problems);
    links(e.links(), problems);
    return List.copyOf(problems);
  }

  /** Applies {@code policy}: under TRUNCATE an over-long summary is shortened. */
  public static AlertEvent apply(AlertEvent e, LimitPolicy policy) {
    AlertPayload p = e.payload();
    if (policy == LimitPolicy.TRUNCATE && p != null && p.summary() != null
        && p.summary().length() > MAX_SUMMARY_LENGTH) {
      return e.withPayload(p.withSummary(truncate(p.summary(), MAX_SUMMARY_LENGTH)));
    }
    return e;
  }

  /** Applies {@code policy}: under TRUNCATE an over-long summary is shortened. */
  public static ChangeEvent apply(ChangeEvent e, LimitPolicy policy) {
    if (policy == LimitPolicy.TRUNCATE && e.summary() != null
        && e.summary().length() > MAX_SUMMARY_LENGTH) {
      return e.withSummary(truncate(e.summary(), MAX_SUMMARY_LENGTH));
    }
    return e;
  }

  /**
   * Cuts {@code text} to at most {@code max} chars ending with an ellipsis, never splitting a
   * surrogate pair. Text that fits is returned unchanged.
   */
  public static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max - ELLIPSIS.length();
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + ELLIPSIS;
  }

  private static void routingKey(Secret key, List<Problem> problems) {
    if (key.length() != ROUTING_KEY_LENGTH) {
      problems.add(new Problem("routing_key", "must be exactly " + ROUTING_KEY_LENGTH
          + " characters, was " + key.length()
          + ": copy the Integration Key of the service's Events API v2 integration"));
    }
  }

  private static void summary(@Nullable String summary, List<Problem> problems) {
    required("payload.summary", summary, "a short description of what happened", problems);
    if (summary != null && summary.length() > MAX_SUMMARY_LENGTH) {
      problems.add(tooLong("payload.summary", summary, MAX_SUMMARY_LENGTH, true));
    }
  }

  private static void links(List<Link> links, List<Problem> problems) {
    for (int i = 0; i < links.size(); i++) {
      url("links[" + i + "].href", links.get(i).href(), false, problems);
    }
  }

  private static void required(String field, @Nullable String value, String what,
      List<Problem> problems) {
    if (value == null || value.isBlank()) {
      problems.add(new Problem(field, "is required: " + what));
    }
  }

  private static Problem tooLong(String field, String value, int max, boolean truncatable) {
    return new Problem(field, String.format(Locale.ROOT,
        "is %,d characters long, at most %,d are allowed: shorten it%s", value.length(), max,
        truncatable ? " or use the TRUNCATE limit policy" : ""));
  }

  private static void size(int bytes, List<Problem> problems) {
    if (bytes > MAX_BODY_BYTES) {
      problems.add(new Problem("payload", String.format(Locale.ROOT,
          "the event is %,d bytes, at most %,d (512 KB) are allowed: make custom_details smaller",
          bytes, MAX_BODY_BYTES)));
    }
  }

  private static void url(String field, String value, boolean httpsOnly, List<Problem> problems) {
    String scheme;
    try {
      URI uri = new URI(value);
      scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        scheme = "";
      }
    } catch (URISyntaxException ex) {
      scheme = "";
    }
    if (httpsOnly && !scheme.equals("https")) {
      problems.add(new Problem(field, "must be an absolute https:// URL (PagerDuty only shows"
          + " images served over HTTPS), was '" + value + "'"));
    } else if (!httpsOnly && !scheme.equals("https") && !scheme.equals("http")) {
      problems.add(new Problem(field, "must be an absolute http(s) URL, was '" + value + "'"));
    }
  }
}
