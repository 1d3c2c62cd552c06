package dev.pdkit.config.internal;

import dev.pdkit.Secret;
import dev.pdkit.config.DesiredState;
import dev.pdkit.config.internal.SchemaCheck.FileKind;
import dev.pdkit.config.internal.YNode.Entry;
import dev.pdkit.config.internal.YNode.YList;
import dev.pdkit.config.internal.YNode.YMap;
import dev.pdkit.config.internal.YNode.YScalar;
import dev.pdkit.config.internal.YamlReader.Limits;
import dev.pdkit.config.internal.YamlReader.ParsedFile;
import dev.pdkit.internal.crypto.Kdf;
import dev.pdkit.spi.CacheProvider;
import dev.pdkit.spi.CryptoProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The load pipeline: discover, read (cached), substitute, schema-check, merge, build. */
public final class ConfigEngine {
  /** Environment names: the key pattern, which also rules out path tricks like {@code ../}. */
  public static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  static final int MAX_FILES = 10_000;

  /** Everything the engine needs. */
  public record Settings(
      Path directory,
      java.util.function.Function<String, @Nullable String> environmentVariables,
      Supplier<@Nullable CryptoProvider> crypto,
      CacheProvider.@Nullable Cache<ParsedFile> cache,
      Limits limits) {}

  /** The outcome of a load: merged tree (for render and diff), problems, and the state if valid. */
  public record Loaded(
      String environment,
      @Nullable YMap merged,
      Problems problems,
      @Nullable DesiredState state,
      Map<YScalar, Secret> secretNodes) {}

  private final Settings settings;
  private final YamlReader reader;
  /** Set while loading when a file could not be read or parsed; later stages would only echo it. */
  private boolean unreadable;

  public ConfigEngine(Settings settings) {
    this.settings = settings;
    this.reader = new YamlReader(settings.limits());
  }

  private String display(Path p) {
    return p.toString();
  }

