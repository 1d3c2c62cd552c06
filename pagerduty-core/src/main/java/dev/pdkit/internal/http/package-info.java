/**
 * HTTP transport over {@code java.net.http}: authentication headers, JSON, retries, rate limits,
 * metrics. Internal: no compatibility promise; public API lives in {@code dev.pdkit.rest} and
 * {@code dev.pdkit.events}.
 *
 * <h2>How other core packages use it</h2>
 *
 * <ul>
 *   <li><b>Getting the transport.</b> {@code dev.pdkit.PagerDuty} builds one
 *       {@link dev.pdkit.internal.ClientContext} per client and passes it to resource constructors
 *       (see the marked blocks "resource fields" / "resource construction" / "resource accessors"
 *       in {@code PagerDuty}). {@code ctx.transport()} is the {@link HttpTransport};
 *       {@code ctx.settings()} the {@link TransportSettings} (URLs, default From, limits);
 *       {@code ctx.cache()}, {@code ctx.clock()}, {@code ctx.metrics()}, {@code ctx.executor()}.
 *       Tests get a client's context with {@code dev.pdkit.internal.ClientHooks.context(pd)}.
 *   <li><b>Requests.</b> {@code ApiRequest.builder("GET", "/services/" + ApiRequest.segment(id))
 *       .endpoint("GET /services/{id}").query("include[]", "teams").build()}; write operations that
 *       PagerDuty documents as needing {@code From} set {@code .requiresFrom(true)} (a missing From
 *       fails before sending with a {@code ValidationException} naming field {@code From});
 *       {@code .from(email)} overrides per call. POST is non-idempotent unless
 *       {@code .idempotent(true)} (e.g. an Events trigger with a dedup key).
 *   <li><b>Events.</b> {@code .api(ApiRequest.Api.EVENTS)} with path {@code /v2/enqueue} goes to the
 *       Events URL without an Authorization header; pass
 *       {@code .rateLimitBucket("events:" + routingKey.fingerprint())}: the bucket's limit is
 *       {@code settings.eventsLimit()} (120/min default). A {@code byte[]} body is sent as-is
 *       (pre-serialised JSON, e.g. from the outbox); any other body is written with
 *       {@code dev.pdkit.internal.json.Json}. {@code routing_key} values are redacted from logs.
 *   <li><b>Responses.</b> {@code transport.send(req)} completes with an {@link ApiResponse} for 2xx
 *       ({@code json()}, {@code as(Type.class)}, {@code member("service", Service.class)}), or
 *       exceptionally with a {@code dev.pdkit.errors} exception: {@code ApiException} subclasses per
 *       status ({@code NotFoundException}, {@code RateLimitedException}, ...),
 *       {@code TransportException}, {@code DecodingException}, {@code ValidationException}.
 *       Blocking twins use {@code dev.pdkit.internal.Futures.sync(() -> fooAsync(...))}, which
 *       rethrows the cause and lets the transport do the exchange on the waiting thread.
 *   <li><b>Pagination.</b> {@code dev.pdkit.internal.rest.Pagers.offset(ctx.transport(), baseRequest,
 *       "services", Pagers.decoder(Service.class))} returns a lazy {@code dev.pdkit.rest.Paginated};
 *       {@code Pagers.cursor(...)} a {@code CursorPaginated}. The base request may carry any filter,
 *       including its own {@code since}/{@code until} window, so time-window splitting builds one
 *       pager per sub-window; {@code Pagers.fetchOffset(...)} fetches a single page (ask
 *       {@code total=true} to learn a window's size). Going past offset 10,000 throws
 *       {@code dev.pdkit.errors.PaginationCapException}.
 * </ul>
 */
@NullMarked
package dev.pdkit.internal.http;

import org.jspecify.annotations.NullMarked;
