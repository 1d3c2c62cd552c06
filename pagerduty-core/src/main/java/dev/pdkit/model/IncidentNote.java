package dev.pdkit.model;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A note on an incident.
 *
 * @param id the note id
 * @param user who wrote it ({@code bot_user_reference} when a service did)
 * @param channel how it was created
 * @param content the text
 * @param createdAt when it was written
 * @param updatedAt when it last changed
 */
public record IncidentNote(
    @Nullable String id,
    @Nullable Reference user,
    @Nullable Channel channel,
    String content,
    @Nullable OffsetDateTime createdAt,
    @Nullable OffsetDateTime updatedAt) {
  public IncidentNote {
    Objects.requireNonNull(content, "content");
  }
}