  /** Environment names found under {@code environments/}, sorted. */
  public List<String> environments() {
    Path dir = settings.directory().resolve("environments");
    List<String> out = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.limit(MAX_FILES).map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
            .map(n -> n.substring(0, n.lastIndexOf('.')))
            .sorted().forEach(out::add);
      } catch (IOException e) {
        return out;
      }
    }
    return out;
  }

  public synchronized Loaded load(String environment) {
    unreadable = false;
    Problems problems = new Problems();
    Path dir = settings.directory();
    MessageDigest hash = sha256();
    hash.update(("env:" + environment + "\0").getBytes(StandardCharsets.UTF_8));
    if (!ENVIRONMENT_NAME.matcher(environment).matches()) {
      problems.error(Origin.ofFile(display(dir.resolve("environments"))),
          "invalid environment name '" + environment + "'", "use lower-case letters, digits, '-' or '_'");
      return new Loaded(environment, null, problems, null, Map.of());
    }
    if (!Files.isDirectory(dir)) {
      problems.error(Origin.ofFile(display(dir)), "config folder not found",
          "pass --config with the folder that holds pagerduty.yaml");
      return new Loaded(environment, null, problems, null, Map.of());
    }
    // base
    Path basePath = dir.resolve("pagerduty.yaml");
    YMap base;
    if (!Files.isRegularFile(basePath)) {
      problems.error(Origin.ofFile(display(basePath)), "missing base file pagerduty.yaml",
          "create it with at least: version: 1");
      base = emptyMap(display(basePath));
    } else {
      base = readChecked(basePath, FileKind.BASE, problems, hash);
    }
    // services
    List<YNode> serviceItems = new ArrayList<>();
    Origin servicesOrigin = base.has("services") ? base.get("services").origin() : null;
    if (base.get("services") instanceof YList bl) {
      serviceItems.addAll(bl.items());
    }
    for (Path p : listFiles(dir.resolve("services"), ".yaml", ".yml")) {
      YMap m = readChecked(p, FileKind.SERVICES, problems, hash);
      if (m.get("services") instanceof YList l) {
        serviceItems.addAll(l.items());
        if (servicesOrigin == null) {
          servicesOrigin = l.origin();
        }
      } else if (m.has("key")) {
        serviceItems.add(m);
        if (servicesOrigin == null) {
          servicesOrigin = m.origin();
        }
      }
    }
    Map<String, Entry> assembled = new LinkedHashMap<>(base.entries());
    if (servicesOrigin != null) {
      Entry existing = base.entry("services");
      Origin keyOrigin = existing != null ? existing.keyOrigin() : servicesOrigin;
      assembled.put("services", new Entry(keyOrigin, new YList(servicesOrigin, serviceItems)));
    }
    YMap assembledBase = new YMap(base.origin(), assembled);
    checkDuplicates(assembledBase, problems);
    // environment overlay
    Path envPath = dir.resolve("environments").resolve(environment + ".yaml");
    if (!Files.isRegularFile(envPath)) {
      Path alt = dir.resolve("environments").resolve(environment + ".yml");
      envPath = Files.isRegularFile(alt) ? alt : envPath;
    }
    YMap overlay;
    if (!Files.isRegularFile(envPath)) {
      List<String> known = environments();
      String hint = Levenshtein.didYouMean(environment, known);
      problems.error(Origin.ofFile(display(envPath)), "no such environment '" + environment + "'",
          hint != null ? hint : (known.isEmpty() ? "create environments/" + environment + ".yaml"
              : "known environments: " + String.join(", ", known)));
      overlay = emptyMap(display(envPath));
    } else {
      overlay = readChecked(envPath, FileKind.ENVIRONMENT, problems, hash);
      if (overlay.get("environment") instanceof YScalar s && s.value() instanceof String name
          && !name.equals(environment)) {
        problems.error(s.origin(), "environment '" + name + "' does not match the file name " + envPath.getFileName(),
            "write environment: " + environment);
      }
      checkDuplicates(overlay, problems);
    }
    if (unreadable) {
      // merging and cross-file checks on a partial config would report errors that are only
      // echoes of the unreadable file; report what was found so far
      return new Loaded(environment, null, problems, null, Map.of());
    }
    Map<String, Entry> overlayEntries = new LinkedHashMap<>(overlay.entries());
    Entry removes = overlayEntries.remove("remove");
    YMap merged = (YMap) Overlay.merge(assembledBase, new YMap(overlay.origin(), overlayEntries));
    Set<String> removed = new HashSet<>();
    merged = Overlay.applyRemovals(merged, removes == null ? null : removes.value(), removed, problems);
    // templates
    Map<String, StateBuilder.TemplateFile> templateFiles = new LinkedHashMap<>();
    for (Path p : listFiles(dir.resolve("templates"), ".mustache")) {
      String fileName = p.getFileName().toString();
      String name = fileName.substring(0, fileName.length() - ".mustache".length());
      byte[] bytes = readBytes(p, problems);
      if (bytes == null) {
        continue;
      }
      hash.update(display(p).getBytes(StandardCharsets.UTF_8));
      hash.update(bytes);
      if (!name.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
        problems.error(Origin.ofFile(display(p)), "invalid template file name '" + fileName + "'",
            "name template files like deploy-finished.mustache (lower-case, digits, '.', '_', '-')");
        continue;
      }
      templateFiles.put(name, new StateBuilder.TemplateFile(display(p), new String(bytes, StandardCharsets.UTF_8)));
    }
    StateBuilder builder = new StateBuilder(problems, settings.crypto(), removed);
    DesiredState state =
        builder.build(environment, merged, templateFiles, HexFormat.of().formatHex(hash.digest()));
    if (problems.hasErrors()) {
      state = null;
    }
    return new Loaded(environment, merged, problems, state, builder.secretNodes());
  }

  private static final Map<String, String[]> KEYED_LISTS =
      Map.of(
          "users", new String[] {"email", "user"},
          "teams", new String[] {"key", "team"},
          "schedules", new String[] {"key", "schedule"},
          "escalation_policies", new String[] {"key", "escalation policy"},
          "services", new String[] {"key", "service"});

  private static void checkDuplicates(YMap root, Problems problems) {
    for (String list : List.of("users", "teams", "schedules", "escalation_policies", "services")) {
      if (!(root.get(list) instanceof YList l)) {
        continue;
      }
      String[] spec = KEYED_LISTS.get(list);
      Map<String, YNode> seen = new LinkedHashMap<>();
      for (YNode item : l.items()) {
        String id = Overlay.idOf(item, spec[0]);
        if (id == null) {
          continue;
        }
        YNode first = seen.putIfAbsent(id, item);
        if (first != null) {
          YNode idNode = ((YMap) item).get(spec[0]);
          problems.error(idNode.origin(), "duplicate " + spec[1] + " " + spec[0] + " '" + id + "'",
              "first defined at " + ((YMap) first).get(spec[0]).origin().location() + "; keys must be unique");
        }
      }
    }
  }

  private YMap readChecked(Path p, FileKind kind, Problems problems, MessageDigest hash) {
    String name = display(p);
    byte[] bytes = readBytes(p, problems);
    if (bytes == null) {
      unreadable = true;
      return emptyMap(name);
    }
    hash.update(name.getBytes(StandardCharsets.UTF_8));
    hash.update((byte) 0);
    hash.update(bytes);
    ParsedFile parsed = parse(name, bytes);
    problems.addAll(parsed.problems());
    if (parsed.root() == null && !parsed.problems().isEmpty()) {
      unreadable = true;
    }
    if (parsed.root() == null) {
      YMap empty = emptyMap(name);
      if (parsed.problems().isEmpty()) {
        SchemaCheck.get().check(kind, empty, problems);
      }
      return empty;
    }
    YNode resolved = new Substitution(settings.environmentVariables(), problems).apply(parsed.root());
    if (!(resolved instanceof YMap m)) {
      problems.error(resolved.origin(), "the top level of a config file must be a map, not " + resolved.kindDescription(),
          "write key: value pairs at the top level");
      return emptyMap(name);
    }
    SchemaCheck.get().check(kind, m, problems);
    return m;
  }

  private ParsedFile parse(String name, byte[] bytes) {
    CacheProvider.Cache<ParsedFile> cache = settings.cache();
    if (cache == null) {
      return reader.read(name, bytes);
    }
    String key = HexFormat.of().formatHex(Kdf.sha256(name.getBytes(StandardCharsets.UTF_8), new byte[] {0}, bytes));
    ParsedFile hit = cache.getIfPresent(key);
    if (hit != null) {
      return hit;
    }
    ParsedFile parsed = reader.read(name, bytes);
    cache.put(key, parsed);
    return parsed;
  }

  private byte @Nullable [] readBytes(Path p, Problems problems) {
    try {
      long size = Files.size(p);
      if (size > settings.limits().maxFileBytes()) {
        problems.error(Origin.ofFile(display(p)),
            "file is " + size + " bytes, over the limit of " + settings.limits().maxFileBytes() + " bytes",
            "split it into smaller files under config/services/");
        return null;
      }
      return Files.readAllBytes(p);
    } catch (IOException e) {
      problems.error(Origin.ofFile(display(p)), "cannot read file: " + e.getClass().getSimpleName(),
          "check that it exists and is readable");
      return null;
    }
  }

  private static List<Path> listFiles(Path dir, String... suffixes) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            for (String suffix : suffixes) {
              if (n.endsWith(suffix) && !n.startsWith(".")) {
                return true;
              }
            }
            return false;
          })
          .sorted()
          .limit(MAX_FILES)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static YMap emptyMap(String file) {
    return new YMap(new Origin(file, 1, 1, ""), Map.of());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
