package dev.pdkit.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreeJsonTest {
  @Test
  void parseObject_nestedJson_isFrozen() {
    Map<String, Object> m = FreeJson.parseObject("{\"a\":{\"b\":[1,2]},\"c\":null}");
    assertThat(m).containsKeys("a", "c");
    assertThat(m.get("c")).isNull();
    assertThatThrownBy(() -> m.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void parseObject_notAnObject_saysSo() {
    assertThatThrownBy(() -> FreeJson.parseObject("[1]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a JSON object");
    assertThatThrownBy(() -> FreeJson.parseObject("{oops"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a JSON object");
    assertThatThrownBy(() -> FreeJson.parseObject("null"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a JSON object");
  }

  record Pojo(String fieldName, int count) {}

  @Test
  void copy_convertsValuesToJsonShapes() {
    Map<String, Object> m = FreeJson.copy(Map.of("p", new Pojo("x", 2), "l", List.of(1)));
    assertThat(m.get("p")).isEqualTo(Map.of("field_name", "x", "count", 2));
    assertThat(FreeJson.copy(null)).isEmpty();
  }
}
