package dev.pdkit.internal.rest;

import static dev.pdkit.internal.rest.Requests.request;
import static dev.pdkit.internal.rest.Requests.time;

import dev.pdkit.internal.ClientContext;
import dev.pdkit.internal.http.ApiRequest;
import dev.pdkit.model.AuditRecord;
import dev.pdkit.rest.AuditRecordQuery;
import dev.pdkit.rest.AuditRecords;
import dev.pdkit.rest.CursorPaginated;
import java.util.Objects;

/** {@link AuditRecords} over the client's transport. */
public final class AuditRecordsImpl implements AuditRecords {
  static final int PAGE_SIZE = 100;
  private final ClientContext ctx;

  public AuditRecordsImpl(ClientContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public CursorPaginated<AuditRecord> list(AuditRecordQuery query) {
    Objects.requireNonNull(query, "query");
    ApiRequest.Builder b = request("GET", "/audit/records")
        .queryAll("root_resource_types[]", query.rootResourceTypes());
    return cursor(b, query);
  }

  @Override
  public CursorPaginated<AuditRecord> forResource(
      ResourceType type, String id, AuditRecordQuery query) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(query, "query");
    if (!query.rootResourceTypes().isEmpty()) {
      throw new IllegalArgumentException(
          "rootResourceTypes only applies to the account-wide audit trail");
    }
    return cursor(request("GET", "/" + type.pathSegment() + "/{id}/audit/records", id), query);
  }

  private CursorPaginated<AuditRecord> cursor(ApiRequest.Builder b, AuditRecordQuery q) {
    ApiRequest base = b.query("since", time(q.since()))
        .query("until", time(q.until()))
        .queryAll("actions[]", q.actions())
        .query("actor_type", q.actorType())
        .query("actor_id", q.actorId())
        .query("method_type", q.methodType())
        .build();
    return Pagers.cursor(ctx.transport(), base, "records", Pagers.decoder(AuditRecord.class),
        PAGE_SIZE);
  }
}
