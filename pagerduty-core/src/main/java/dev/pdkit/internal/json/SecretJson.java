package dev.pdkit.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.pdkit.Secret;
import java.io.IOException;

/**
 * Jackson (de)serialisers for model fields that hold credentials (an integration key, a calendar
 * feed URL). On the wire the value is a plain string; in memory it is a {@link Secret}, so that a
 * record's {@code toString()} never shows it. Use with {@code @JsonSerialize(using =
 * SecretJson.Serializer.class) @JsonDeserialize(using = SecretJson.Deserializer.class)}.
 */
public final class SecretJson {
  private SecretJson() {}

  /** Writes the clear value: only the SDK's own mapper, sending to PagerDuty, uses this. */
  public static final class Serializer extends StdScalarSerializer<Secret> {
    private static final long serialVersionUID = 1L;

    public Serializer() {
      super(Secret.class);
    }

    @Override
    public void serialize(Secret value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.reveal());
    }
  }

  /** Reads a string; empty or blank reads as null (PagerDuty sends {@code ""} for no key). */
  public static final class Deserializer extends StdScalarDeserializer<Secret> {
    private static final long serialVersionUID = 1L;

    public Deserializer() {
      super(Secret.class);
    }

    @Override
    public @org.jspecify.annotations.Nullable Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      if (text == null || text.isBlank()) {
        return null;
      }
      return Secret.of(text);
    }
  }
}
