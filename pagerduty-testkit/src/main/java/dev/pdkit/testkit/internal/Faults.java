package dev.pdkit.testkit.internal;

import dev.pdkit.testkit.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The active fault rules; thread-safe. */
final class Faults {
  private static final class Rule {
    final Fault fault;
    final Pattern pattern;
    int fired;
    int matched;

    Rule(Fault fault) {
      this.fault = fault;
      this.pattern = compile(fault.path());
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private final Random random;

  Faults(long seed) {
    this.random = new Random(seed);
  }

  synchronized void add(Fault f) {
    rules.add(new Rule(f));
  }

  synchronized void clear() {
    rules.clear();
  }

  synchronized List<Fault> list() {
    return rules.stream().map(r -> r.fault).toList();
  }

  /** The fault to apply to this request, consuming one of its times, or null. */
  synchronized @Nullable Fault pick(String method, String path) {
    for (Rule r : rules) {
      Fault f = r.fault;
      if (f.method() != null && !f.method().equals("*")
          && !f.method().toUpperCase(Locale.ROOT).equals(method)) {
        continue;
      }
      if (!r.pattern.matcher(path).matches()) {
        continue;
      }
      if (r.matched++ < f.skip()) {
        continue;
      }
      if (f.times() > 0 && r.fired >= f.times()) {
        continue;
      }
      if (f.probability() < 1.0 && random.nextDouble() >= f.probability()) {
        continue;
      }
      r.fired++;
      return f;
    }
    return null;
  }

  /** Glob: {@code **} any chars, {@code *} within a segment; no wildcard = segment prefix. */
  static Pattern compile(String glob) {
    if (!glob.contains("*")) {
      String base = glob.endsWith("/") && glob.length() > 1 ? glob.substring(0, glob.length() - 1) : glob;
      if (base.equals("/")) {
        return Pattern.compile("/.*");
      }
      return Pattern.compile(Pattern.quote(base) + "(/.*)?");
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
    return Pattern.compile(re.toString());
  }
}
