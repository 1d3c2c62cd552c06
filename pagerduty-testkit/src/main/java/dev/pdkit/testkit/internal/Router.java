package dev.pdkit.testkit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Minimal path-template router: {@code /incidents/{id}/notes/{note_id}}. */
final class Router {
  @FunctionalInterface
  interface Handler {
    Resp handle(Req req);
  }

  record Route(String method, String template, String[] segments, Handler handler) {}

  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();
  /** Routes without parameters by "METHOD /path": they always win, so an exact hit ends the search. */
  private final Map<String, Route> literal = new HashMap<>();

  void add(String method, String template, Handler handler) {
    Route r = new Route(method, template, split(template), handler);
    routes.add(r);
    if (!template.contains("{")) {
      literal.putIfAbsent(method + " " + template, r);
    }
  }

  /** Every route as {@code "METHOD /template"}, in registration order. */
  List<String> describe() {
    return routes.stream().map(r -> r.method + " " + r.template).toList();
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }

  /**
   * Finds the route; literal segments win over parameters so that {@code /users/me} beats
   * {@code /users/{id}}. Throws 404/405 ApiErrors.
   */
  Match match(String method, String path) {
    Route exact = literal.get(method + " " + path);
    if (exact != null) {
      return new Match(exact, Map.of());
    }
    String[] segs = split(path);
    Match best = null;
    int bestLiterals = -1;
    boolean pathKnown = false;
    for (Route r : routes) {
      Map<String, String> params = tryMatch(r.segments, segs);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (!r.method.equals(method)) {
        continue;
      }
      int literals = r.segments.length - params.size();
      if (literals > bestLiterals) {
        best = new Match(r, params);
        bestLiterals = literals;
      }
    }
    if (best != null) {
      return best;
    }
    if (pathKnown) {
      throw ApiError.of(405, 2002, "Method Not Allowed", method + " is not supported on " + path);
    }
    throw ApiError.notFound("No such endpoint: " + method + " " + path);
  }

  private static @Nullable Map<String, String> tryMatch(String[] template, String[] segs) {
    if (template.length != segs.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("}")) {
        if (segs[i].isEmpty()) {
          return null;
        }
        params.put(t.substring(1, t.length() - 1), segs[i]);
      } else if (!t.equals(segs[i])) {
        return null;
      }
    }
    return params;
  }
}
