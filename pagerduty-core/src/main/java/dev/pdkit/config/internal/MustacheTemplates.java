package dev.pdkit.config.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.pdkit.config.RenderedEvent;
import dev.pdkit.config.TemplateException;
import dev.pdkit.config.Templates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link Templates} over JMustache, strict (a missing variable throws). */
public final class MustacheTemplates implements Templates {
  static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  /** Strict, no HTML escaping, no default for missing values. */
  static final Mustache.Compiler COMPILER =
      Mustache.compiler().escapeHTML(false).strictSections(true);

  /** A compiled template part with where it was written. */
  record Part(Template template, String where) {}

  /** One compiled event template; {@code details} holds Parts, maps, lists and plain values. */
  record EventTemplate(
      String where,
      Part summary,
      @Nullable Part severity,
      @Nullable Part source,
      @Nullable Part component,
      @Nullable Part group,
      @Nullable Part eventClass,
      @Nullable Part dedupKey,
      Map<String, Object> details) {}

  private final Map<String, EventTemplate> events;
  private final Map<String, Part> texts;

  MustacheTemplates(Map<String, EventTemplate> events, Map<String, Part> texts) {
    this.events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
    this.texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
  }

  /** No templates. */
  public static MustacheTemplates empty() {
    return new MustacheTemplates(Map.of(), Map.of());
  }

  private static String normalize(String name) {
    Objects.requireNonNull(name, "name");
    return name.startsWith("templates.") ? name.substring("templates.".length()) : name;
  }

  @Override
  public Set<String> names() {
    Set<String> all = new java.util.TreeSet<>(events.keySet());
    all.addAll(texts.keySet());
    return Collections.unmodifiableSet(all);
  }

  @Override
  public boolean contains(String name) {
    String n = normalize(name);
    return events.containsKey(n) || texts.containsKey(n);
  }

  @Override
  public boolean isEvent(String name) {
    return events.containsKey(normalize(name));
  }

  @Override
  public RenderedEvent renderEvent(String name, Map<String, ?> variables) {
    Objects.requireNonNull(variables, "variables");
    String n = normalize(name);
    EventTemplate t = events.get(n);
    if (t == null) {
      throw new TemplateException(
          "no event template '" + n + "'" + suggestion(n, events.keySet()) + "; event templates: " + events.keySet());
    }
    String severity = t.severity() == null ? "error" : run(n, t.severity(), variables);
    if (!SEVERITIES.contains(severity)) {
      throw new TemplateException(
          "template '" + n + "' (" + t.severity().where() + "): severity must render to critical, error,"
              + " warning or info");
    }
    return new RenderedEvent(
        run(n, t.summary(), variables),
        severity,
        runOrNull(n, t.source(), variables),
        runOrNull(n, t.component(), variables),
        runOrNull(n, t.group(), variables),
        runOrNull(n, t.eventClass(), variables),
        runOrNull(n, t.dedupKey(), variables),
        renderMap(n, t.details(), variables));
  }

  @Override
  public String renderText(String name, Map<String, ?> variables) {
    Objects.requireNonNull(variables, "variables");
    String n = normalize(name);
    Part p = texts.get(n);
    if (p == null) {
      throw new TemplateException(
          "no text template '" + n + "'" + suggestion(n, texts.keySet()) + "; text templates: " + texts.keySet());
    }
    return run(n, p, variables);
  }

  @Override
  public String toString() {
    return "Templates" + names();
  }

  private static String suggestion(String n, Set<String> names) {
    String s = Levenshtein.closest(n, names);
    return s == null ? "" : " (did you mean '" + s + "'?)";
  }

  private static @Nullable String runOrNull(String name, @Nullable Part p, Map<String, ?> vars) {
    return p == null ? null : run(name, p, vars);
  }

  private static String run(String name, Part p, Map<String, ?> vars) {
    try {
      return p.template().execute(vars);
    } catch (MustacheException.Context e) {
      throw new TemplateException(
          "template '" + name + "' (" + p.where() + "): missing variable '" + e.key + "'"
              + " (template line " + e.lineNo + "); pass it in the variables",
          e);
    } catch (MustacheException e) {
      throw new TemplateException("template '" + name + "' (" + p.where() + ") failed: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> renderMap(String name, Map<String, Object> in, Map<String, ?> vars) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, renderValue(name, v, vars)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object renderValue(String name, @Nullable Object v, Map<String, ?> vars) {
    if (v instanceof Part p) {
      return run(name, p, vars);
    } else if (v instanceof Map<?, ?> m) {
      return Collections.unmodifiableMap(renderMap(name, (Map<String, Object>) m, vars));
    } else if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(renderValue(name, o, vars));
      }
      return Collections.unmodifiableList(out);
    }
    return v;
  }
}
