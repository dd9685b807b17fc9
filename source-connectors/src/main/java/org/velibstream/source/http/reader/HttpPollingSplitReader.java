package org.velibstream.source.http.reader;

import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.HttpPollingSourceOptions;
import org.velibstream.source.http.PolledResponse;
import org.velibstream.source.http.auth.AuthenticationException;
import org.velibstream.source.http.auth.Authorizer;
import org.velibstream.source.http.split.HttpEndpointSplit;

/**
 * Polls all endpoints assigned to one reader with one asynchronous HTTP client, which this class creates and closes.
 *
 * <p>{@link #fetch()} runs on the fetcher thread owned by Flink's fetcher manager: it starts the polls that are due,
 * then waits for the first completion, the next due time or a wake-up, whichever comes first. Exchanges run
 * concurrently on the client's I/O thread, so a slow endpoint delays nobody else. Completions come back through a
 * queue; every completed poll becomes one {@link PollOutcome} for the record emitter.
 *
 * <p>Scheduling is per endpoint: after a success the next poll starts one poll interval after the previous one
 * started; after a failure it waits for the exponential backoff or the server's Retry-After, whichever is longer.
 * A failure streak is logged when it starts and when it ends, not at each poll.
 */
public final class HttpPollingSplitReader implements SplitReader<PollOutcome, HttpEndpointSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPollingSplitReader.class);

    /** A server may not park an endpoint for longer than this with Retry-After. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private static final int MAX_CONNECTIONS_TOTAL = 1024;
    private static final Completion WAKE_UP = new Completion("", -1, null, null);

    private final HttpPollingSourceOptions options;
    private final HttpPollingMetrics metrics;
    private final Clock clock;
    private final ExponentialBackoff backoff;
    private final CloseableHttpAsyncClient client;
    private final Authorizer authorizer;
    private final Map<String, PolledEndpoint> endpoints = new LinkedHashMap<>();
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final Set<String> paused = new HashSet<>();
    private final Set<String> finishedOnArrival = new HashSet<>();

    public HttpPollingSplitReader(HttpPollingSourceOptions options, HttpPollingMetrics metrics, Clock clock) {
        this.options = options;
        this.metrics = metrics;
        this.clock = clock;
        this.backoff = new ExponentialBackoff(options.initialBackoff(), options.maxBackoff());
        this.client = createClient(options.requestTimeout(), options.maxConnectionsPerHost());
        this.client.start();
        this.authorizer = options.authentication().createAuthorizer(client, clock);
    }

    private static CloseableHttpAsyncClient createClient(Duration requestTimeout, int maxConnectionsPerHost) {
        Timeout timeout = Timeout.of(requestTimeout);
        return HttpAsyncClients.custom()
                // TLS uses the JVM's trust store with hostname verification: certificates are always checked.
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .setMaxConnPerRoute(maxConnectionsPerHost)
                        .setMaxConnTotal(Math.max(maxConnectionsPerHost, MAX_CONNECTIONS_TOTAL))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                // Retries and their pacing are this class's job; the client must not retry 429/503 on its own.
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<HttpEndpointSplit> splitsChange) {
        if (!(splitsChange instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "Unsupported splits change " + splitsChange.getClass().getSimpleName());
        }
        Instant now = clock.instant();
        for (HttpEndpointSplit split : splitsChange.splits()) {
            if (options.stopAfterPolls() != null && split.polls() >= options.stopAfterPolls()) {
                // Restored from a checkpoint taken after its last poll was emitted but before it was reported done.
                finishedOnArrival.add(split.splitId());
                continue;
            }
            endpoints.put(split.splitId(), new PolledEndpoint(split, now));
            metrics.forEndpoint(split.splitId());
            LOG.info("Polling {}", split.endpoint());
        }
    }

    /** Used by watermark alignment: a paused endpoint finishes its poll under way but starts no new one. */
    @Override
    public void pauseOrResumeSplits(
            Collection<HttpEndpointSplit> splitsToPause, Collection<HttpEndpointSplit> splitsToResume) {
        splitsToPause.forEach(split -> paused.add(split.splitId()));
        splitsToResume.forEach(split -> paused.remove(split.splitId()));
    }

    @Override
    public RecordsWithSplitIds<PollOutcome> fetch() {
        RecordsBySplits.Builder<PollOutcome> outcomes = new RecordsBySplits.Builder<>();
        if (!finishedOnArrival.isEmpty()) {
            outcomes.addFinishedSplits(finishedOnArrival);
            finishedOnArrival.clear();
            return outcomes.build();
        }
        boolean any = false;
        while (!any) {
            Instant now = clock.instant();
            startDuePolls(now);
            any = timeOutOverduePolls(now, outcomes);
            if (any) {
                break;
            }
            Completion completion;
            try {
                completion = completions.poll(millisUntilNextEvent(now), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            while (completion != null) {
                if (completion == WAKE_UP) {
                    return outcomes.build();
                }
                any |= handle(completion, outcomes);
                completion = completions.poll();
            }
            if (endpoints.isEmpty()) {
                break;
            }
        }
        return outcomes.build();
    }

    @Override
    public void wakeUp() {
        completions.add(WAKE_UP);
    }

    @Override
    public void close() {
        // Cancelled first so that no exchange is torn down half-way by the reactor shutting down.
        endpoints.values().stream()
                .filter(endpoint -> endpoint.inFlight != null)
                .forEach(endpoint -> endpoint.inFlight.cancel());
        client.close(CloseMode.GRACEFUL);
    }

    private void startDuePolls(Instant now) {
        for (PolledEndpoint endpoint : endpoints.values()) {
            if (endpoint.inFlight == null
                    && !now.isBefore(endpoint.nextPollAt)
                    && !endpoint.pollLimitReached()
                    && !paused.contains(endpoint.id())) {
                start(endpoint, now);
            }
        }
    }

    private void start(PolledEndpoint endpoint, Instant now) {
        InFlight inFlight = new InFlight(++endpoint.attempts, now, now.plus(options.requestTimeout()));
        endpoint.inFlight = inFlight;
        String id = endpoint.id();
        authorizer.authorization().whenComplete((authorization, failure) -> {
            if (failure != null) {
                completions.add(new Completion(id, inFlight.attempt, null, unwrap(failure)));
                return;
            }
            FutureCallback<CappedBodyConsumer.Response> callback = new FutureCallback<>() {
                @Override
                public void completed(CappedBodyConsumer.Response response) {
                    completions.add(new Completion(id, inFlight.attempt, response, null));
                }

                @Override
                public void failed(Exception e) {
                    completions.add(new Completion(id, inFlight.attempt, null, e));
                }

                @Override
                public void cancelled() {
                    completions.add(new Completion(id, inFlight.attempt, null, new CancellationException()));
                }
            };
            try {
                inFlight.setExchange(client.execute(
                        SimpleRequestProducer.create(request(endpoint, authorization)),
                        new CappedBodyConsumer(options.maxBodyBytes()),
                        callback));
            } catch (RuntimeException e) {
                // For example a header value the client rejects: a failed poll, not a poll stuck until its timeout.
                completions.add(new Completion(id, inFlight.attempt, null, e));
            }
        });
    }

    private SimpleHttpRequest request(PolledEndpoint endpoint, Optional<String> authorization) {
        SimpleRequestBuilder request = SimpleRequestBuilder.get(endpoint.endpoint.uri());
        request.setHeader(HttpHeaders.USER_AGENT, options.userAgent());
        options.headers().forEach(request::setHeader);
        endpoint.endpoint.headers().forEach(request::setHeader);
        authorization.ifPresent(value -> request.setHeader(HttpHeaders.AUTHORIZATION, value));
        if (endpoint.etag != null) {
            request.setHeader(HttpHeaders.IF_NONE_MATCH, endpoint.etag);
        }
        if (endpoint.lastModified != null) {
            request.setHeader(HttpHeaders.IF_MODIFIED_SINCE, endpoint.lastModified);
        }
        return request.build();
    }

    private boolean timeOutOverduePolls(Instant now, RecordsBySplits.Builder<PollOutcome> outcomes) {
        boolean any = false;
        for (PolledEndpoint endpoint : endpoints.values().toArray(PolledEndpoint[]::new)) {
            InFlight inFlight = endpoint.inFlight;
            if (inFlight != null && !now.isBefore(inFlight.deadline)) {
                inFlight.cancel();
                any |= handle(
                        new Completion(
                                endpoint.id(),
                                inFlight.attempt,
                                null,
                                new TimeoutException("no complete response within " + options.requestTimeout())),
                        outcomes);
            }
        }
        return any;
    }

    private long millisUntilNextEvent(Instant now) {
        Instant next = now.plusSeconds(1);
        for (PolledEndpoint endpoint : endpoints.values()) {
            Instant candidate = endpoint.inFlight != null
                    ? endpoint.inFlight.deadline
                    : endpoint.pollLimitReached() || paused.contains(endpoint.id()) ? next : endpoint.nextPollAt;
            if (candidate.isBefore(next)) {
                next = candidate;
            }
        }
        return Math.max(0, Duration.between(now, next).toMillis());
    }

    /** Turns a completion into an outcome, reschedules its endpoint; returns false for a stale completion. */
    private boolean handle(Completion completion, RecordsBySplits.Builder<PollOutcome> outcomes) {
        PolledEndpoint endpoint = endpoints.get(completion.endpointId);
        if (endpoint == null || endpoint.inFlight == null || endpoint.inFlight.attempt != completion.attempt) {
            return false; // The answer to a poll that already timed out.
        }
        Instant now = clock.instant();
        Instant startedAt = endpoint.inFlight.startedAt;
        endpoint.inFlight = null;
        HttpPollingMetrics.EndpointMetrics endpointMetrics = metrics.forEndpoint(endpoint.id());
        endpointMetrics.polled(Duration.between(startedAt, now).toMillis());

        PollOutcome outcome = completion.response != null
                ? classify(endpoint, completion.response, startedAt, now)
                : failed(endpoint, completion.failure, startedAt);
        boolean finished = outcome instanceof PollOutcome.EndOfSequence || endpoint.pollLimitReached();
        if (outcome instanceof PollOutcome.Failed failed) {
            onFailure(endpoint, failed, completion.response, now, finished);
        } else {
            onSuccess(endpoint, completion.response, startedAt, now);
        }
        outcomes.add(endpoint.id(), outcome);
        if (finished) {
            LOG.info(
                    "Endpoint {} finished after {} polls ({})",
                    endpoint.id(),
                    endpoint.attempts,
                    outcome instanceof PollOutcome.EndOfSequence end
                            ? "end-of-sequence status " + end.statusCode()
                            : "poll limit reached");
            outcomes.addFinishedSplit(endpoint.id());
            endpoints.remove(endpoint.id());
        }
        return true;
    }

    private PollOutcome classify(
            PolledEndpoint endpoint, CappedBodyConsumer.Response response, Instant startedAt, Instant now) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String etag = response.header("etag");
            String lastModified = response.header("last-modified");
            PolledResponse polled = new PolledResponse(
                    endpoint.id(), endpoint.endpoint.uri(), status, response.headers(), response.body(), now);
            return new PollOutcome.Fetched(polled, etag, lastModified, sha256(response.body()));
        }
        if (status == 304) {
            return new PollOutcome.NotModified(response.header("etag"), response.header("last-modified"), now);
        }
        if (options.endOfSequenceStatuses().contains(status)) {
            return new PollOutcome.EndOfSequence(status);
        }
        if (status == 429) {
            return endpoint.failed(FailureKind.RATE_LIMITED, "HTTP 429", startedAt);
        }
        if (status == 401) {
            authorizer.invalidate();
        }
        FailureKind kind = status >= 400 && status < 500 ? FailureKind.HTTP_4XX : FailureKind.HTTP_5XX;
        return endpoint.failed(kind, "HTTP " + status, startedAt);
    }

    private static PollOutcome.Failed failed(PolledEndpoint endpoint, Throwable failure, Instant startedAt) {
        FailureKind kind;
        if (failure instanceof BodyTooLargeException) {
            kind = FailureKind.TOO_LARGE;
        } else if (failure instanceof AuthenticationException) {
            kind = FailureKind.AUTH;
        } else if (failure instanceof TimeoutException
                || failure instanceof SocketTimeoutException
                || failure instanceof ConnectionRequestTimeoutException
                || failure instanceof ConnectTimeoutException) {
            kind = FailureKind.TIMEOUT;
        } else {
            kind = FailureKind.CONNECT;
        }
        return endpoint.failed(kind, failure.getClass().getSimpleName() + ": " + failure.getMessage(), startedAt);
    }

    private void onSuccess(
            PolledEndpoint endpoint, CappedBodyConsumer.Response response, Instant startedAt, Instant now) {
        HttpPollingMetrics.EndpointMetrics endpointMetrics = metrics.forEndpoint(endpoint.id());
        endpointMetrics.succeeded(response.body().length);
        if (response.statusCode() == 304) {
            endpointMetrics.notModified();
            endpoint.etag = Optional.ofNullable(response.header("etag")).orElse(endpoint.etag);
            endpoint.lastModified =
                    Optional.ofNullable(response.header("last-modified")).orElse(endpoint.lastModified);
        } else {
            endpoint.etag = response.header("etag");
            endpoint.lastModified = response.header("last-modified");
        }
        if (endpoint.consecutiveFailures > 0) {
            LOG.info(
                    "Endpoint {} recovered after {} failed polls over {}",
                    endpoint.id(),
                    endpoint.consecutiveFailures,
                    Duration.between(endpoint.failingSince, now));
            endpoint.consecutiveFailures = 0;
            endpoint.failingSince = null;
        }
        Instant next = startedAt.plus(endpoint.endpoint.pollInterval());
        endpoint.nextPollAt = next.isBefore(now) ? now : next;
    }

    private void onFailure(
            PolledEndpoint endpoint,
            PollOutcome.Failed failed,
            @Nullable CappedBodyConsumer.Response response,
            Instant now,
            boolean finished) {
        endpoint.consecutiveFailures = failed.consecutiveFailures();
        metrics.forEndpoint(endpoint.id()).failed(failed.kind(), endpoint.consecutiveFailures);
        Duration delay = backoff.delayAfter(
                endpoint.consecutiveFailures, ThreadLocalRandom.current().nextDouble());
        Optional<Duration> retryAfter =
                response == null ? Optional.empty() : RetryAfter.parse(response.header("retry-after"), now);
        if (retryAfter.isPresent()) {
            Duration honoured = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            if (honoured.compareTo(delay) > 0) {
                delay = honoured;
            }
        }
        endpoint.nextPollAt = now.plus(delay);
        if (finished) {
            LOG.warn(
                    "Endpoint {} ({}): its last poll failed: {} ({})",
                    endpoint.id(),
                    endpoint.endpoint.uri(),
                    failed.kind().metricName(),
                    failed.reason());
        } else if (endpoint.consecutiveFailures == 1) {
            endpoint.failingSince = now;
            LOG.warn(
                    "Endpoint {} ({}) is failing: {} ({}); retrying with backoff, next attempt in {}",
                    endpoint.id(),
                    endpoint.endpoint.uri(),
                    failed.kind().metricName(),
                    failed.reason(),
                    delay);
        } else {
            LOG.debug(
                    "Endpoint {} failed again ({} in a row): {} ({}); next attempt in {}",
                    endpoint.id(),
                    endpoint.consecutiveFailures,
                    failed.kind().metricName(),
                    failed.reason(),
                    delay);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM must provide SHA-256", e);
        }
    }

    /** Fetcher-thread view of one endpoint: what to send next and when. */
    private final class PolledEndpoint {
        final HttpEndpoint endpoint;

        @Nullable
        String etag;

        @Nullable
        String lastModified;

        long attempts;
        Instant nextPollAt;
        int consecutiveFailures;

        @Nullable
        Instant failingSince;

        @Nullable
        InFlight inFlight;

        PolledEndpoint(HttpEndpointSplit split, Instant now) {
            this.endpoint = split.endpoint();
            this.etag = split.etag();
            this.lastModified = split.lastModified();
            this.attempts = split.polls();
            this.nextPollAt = now;
        }

        String id() {
            return endpoint.id();
        }

        /** This poll's failure, one more in the endpoint's streak. */
        PollOutcome.Failed failed(FailureKind kind, String reason, Instant startedAt) {
            return new PollOutcome.Failed(kind, reason, startedAt, consecutiveFailures + 1);
        }

        boolean pollLimitReached() {
            return options.stopAfterPolls() != null && attempts >= options.stopAfterPolls();
        }
    }

    /** One poll under way; its exchange is set from the thread that completes the authorization. */
    private static final class InFlight {
        final long attempt;
        final Instant startedAt;
        final Instant deadline;

        @Nullable
        private Future<?> exchange;

        private boolean cancelled;

        InFlight(long attempt, Instant startedAt, Instant deadline) {
            this.attempt = attempt;
            this.startedAt = startedAt;
            this.deadline = deadline;
        }

        synchronized void setExchange(Future<?> exchange) {
            this.exchange = exchange;
            if (cancelled) {
                exchange.cancel(true);
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (exchange != null) {
                exchange.cancel(true);
            }
        }
    }

    /** A poll's result as delivered by the client's I/O thread: a response or a failure. */
    private record Completion(
            String endpointId,
            long attempt,
            @Nullable CappedBodyConsumer.Response response,
            @Nullable Throwable failure) {}
}
