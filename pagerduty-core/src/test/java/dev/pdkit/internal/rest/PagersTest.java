package dev.pdkit.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdkit.errors.DecodingException;
import dev.pdkit.internal.http.ApiResponse;
import dev.pdkit.model.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PagersTest {
  private static final String BODY = "{\"meta\":{\"incidents\":[{\"id\":\"NOT-ME\"}]},"
      + "\"incidents\":[{\"id\":\"P1\",\"type\":\"incident_reference\",\"extra\":{\"a\":[1,2]}},"
      + "null,{\"id\":\"P2\",\"type\":\"incident_reference\",\"summary\":\"two\"}],"
      + "\"limit\":25,\"offset\":0,\"more\":true,\"total\":null,\"next_cursor\":\"abc\","
      + "\"tags\":[\"x\"]}";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decodePage_typedDecoder_streamsTheSameItemsAndScalarsAsTheTree() {
    Pagers.PageBody<Reference> streamed = Pagers.decodePage(bytes(BODY), "incidents",
        "GET /incidents", Pagers.decoder(Reference.class));
    Function<JsonNode, Reference> viaTree = n -> Pagers.decoder(Reference.class).apply(n);
    Pagers.PageBody<Reference> tree = Pagers.decodePage(bytes(BODY), "incidents",
        "GET /incidents", viaTree);

    assertThat(streamed.items()).containsExactlyElementsOf(tree.items());
    assertThat(streamed.items()).extracting(r -> r == null ? null : r.id())
        .containsExactly("P1", null, "P2");
    for (String scalar : List.of("limit", "offset", "more", "total", "next_cursor")) {
      assertThat(streamed.scalars().path(scalar)).as(scalar)
          .isEqualTo(tree.scalars().path(scalar));
    }
    assertThat(streamed.scalars().path("more").asBoolean()).isTrue();
    assertThat(streamed.scalars().path("total").isNull()).isTrue();
  }

  @Test
  void decodePage_noSuchArray_namesTheEndpointAndMember() {
    assertThatThrownBy(() -> Pagers.decodePage(bytes("{\"incidents\":{}}"), "incidents",
        "GET /incidents", Pagers.decoder(Reference.class)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("GET /incidents: the response has no 'incidents' array");
    assertThatThrownBy(() -> Pagers.decodePage(new byte[0], "incidents", "GET /incidents",
        Pagers.decoder(Reference.class)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("no 'incidents' array");
  }

  @Test
  void decodePage_badItemOrBadJson_isADecodingException() {
    assertThatThrownBy(() -> Pagers.decodePage(bytes("{\"incidents\":[{\"type\":\"x\"}]}"),
        "incidents", "GET /incidents", Pagers.decoder(Reference.class)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("as Reference");
    assertThatThrownBy(() -> Pagers.decodePage(bytes("{\"incidents\":[{\"id\":"), "incidents",
        "GET /incidents", Pagers.decoder(Reference.class)))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void member_streamsToTheWrappedEntity() {
    ApiResponse r = new ApiResponse(200, Map.of(), bytes("{\"other\":{\"incident\":1},"
        + "\"incident\":{\"id\":\"P9\",\"type\":\"incident\"},\"after\":[1]}"));
    assertThat(r.member("incident", Reference.class).id()).isEqualTo("P9");

    ApiResponse missing = new ApiResponse(200, Map.of(), bytes("{\"incident\":null}"));
    assertThatThrownBy(() -> missing.member("incident", Reference.class))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("response has no 'incident' member");
  }
}
