package dev.pdkit.rest;

import dev.pdkit.model.OnCall;

/** Who is on call, as PagerDuty computes it, {@code pd.oncalls()}. Thread-safe. */
public interface OnCalls {

  /** {@code GET /oncalls}: who is on call now, lazily. */
  default Paginated<OnCall> list() {
    return list(OnCallQuery.none());
  }

  /** {@code GET /oncalls} with filters. */
  Paginated<OnCall> list(OnCallQuery query);
}
