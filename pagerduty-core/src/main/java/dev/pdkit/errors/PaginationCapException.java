package dev.pdkit.errors;

/**
 * Classic (offset) pagination cannot go further: PagerDuty refuses {@code offset + limit} above
 * {@value #OFFSET_CAP}. Narrow the query (a shorter {@code since}/{@code until} window, more
 * filters) so that it matches fewer items. Thrown before the refused request is sent.
 */
public class PaginationCapException extends PagerDutyException {
  private static final long serialVersionUID = 1L;

  /** PagerDuty's cap on {@code offset + limit} for classic pagination. */
  public static final int OFFSET_CAP = 10_000;

  private final String endpoint;
  private final int offset;

  public PaginationCapException(String endpoint, int offset, int limit) {
    super(endpoint + ": cannot read past item " + OFFSET_CAP + " (offset " + offset + " + limit "
        + limit + " exceeds PagerDuty's offset cap of " + OFFSET_CAP + "); narrow the query with"
        + " filters or a shorter since/until window so that it matches fewer items");
    this.endpoint = endpoint;
    this.offset = offset;
  }

  /** The operation being paged, e.g. {@code GET /incidents}. */
  public String endpoint() {
    return endpoint;
  }

  /** The offset that could not be requested. */
  public int offset() {
    return offset;
  }
}
