package dev.pdkit.config;

import java.util.Map;
import java.util.Set;

/**
 * The templates of a config: inline under {@code templates:} (a map is an Events API v2 event
 * template, a string a text template) and files {@code config/templates/<name>.mustache} (text).
 * Templates are <a href="https://mustache.github.io/">Mustache</a>, logic-less and strict: a
 * variable that is missing from the model is an error naming it, never an empty string. HTML
 * escaping is off.
 *
 * <pre>{@code
 * RenderedEvent e = state.templates().renderEvent("db-down",
 *     Map.of("service", "checkout", "db", "orders", "host", "web-1"));
 * }</pre>
 *
 * <p>Names may be given with or without the {@code templates.} prefix. Thread-safe.
 */
public interface Templates {

  /** Names of all templates. */
  Set<String> names();

  /** True if a template of that name exists. */
  boolean contains(String name);

  /** True if {@code name} is an event template (a map with {@code summary}). */
  boolean isEvent(String name);

  /**
   * Renders an event template.
   *
   * @throws TemplateException if there is no such event template, a variable is missing, or the
   *     severity does not render to critical, error, warning or info
   */
  RenderedEvent renderEvent(String name, Map<String, ?> variables);

  /**
   * Renders a text template.
   *
   * @throws TemplateException if there is no such text template or a variable is missing
   */
  String renderText(String name, Map<String, ?> variables);
}
