package dev.pdkit.config.internal;

import dev.pdkit.Secret;
import dev.pdkit.config.internal.YNode.YList;
import dev.pdkit.config.internal.YNode.YMap;
import dev.pdkit.config.internal.YNode.YScalar;
import dev.pdkit.spi.CryptoProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Render and diff of a merged tree, with secrets replaced (never printed). */
public final class EffectiveTree {
  private EffectiveTree() {}

  /** The effective config as YAML: overlay merged, {@code remove} applied, secrets {@code <redacted>}. */
  public static String render(YMap merged, Map<YScalar, Secret> secrets) {
    Map<String, Object> tree = plain(merged, secrets, s -> "<redacted>");
    tree.remove("remove");
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(2);
    o.setIndicatorIndent(2);
    o.setIndentWithIndicator(true);
    o.setWidth(120);
    o.setSplitLines(false);
    return new Yaml(o).dump(tree);
  }

  /** One difference between two environments. */
  public record Difference(String path, @Nullable String left, @Nullable String right) {}

  /**
   * Differences between two merged trees, by path; keyed list items are addressed by key
   * ({@code services[checkout-api].urgency}). Secrets compare by fingerprint and show as
   * {@code <redacted:fingerprint>}.
   */
  public static List<Difference> diff(YMap a, Map<YScalar, Secret> sa, YMap b, Map<YScalar, Secret> sb) {
    Map<String, String> fa = new LinkedHashMap<>();
    Map<String, String> fb = new LinkedHashMap<>();
    Function<Secret, String> shown = s -> "<redacted:" + s.fingerprint() + ">";
    flatten("", plainNode(a, sa, shown), fa);
    flatten("", plainNode(b, sb, shown), fb);
    for (Map<String, String> f : List.of(fa, fb)) {
      f.keySet().removeIf(k -> k.equals("environment") || k.startsWith("remove"));
    }
    List<Difference> out = new ArrayList<>();
    fa.forEach((k, v) -> {
      String other = fb.get(k);
      if (!fb.containsKey(k)) {
        out.add(new Difference(k, v, null));
      } else if (!v.equals(other)) {
        out.add(new Difference(k, v, other));
      }
    });
    fb.forEach((k, v) -> {
      if (!fa.containsKey(k)) {
        out.add(new Difference(k, null, v));
      }
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String path, @Nullable Object node, Map<String, String> out) {
    if (node instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.put(path, "{}");
      }
      ((Map<String, Object>) m).forEach((k, v) -> flatten(path.isEmpty() ? k : path + "." + k, v, out));
    } else if (node instanceof List<?> l) {
      String id = identity(l);
      if (l.isEmpty()) {
        out.put(path, "[]");
      }
      for (int i = 0; i < l.size(); i++) {
        Object item = l.get(i);
        String p = id == null ? path + "[" + i + "]" : path + "[" + ((Map<String, Object>) item).get(id) + "]";
        flatten(p, item, out);
      }
    } else {
      out.put(path, String.valueOf(node));
    }
  }

  private static @Nullable String identity(List<?> l) {
    if (l.isEmpty()) {
      return null;
    }
    for (String id : Overlay.IDENTITIES) {
      if (l.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get(id) != null)) {
        return id;
      }
    }
    return null;
  }

  private static Map<String, Object> plain(YMap m, Map<YScalar, Secret> secrets, Function<Secret, String> shown) {
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) plainNode(m, secrets, shown);
    return out;
  }

  private static @Nullable Object plainNode(YNode n, Map<YScalar, Secret> secrets, Function<Secret, String> shown) {
    if (n instanceof YMap m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> out.put(k, plainNode(e.value(), secrets, shown)));
      return out;
    } else if (n instanceof YList l) {
      List<Object> out = new ArrayList<>();
      l.items().forEach(i -> out.add(plainNode(i, secrets, shown)));
      return out;
    }
    YScalar s = (YScalar) n;
    Secret secret = secrets.get(s);
    if (secret != null) {
      return shown.apply(secret);
    }
    if (s.value() instanceof String str && str.startsWith(CryptoProvider.TOKEN_PREFIX)) {
      return "<redacted>";
    }
    return s.value();
  }
}
