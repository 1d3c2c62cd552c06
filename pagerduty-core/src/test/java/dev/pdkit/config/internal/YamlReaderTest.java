package dev.pdkit.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.config.ConfigProblem;
import dev.pdkit.config.internal.YNode.YList;
import dev.pdkit.config.internal.YNode.YMap;
import dev.pdkit.config.internal.YNode.YScalar;
import dev.pdkit.config.internal.YamlReader.Limits;
import dev.pdkit.config.internal.YamlReader.ParsedFile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
  final YamlReader reader = new YamlReader(Limits.DEFAULT);

  ParsedFile read(String yaml) {
    return reader.read("f.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void read_aliasBomb_isRefusedWithoutExpanding() {
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        y.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    ParsedFile f = read(y.toString());
    assertThat(f.root()).isNull();
    assertThat(f.problems()).singleElement().satisfies(p -> {
      assertThat(p.message()).startsWith("too many YAML aliases");
      assertThat(p.line()).isZero();
    });
  }

  @Test
  void read_aliasesWithinLimitThatMultiply_areRefusedByNodeBudget() {
    YamlReader small = new YamlReader(new Limits(1_000_000, 100, 64, 1_000_000, 5_000));
    StringBuilder y = new StringBuilder("a0: &a0 [x, x]\n");
    for (int i = 1; i <= 20; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    ParsedFile f = small.read("f.yaml", y.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(f.root()).isNull();
    assertThat(f.problems()).singleElement().satisfies(p ->
        assertThat(p.message()).isEqualTo("aliases expand the document by more than 5000 nodes"));
  }

  @Test
  void read_deepNesting_isRefusedWithPosition() {
    String y = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
    ParsedFile f = read(y);
    assertThat(f.root()).isNull();
    assertThat(f.problems()).singleElement().satisfies(p -> {
      assertThat(p.message()).isEqualTo("YAML nesting is too deep (Nesting Depth exceeded max 64)");
      assertThat(p.file()).isEqualTo("f.yaml");
    });
  }

  @Test
  void read_hugeFile_isRefusedBeforeParsing() {
    YamlReader small = new YamlReader(new Limits(100, 100, 64, 1000, 1000));
    ParsedFile f = small.read("f.yaml", ("a: " + "x".repeat(200)).getBytes(StandardCharsets.UTF_8));
    assertThat(f.root()).isNull();
    assertThat(f.problems()).singleElement().satisfies(p ->
        assertThat(p.message()).isEqualTo("file is 203 bytes, over the limit of 100 bytes"));
  }

  @Test
  void read_totalNodeBudget_isEnforced() {
    YamlReader small = new YamlReader(new Limits(1_000_000, 100, 64, 10, 10));
    ParsedFile f = small.read("f.yaml", "a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]".getBytes(StandardCharsets.UTF_8));
    assertThat(f.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("document has more than 10 nodes"));
  }

  @Test
  void read_invalidUtf8_isRefused() {
    ParsedFile f = reader.read("f.yaml", new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});
    assertThat(f.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("file is not valid UTF-8"));
  }

  @Test
  void read_recursiveAlias_isAnErrorNotAStackOverflow() {
    ParsedFile f = read("a: &x\n  b: *x\n");
    assertThat(f.problems()).extracting(ConfigProblem::message).contains("recursive YAML alias");
  }

  @Test
  void read_mergeKeys_mergeWithExplicitKeysWinning() {
    ParsedFile f = read("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\nmulti:\n  <<: [*b]\n");
    assertThat(f.problems()).isEmpty();
    YMap root = (YMap) f.root();
    YMap item = (YMap) root.get("item");
    assertThat(((YScalar) item.get("x")).text()).isEqualTo("1");
    assertThat(((YScalar) item.get("y")).text()).isEqualTo("3");
    assertThat(((YMap) root.get("multi")).has("x")).isTrue();
    ParsedFile bad = read("a:\n  <<: 3\n");
    assertThat(bad.problems()).extracting(ConfigProblem::message).containsExactly("'<<' must merge a map or a list of maps");
  }

  @Test
  void read_complexKey_isAnError() {
    ParsedFile f = read("? [a, b]\n: 1\n");
    assertThat(f.problems()).extracting(ConfigProblem::message).containsExactly("a map key must be a plain word, not a list");
  }

  @Test
  void read_positions_areOneBased() {
    ParsedFile f = read("a:\n  - x\n  - {k: v}\n");
    YList l = (YList) ((YMap) f.root()).get("a");
    assertThat(l.items().get(1).origin()).isEqualTo(new Origin("f.yaml", 3, 5, "a[1]"));
    assertThat(((YMap) l.items().get(1)).entry("k").keyOrigin()).isEqualTo(new Origin("f.yaml", 3, 6, "a[1].k"));
  }

  @Test
  void read_multipleDocuments_isASyntaxError() {
    ParsedFile f = read("a: 1\n---\nb: 2\n");
    assertThat(f.root()).isNull();
    assertThat(f.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("YAML syntax error"));
  }

  @Test
  void read_emptyDocument_hasNoRootAndNoProblem() {
    ParsedFile f = read("# only a comment\n");
    assertThat(f.root()).isNull();
    assertThat(f.problems()).isEmpty();
  }

  @Test
  void scalars_resolveWithTheYaml12CoreSchema() {
    assertThat(Scalars.resolve("", true)).isNull();
    assertThat(Scalars.resolve("~", true)).isNull();
    assertThat(Scalars.resolve("true", true)).isEqualTo(Boolean.TRUE);
    assertThat(Scalars.resolve("False", true)).isEqualTo(Boolean.FALSE);
    assertThat(Scalars.resolve("no", true)).isEqualTo("no");
    assertThat(Scalars.resolve("+12", true)).isEqualTo(12L);
    assertThat(Scalars.resolve("99999999999999999999", true)).isEqualTo("99999999999999999999");
    assertThat(Scalars.resolve("1.5", true)).isEqualTo(1.5);
    assertThat(Scalars.resolve("09:00", true)).isEqualTo("09:00");
    assertThat(Scalars.resolve(".", true)).isEqualTo(".");
    assertThat(Scalars.resolve("12", false)).isEqualTo("12");
  }

  @Test
  void substitution_handlesDefaultsEmptyEscapesAndMalformed() {
    Problems p = new Problems();
    Substitution s = new Substitution(Map.of("A", "x", "E", "")::get, p);
    YMap in = (YMap) read("a: ${A}-${B:-dflt}-${E:-e}-$${A}\nb: \"${A}\"\nn: ${N:-7}\nbad: ${oops\n").root();
    YMap out = (YMap) s.apply(in);
    assertThat(((YScalar) out.get("a")).value()).isEqualTo("x-dflt-e-${A}");
    assertThat(((YScalar) out.get("b")).value()).isEqualTo("x");
    assertThat(((YScalar) out.get("n")).value()).isEqualTo(7L);
    assertThat(p.list()).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("malformed variable reference (expected ${NAME} or ${NAME:-default})");
      assertThat(e.line()).isEqualTo(4);
    });
  }

  @Test
  void problems_capAtTheLimit() {
    Problems p = new Problems();
    for (int i = 0; i < Problems.MAX_PROBLEMS + 5; i++) {
      p.error(new Origin("f", i + 1, 1, ""), "m" + i, null);
    }
    assertThat(p.list()).hasSize(Problems.MAX_PROBLEMS + 1);
    assertThat(p.list().get(Problems.MAX_PROBLEMS).message()).contains("stopped counting");
  }

  @Test
  void levenshtein_suggestsOnlyCloseWords() {
    assertThat(Levenshtein.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Levenshtein.closest("servics", java.util.List.of("services", "users"))).isEqualTo("services");
    assertThat(Levenshtein.closest("zzz", java.util.List.of("services"))).isNull();
    assertThat(Levenshtein.closest("x".repeat(300), java.util.List.of("x"))).isNull();
  }
}
