package dev.pdkit.config.internal;

/**
 * Where a node came from: display file name, 1-based line and column, and the path of the node
 * inside its file (e.g. {@code escalation_policies[0].rules[1].delay}).
 */
public record Origin(String file, int line, int column, String path) {

  /** The origin of a whole file (no position). */
  public static Origin ofFile(String file) {
    return new Origin(file, 0, 0, "");
  }

  Origin withPath(String newPath) {
    return new Origin(file, line, column, newPath);
  }

  /** Path of a map entry below this node. */
  public String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Path of a list item below this node. */
  public String itemPath(int index) {
    return path + "[" + index + "]";
  }

  /** {@code file:line:col}. */
  public String location() {
    return file + ":" + line + ":" + column;
  }
}
