package dev.pdkit.backup;

import java.time.Instant;
import java.util.Objects;

/**
 * What a new archive says about itself, known before any record is written: the account it was
 * taken from and when. Stored in the archive's public header and again in its authenticated
 * manifest.
 *
 * @param account the account's subdomain or a label the caller chooses (not secret: it is readable
 *     without a key)
 * @param created when the backup was taken (truncated to milliseconds)
 * @param apiVersion the PagerDuty REST API version the records come from ({@code v2})
 */
public record ArchiveInfo(String account, Instant created, String apiVersion) {
  /** The PagerDuty REST API version pdkit reads. */
  public static final String PAGERDUTY_API_V2 = "v2";

  public ArchiveInfo {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(apiVersion, "apiVersion");
    if (account.isBlank() || account.length() > 200) {
      throw new IllegalArgumentException("archive account label must be 1..200 characters");
    }
    created = created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /** Records from PagerDuty REST API v2. */
  public static ArchiveInfo of(String account, Instant created) {
    return new ArchiveInfo(account, created, PAGERDUTY_API_V2);
  }
}
