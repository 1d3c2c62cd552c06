package dev.pdkit.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkersTest {

  @Test
  void describe_withDescription_appendsMarkerAfterBlankLine() {
    assertThat(Markers.describe(" Payments ", "prod", "checkout-api"))
        .isEqualTo("Payments\n\n[pdkit:env=prod;key=checkout-api]");
  }

  @Test
  void describe_withoutDescription_isMarkerOnly() {
    assertThat(Markers.describe(null, "prod", "k")).isEqualTo("[pdkit:env=prod;key=k]");
    assertThat(Markers.describe("  ", "prod", "k")).isEqualTo("[pdkit:env=prod;key=k]");
  }

  @Test
  void parse_roundTripsAndIgnoresForeignDescriptions() {
    assertThat(Markers.parse(Markers.describe("x", "staging", "a/b")))
        .isEqualTo(new Markers.Marker("staging", "a/b"));
    assertThat(Markers.parse("made by hand")).isNull();
    assertThat(Markers.parse(null)).isNull();
    assertThat(Markers.parse("[pdkit:env=e;key=k] but edited after")).isNull();
  }

  @Test
  void strip_removesMarkerAndBlanks_nullWhenNothingLeft() {
    assertThat(Markers.strip("Payments\n\n[pdkit:env=prod;key=k]\n")).isEqualTo("Payments");
    assertThat(Markers.strip("[pdkit:env=prod;key=k]")).isNull();
    assertThat(Markers.strip(null)).isNull();
    assertThat(Markers.strip("plain")).isEqualTo("plain");
  }
}
