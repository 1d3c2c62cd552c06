package dev.pdkit.config;

import dev.pdkit.errors.PagerDutyException;

/**
 * A template could not be rendered: unknown template, a missing variable (templates are strict),
 * or a rendered severity that is not critical, error, warning or info. The message names the
 * template, where it is defined and the variable; never a variable's value.
 */
public class TemplateException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
