package dev.pdkit.rest;

import dev.pdkit.model.AuditRecord;
import java.util.Locale;

/**
 * The audit trail, newest first, {@code pd.auditRecords()} (cursor pagination; the account-wide
 * list needs an admin or account token and a plan with the feature, else 402). Thread-safe.
 */
public interface AuditRecords {

  /** Resources that have their own audit trail. */
  enum ResourceType {
    ESCALATION_POLICIES,
    SCHEDULES,
    SERVICES,
    TEAMS,
    USERS;

    /** The path segment, e.g. {@code escalation_policies}. */
    public String pathSegment() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code GET /audit/records}: the last 24 hours, lazily. */
  default CursorPaginated<AuditRecord> list() {
    return list(AuditRecordQuery.none());
  }

  /** {@code GET /audit/records} with filters. */
  CursorPaginated<AuditRecord> list(AuditRecordQuery query);

  /** {@code GET /{type}/{id}/audit/records}: the trail of one object. */
  CursorPaginated<AuditRecord> forResource(ResourceType type, String id, AuditRecordQuery query);
}
