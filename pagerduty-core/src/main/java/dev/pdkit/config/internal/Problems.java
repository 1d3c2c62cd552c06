package dev.pdkit.config.internal;

import dev.pdkit.config.ConfigProblem;
import dev.pdkit.config.ConfigProblem.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Collects problems. The same problem found twice (e.g. by the JSON Schema and again by the
 * semantic pass) is kept once; {@link #errorAt} lets a later pass stay quiet where an earlier one
 * already reported the value.
 */
public final class Problems {
  /** Stop collecting after this many, so a hostile or generated file cannot flood memory. */
  static final int MAX_PROBLEMS = 1000;

  private final Set<ConfigProblem> problems = new LinkedHashSet<>();
  private final Set<Loc> errorLocations = new HashSet<>();

  private record Loc(String file, int line, int column, String path) {}
  private boolean truncated;

  public void error(Origin at, String message, @Nullable String hint) {
    add(new ConfigProblem(Severity.ERROR, at.file(), at.line(), at.column(), at.path(), message, hint));
  }

  public void warning(Origin at, String message, @Nullable String hint) {
    add(new ConfigProblem(Severity.WARNING, at.file(), at.line(), at.column(), at.path(), message, hint));
  }

  /** Reports an error unless one was already reported for exactly this node. */
  public void errorUnlessReported(Origin at, String message, @Nullable String hint) {
    if (!errorAt(at)) {
      error(at, message, hint);
    }
  }

  public void add(ConfigProblem p) {
    if (problems.size() >= MAX_PROBLEMS) {
      truncated = true;
      return;
    }
    if (problems.add(p) && p.isError()) {
      errorLocations.add(key(p.file(), p.line(), p.column(), p.path()));
    }
  }

  public void addAll(Iterable<ConfigProblem> ps) {
    for (ConfigProblem p : ps) {
      add(p);
    }
  }

  /** True if an error was reported at this node. */
  public boolean errorAt(Origin at) {
    return errorLocations.contains(key(at.file(), at.line(), at.column(), at.path()));
  }

  public boolean hasErrors() {
    return !errorLocations.isEmpty();
  }

  /** Errors first (in the order found), then warnings. */
  public List<ConfigProblem> list() {
    List<ConfigProblem> out = new ArrayList<>(problems.size() + 1);
    problems.stream().filter(ConfigProblem::isError).forEach(out::add);
    problems.stream().filter(p -> !p.isError()).forEach(out::add);
    if (truncated) {
      out.add(
          new ConfigProblem(
              Severity.ERROR, "", 0, 0, "",
              "more than " + MAX_PROBLEMS + " problems; stopped counting",
              "fix the problems above and validate again"));
    }
    return out;
  }

  private static Loc key(String file, int line, int col, String path) {
    return new Loc(file, line, col, path);
  }
}
