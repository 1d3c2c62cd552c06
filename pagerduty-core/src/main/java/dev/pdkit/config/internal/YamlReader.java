package dev.pdkit.config.internal;

import dev.pdkit.config.ConfigProblem;
import dev.pdkit.config.internal.YNode.Entry;
import dev.pdkit.config.internal.YNode.YList;
import dev.pdkit.config.internal.YNode.YMap;
import dev.pdkit.config.internal.YNode.YScalar;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;

/**
 * Reads one YAML file into a {@link YNode} tree with positions, refusing hostile input clearly:
 * files over the size limit, more aliases than allowed, nesting deeper than allowed, documents that
 * expand (through aliases) to too many nodes, recursive aliases and custom tags.
 *
 * <p>Scalars come out unresolved ({@code value} = text); {@link Substitution} resolves them after
 * replacing {@code ${VAR}}s, so the parsed tree can be cached by content hash.
 */
public final class YamlReader {
  private final Limits limits;

  public YamlReader(Limits limits) {
    this.limits = limits;
  }

  /** Size and shape limits; see docs/config.md. */
  public record Limits(long maxFileBytes, int maxAliases, int maxDepth, int maxNodes, int maxAliasExpansion) {
    public static final Limits DEFAULT = new Limits(10L * 1024 * 1024, 50, 64, 2_000_000, 100_000);
  }

  /** The result of reading one file: a tree (or null if unreadable) and the problems found. */
  public record ParsedFile(String file, @Nullable YNode root, List<ConfigProblem> problems) {
    public ParsedFile {
      problems = List.copyOf(problems);
    }
  }

  /** Parses {@code bytes} (the content of {@code file}). Never throws for bad content. */
  public ParsedFile read(String file, byte[] bytes) {
    Problems problems = new Problems();
    Origin whole = Origin.ofFile(file);
    if (bytes.length > limits.maxFileBytes()) {
      problems.error(
          whole,
          "file is " + bytes.length + " bytes, over the limit of " + limits.maxFileBytes() + " bytes",
          "split it into smaller files under config/services/");
      return new ParsedFile(file, null, problems.list());
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      problems.error(whole, "file is not valid UTF-8", "save it as UTF-8");
      return new ParsedFile(file, null, problems.list());
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxDepth());
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(true); // reported by us, with both positions
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
    options.setProcessComments(false);
    Node node;
    try {
      node = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Origin at = m == null ? whole : new Origin(file, m.getLine() + 1, m.getColumn() + 1, "");
      problems.error(at, syntaxMessage(e), syntaxHint(e));
      return new ParsedFile(file, null, problems.list());
    } catch (YAMLException e) {
      problems.error(whole, hostileMessage(e.getMessage()), "simplify the file; see docs/config.md#limits");
      return new ParsedFile(file, null, problems.list());
    }
    if (node == null) {
      return new ParsedFile(file, null, problems.list());
    }
    Converter c = new Converter(file, problems);
    YNode root;
    try {
      root = c.convert(node, "", 0);
    } catch (TooBig e) {
      problems.error(whole, e.getMessage(), "remove aliases that multiply the document (an 'alias bomb')");
      return new ParsedFile(file, null, problems.list());
    }
    return new ParsedFile(file, root, problems.list());
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
    if (problem.contains("Nesting Depth exceeded")) {
      return "YAML nesting is too deep (" + problem + ")";
    }
    String context = e.getContext();
    return "YAML syntax error: " + (context == null ? problem : context + ", " + problem);
  }

  private static String syntaxHint(MarkedYAMLException e) {
    String problem = String.valueOf(e.getProblem());
    if (problem.contains("Nesting Depth exceeded")) {
      return "config files need only a few levels of nesting";
    }
    if (problem.toLowerCase(java.util.Locale.ROOT).contains("tab")) {
      return "indent with spaces, not tabs";
    }
    return "check indentation, quoting and ':' near this position";
  }

  private static String hostileMessage(@Nullable String raw) {
    String m = raw == null ? "unreadable YAML" : raw;
    if (m.contains("aliases")) {
      return "too many YAML aliases (" + m + ")";
    }
    if (m.contains("Nesting Depth")) {
      return "YAML nesting is too deep (" + m + ")";
    }
    if (m.contains("exceeds the limit")) {
      return "file too large (" + m + ")";
    }
    return "YAML refused: " + m;
  }

