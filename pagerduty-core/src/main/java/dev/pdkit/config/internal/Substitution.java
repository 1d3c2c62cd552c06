package dev.pdkit.config.internal;

import dev.pdkit.config.internal.YNode.Entry;
import dev.pdkit.config.internal.YNode.YList;
import dev.pdkit.config.internal.YNode.YMap;
import dev.pdkit.config.internal.YNode.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in scalar values from an environment map
 * ({@code $${} writes a literal {@code ${}}), then resolves every scalar's type. An unset variable
 * without default is an error at the scalar's position.
 */
public final class Substitution {
  private static final Pattern VAR =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\\}|\\$\\{");

  private final java.util.function.Function<String, @Nullable String> env;
  private final Problems problems;

  public Substitution(java.util.function.Function<String, @Nullable String> env, Problems problems) {
    this.env = env;
    this.problems = problems;
  }

  public YNode apply(YNode node) {
    if (node instanceof YMap m) {
      Map<String, Entry> out = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> out.put(k, new Entry(e.keyOrigin(), apply(e.value()))));
      return new YMap(m.origin(), out);
    } else if (node instanceof YList l) {
      List<YNode> out = new ArrayList<>(l.items().size());
      l.items().forEach(i -> out.add(apply(i)));
      return new YList(l.origin(), out);
    }
    YScalar s = (YScalar) node;
    String text = s.text();
    if (text.indexOf('$') >= 0) {
      text = substitute(s);
    }
    return new YScalar(s.origin(), text, s.plain(), Scalars.resolve(text, s.plain()));
  }

  private String substitute(YScalar s) {
    Matcher m = VAR.matcher(s.text());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String match = m.group();
      String replacement;
      if (match.equals("$${")) {
        replacement = "${";
      } else if (m.group(1) == null) {
        problems.error(
            s.origin(),
            "malformed variable reference (expected ${NAME} or ${NAME:-default})",
            "write $${ for a literal ${");
        replacement = match;
      } else {
        String name = m.group(1);
        String value = env.apply(name);
        if (value != null && !(value.isEmpty() && m.group(2) != null)) {
          replacement = value;
        } else if (m.group(2) != null) {
          replacement = m.group(2);
        } else {
          problems.error(
              s.origin(),
              "environment variable " + name + " is not set",
              "set " + name + " or write ${" + name + ":-default}");
          replacement = "";
        }
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
