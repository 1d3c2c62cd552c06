package dev.pdkit.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pdkit.config.internal.YNode.Entry;
import dev.pdkit.config.internal.YNode.YList;
import dev.pdkit.config.internal.YNode.YMap;
import dev.pdkit.config.internal.YNode.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of overlay merging. */
class OverlayPropertiesTest {
  static final Origin O = new Origin("t.yaml", 1, 1, "");

  static YMap map(Map<String, YNode> m) {
    Map<String, Entry> e = new LinkedHashMap<>();
    m.forEach((k, v) -> e.put(k, new Entry(O, v)));
    return new YMap(O, e);
  }

  static YScalar scalar(Object v) {
    return new YScalar(O, String.valueOf(v), true, v);
  }

  @Provide
  Arbitrary<YNode> keyed() {
    return keyedList(1);
  }

  @Provide
  Arbitrary<YMap> trees() {
    return tree(3);
  }

  Arbitrary<YMap> tree(int depth) {
    Arbitrary<YNode> value = depth == 0
        ? scalars()
        : Arbitraries.oneOf(scalars(), tree(depth - 1).map(m -> (YNode) m), keyedList(depth - 1), plainList());
    return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d"), value).ofMaxSize(4).map(OverlayPropertiesTest::map);
  }

  Arbitrary<YNode> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMaxLength(3).map(s -> (YNode) scalar(s)),
        Arbitraries.longs().between(0, 9).map(l -> (YNode) scalar(l)),
        Arbitraries.just(new YScalar(O, "null", true, null)));
  }

  Arbitrary<YNode> plainList() {
    return scalars().list().ofMaxSize(3).map(l -> new YList(O, l));
  }

  Arbitrary<YNode> keyedList(int depth) {
    Arbitrary<YMap> item = Combinators.combine(Arbitraries.of("k1", "k2", "k3", "k4"), tree(Math.max(0, depth - 1)))
        .as((k, body) -> {
          Map<String, YNode> m = new LinkedHashMap<>();
          m.put("key", scalar(k));
          body.entries().forEach((bk, be) -> m.putIfAbsent(bk, be.value()));
          return map(m);
        });
    return item.list().ofMaxSize(4).uniqueElements(i -> Overlay.idOf(i, "key")).map(l -> new YList(O, new ArrayList<>(l)));
  }

  static String json(YNode n) {
    return SchemaCheck.toJson(n).toString();
  }

  @Property(tries = 200)
  void merge_withEmptyOverlay_isIdentity(@ForAll("trees") YMap base) {
    assertThat(json(Overlay.merge(base, map(Map.of())))).isEqualTo(json(base));
  }

  @Property(tries = 200)
  void merge_ontoEmptyBase_givesTheOverlay(@ForAll("trees") YMap over) {
    assertThat(json(Overlay.merge(map(Map.of()), over))).isEqualTo(json(over));
  }

  @Property(tries = 200)
  void merge_withItself_isIdempotent(@ForAll("trees") YMap t) {
    assertThat(json(Overlay.merge(t, t))).isEqualTo(json(t));
  }

  @Property(tries = 200)
  void merge_keyedLists_keepBaseKeysInOrderThenAddNewOnes(
      @ForAll("keyed") YNode a, @ForAll("keyed") YNode b) {
    YList la = (YList) a;
    YList lb = (YList) b;
    YMap merged = (YMap) Overlay.merge(map(Map.of("l", la)), map(Map.of("l", lb)));
    List<String> keys = keys((YList) merged.get("l"));
    Set<String> expected = new LinkedHashSet<>(keys(la));
    if (la.items().isEmpty()) {
      expected.clear(); // an empty base list is replaced by the overlay
    }
    expected.addAll(keys(lb));
    assertThat(keys).containsExactlyElementsOf(expected);
    // and the overlay's values win for every key it sets
    for (YNode item : lb.items()) {
      YMap overItem = (YMap) item;
      YMap mergedItem = ((YList) merged.get("l")).items().stream().map(YMap.class::cast)
          .filter(i -> Overlay.idOf(i, "key").equals(Overlay.idOf(overItem, "key"))).findFirst().orElseThrow();
      overItem.entries().forEach((k, e) -> {
        if (e.value() instanceof YScalar) {
          assertThat(json(mergedItem.get(k))).isEqualTo(json(e.value()));
        }
      });
    }
    assertThat(a).isNotNull();
    assertThat(b).isNotNull();
  }

  @Property(tries = 200)
  void merge_scalarsInOverlay_alwaysWin(@ForAll("trees") YMap base, @ForAll("trees") YMap over) {
    YMap merged = (YMap) Overlay.merge(base, over);
    over.entries().forEach((k, e) -> {
      if (e.value() instanceof YScalar) {
        assertThat(json(merged.get(k))).isEqualTo(json(e.value()));
      }
    });
    base.entries().keySet().forEach(k -> assertThat(merged.has(k)).isTrue());
  }

  static List<String> keys(YList l) {
    List<String> out = new ArrayList<>();
    l.items().forEach(i -> out.add(Overlay.idOf(i, "key")));
    return out;
  }
}