  private static final class TooBig extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooBig(String message) {
      super(message, null, false, false);
    }
  }

  private final class Converter {
    private final String file;
    private final Problems problems;
    private final Set<Node> active = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;
    private int inAlias;
    private int expanded;

    Converter(String file, Problems problems) {
      this.file = file;
      this.problems = problems;
    }

    private Origin origin(Node n, String path) {
      Mark m = n.getStartMark();
      return new Origin(file, m.getLine() + 1, m.getColumn() + 1, path);
    }

    YNode convert(Node n, String path, int depth) {
      if (++nodes > limits.maxNodes()) {
        throw new TooBig("document has more than " + limits.maxNodes() + " nodes");
      }
      boolean revisit = !seen.add(n);
      if (revisit) {
        inAlias++;
      }
      try {
        if (inAlias > 0 && ++expanded > limits.maxAliasExpansion()) {
          throw new TooBig(
              "aliases expand the document by more than " + limits.maxAliasExpansion() + " nodes");
        }
        return convertNode(n, path, depth);
      } finally {
        if (revisit) {
          inAlias--;
        }
      }
    }

    private YNode convertNode(Node n, String path, int depth) {
      Origin at = origin(n, path);
      if (depth > limits.maxDepth()) {
        throw new TooBig("nesting deeper than " + limits.maxDepth() + " levels");
      }
      String tag = n.getTag().getValue();
      if (!tag.startsWith(Tag.PREFIX) && !tag.equals("!")) {
        problems.error(at, "custom YAML tag " + tag + " is not supported", "remove the tag");
      }
      if (!active.add(n)) {
        problems.error(at, "recursive YAML alias", "an alias must not refer to a node that contains it");
        return new YScalar(at, "", true, "");
      }
      try {
        if (n instanceof ScalarNode s) {
          return new YScalar(at, s.getValue(), s.getScalarStyle() == ScalarStyle.PLAIN, s.getValue());
        } else if (n instanceof SequenceNode seq) {
          List<YNode> items = new ArrayList<>(seq.getValue().size());
          int i = 0;
          for (Node child : seq.getValue()) {
            items.add(convert(child, path + "[" + i + "]", depth + 1));
            i++;
          }
          return new YList(at, items);
        } else {
          return convertMap((MappingNode) n, at, path, depth);
        }
      } finally {
        active.remove(n);
      }
    }

    private YMap convertMap(MappingNode m, Origin at, String path, int depth) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      List<YMap> merged = new ArrayList<>();
      for (NodeTuple t : m.getValue()) {
        Node k = t.getKeyNode();
        if (k.getTag().equals(Tag.MERGE)) {
          YNode mergedValue = convert(t.getValueNode(), path, depth + 1);
          if (mergedValue instanceof YMap mm) {
            merged.add(mm);
          } else if (mergedValue instanceof YList ml && ml.items().stream().allMatch(x -> x instanceof YMap)) {
            ml.items().forEach(x -> merged.add((YMap) x));
          } else {
            problems.error(origin(k, path), "'<<' must merge a map or a list of maps", "use <<: *anchor");
          }
          continue;
        }
        if (!(k instanceof ScalarNode ks)) {
          problems.error(origin(k, path), "a map key must be a plain word, not " + (k instanceof MappingNode ? "a map" : "a list"), "write key: value");
          continue;
        }
        String key = ks.getValue();
        String childPath = path.isEmpty() ? key : path + "." + key;
        Origin keyOrigin = origin(k, childPath);
        Entry previous = entries.get(key);
        if (previous != null) {
          problems.error(
              keyOrigin,
              "duplicate key '" + key + "'",
              "it is already set at line " + previous.keyOrigin().line() + "; keep one");
          continue;
        }
        entries.put(key, new Entry(keyOrigin, convert(t.getValueNode(), childPath, depth + 1)));
      }
      // explicit keys win over merged ones; earlier merges win over later (YAML merge key rules)
      for (YMap mm : merged) {
        for (Map.Entry<String, Entry> e : mm.entries().entrySet()) {
          entries.putIfAbsent(e.getKey(), e.getValue());
        }
      }
      return new YMap(at, entries);
    }
  }
}
