package dev.pdkit.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LenientTimesTest {

  @ParameterizedTest
  @CsvSource({
    "2015-07-17T08:42:58.315+0000, 2015-07-17T08:42:58.315Z",
    "2015-07-17T08:42:58Z, 2015-07-17T08:42:58Z",
    "2015-07-17T01:42:58-07:00, 2015-07-17T08:42:58Z",
    "2015-07-17T01:42:58-07, 2015-07-17T08:42:58Z",
    "2015-07-17, 2015-07-17T00:00:00Z",
    "2015-07-17T08:42, 2015-07-17T08:42:00Z",
  })
  void parse_pagerDutyVariants_giveSameInstant(String text, String expectedUtc) {
    assertThat(LenientTimes.parse(text).toInstant())
        .isEqualTo(OffsetDateTime.parse(expectedUtc).toInstant());
  }

  @Test
  void parse_keepsTheOffsetItWasGiven() {
    assertThat(LenientTimes.parse("2026-01-05T09:00:00+01:00").getOffset())
        .isEqualTo(ZoneOffset.ofHours(1));
  }

  @Test
  void parse_garbage_throws() {
    assertThatThrownBy(() -> LenientTimes.parse("yesterday"))
        .isInstanceOf(DateTimeParseException.class);
    assertThat(LenientTimes.tryParse("yesterday")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "2026-01-05T08:00:00Z",
    "2026-01-05T08:00:00z",
    "2026-11-28T23:59:59.5Z",
    "2026-11-28T23:59:59.123456789Z",
    "2026-11-28T01:02:03.004+05:30",
    "2026-11-28T01:02:03-07:00",
    "2024-02-29T12:00:00+00:00",
  })
  void parse_canonicalForms_fastPathAgreesWithTheFormatter(String text) {
    OffsetDateTime fast = LenientTimes.parseCanonical(text);
    assertThat(fast).isNotNull().isEqualTo(LenientTimes.parseWithFormatter(text));
    assertThat(LenientTimes.parse(text)).isEqualTo(fast);
  }

  @ParameterizedTest
  @CsvSource({
    "2026-02-30T08:00:00Z",
    "2026-01-05T25:00:00Z",
    "2026-01-05t08:00:00Z",
    "2026-01-05T08:00:00.Z",
    "2026-01-05T08:00:00.1234567891Z",
    "2026-01-05T08:00:00+0100",
    "2026-01-05T08:00:00+01",
    "2026-01-05T08:00:00",
    "2026-01-05T08:00:00+19:00",
    "2026-1-05T08:00:00Z",
  })
  void parse_otherForms_leftToTheFormatter(String text) {
    assertThat(LenientTimes.parseCanonical(text)).isNull();
  }

  record Stamp(OffsetDateTime createdAt) {}

  @Test
  void mapper_readsSnakeCaseAndLenientTimes() throws Exception {
    Stamp s = Json.mapper().readValue("{\"created_at\":\"2015-07-17T08:42:58.315+0000\",\"x\":1}",
        Stamp.class);
    assertThat(s.createdAt().toInstant())
        .isEqualTo(OffsetDateTime.parse("2015-07-17T08:42:58.315Z").toInstant());
  }
}
