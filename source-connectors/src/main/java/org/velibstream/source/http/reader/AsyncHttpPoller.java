package org.velibstream.source.http.reader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.HttpPollingSourceOptions;
import org.velibstream.source.http.auth.Authorizer;

/**
 * Issues the polls of one split reader with one asynchronous HTTP client, which it creates, owns and closes, and
 * hands their results back as {@link Completion}s through a queue.
 *
 * <p>Exchanges run concurrently on the client's single I/O thread, so a slow endpoint delays nobody else. Every
 * other method is called from the fetcher thread only. A poll that has not completed by its deadline (start plus
 * request timeout) is cancelled by {@link #timeOutOverdue}; its late answer, if any, is then recognised as stale.
 */
final class AsyncHttpPoller implements AutoCloseable {

    private static final int MAX_CONNECTIONS_TOTAL = 1024;

    private final HttpPollingSourceOptions options;
    private final CloseableHttpAsyncClient client;
    private final Authorizer authorizer;
    private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();

    /** @param clock used by the authorizer to decide when a token expires */
    AsyncHttpPoller(HttpPollingSourceOptions options, Clock clock) {
        this.options = options;
        this.client = createClient(options.requestTimeout(), options.maxConnectionsPerHost());
        this.client.start();
        this.authorizer = options.authentication().createAuthorizer(client, clock);
    }

    /** A poll's result as delivered by the client's I/O thread: a response or a failure; or a wake-up. */
    record Completion(
            String endpointId,
            long poll,
            @Nullable CappedBodyConsumer.Response response,
            @Nullable Throwable failure) {

        static final Completion WAKE_UP = new Completion("", -1, null, null);
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
                // Retries and their pacing are the schedule's job; the client must not retry 429/503 on its own.
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /**
     * Starts a conditional GET of the endpoint, once its authorization is known.
     *
     * @param poll the endpoint's poll number, which its completion carries back
     * @param etag sent as If-None-Match when not null
     * @param lastModified sent as If-Modified-Since when not null
     */
    void start(
            HttpEndpoint endpoint, long poll, Instant startedAt, @Nullable String etag, @Nullable String lastModified) {
        String id = endpoint.id();
        InFlight started = new InFlight(poll, startedAt, startedAt.plus(options.requestTimeout()));
        inFlight.put(id, started);
        authorizer.authorization().whenComplete((authorization, failure) -> {
            if (failure != null) {
                completions.add(new Completion(id, poll, null, unwrap(failure)));
                return;
            }
            FutureCallback<CappedBodyConsumer.Response> callback = new FutureCallback<>() {
                @Override
                public void completed(CappedBodyConsumer.Response response) {
                    completions.add(new Completion(id, poll, response, null));
                }

                @Override
                public void failed(Exception e) {
                    completions.add(new Completion(id, poll, null, e));
                }

                @Override
                public void cancelled() {
                    completions.add(new Completion(id, poll, null, new CancellationException()));
                }
            };
            try {
                started.setExchange(client.execute(
                        SimpleRequestProducer.create(request(endpoint, authorization, etag, lastModified)),
                        new CappedBodyConsumer(options.maxBodyBytes()),
                        callback));
            } catch (RuntimeException e) {
                // For example a header value the client rejects: a failed poll, not a poll stuck until its timeout.
                completions.add(new Completion(id, poll, null, e));
            }
        });
    }

    private SimpleHttpRequest request(
            HttpEndpoint endpoint,
            Optional<String> authorization,
            @Nullable String etag,
            @Nullable String lastModified) {
        SimpleRequestBuilder request = SimpleRequestBuilder.get(endpoint.uri());
        request.setHeader(HttpHeaders.USER_AGENT, options.userAgent());
        options.headers().forEach(request::setHeader);
        endpoint.headers().forEach(request::setHeader);
        authorization.ifPresent(value -> request.setHeader(HttpHeaders.AUTHORIZATION, value));
        if (etag != null) {
            request.setHeader(HttpHeaders.IF_NONE_MATCH, etag);
        }
        if (lastModified != null) {
            request.setHeader(HttpHeaders.IF_MODIFIED_SINCE, lastModified);
        }
        return request.build();
    }

    /** Waits up to {@code timeoutMillis} for a completion or a wake-up; null if none came. */
    @Nullable
    Completion await(long timeoutMillis) throws InterruptedException {
        return completions.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** A completion already queued, or null. */
    @Nullable
    Completion next() {
        return completions.poll();
    }

    /** Makes a waiting {@link #await} return {@link Completion#WAKE_UP}; callable from any thread. */
    void wakeUp() {
        completions.add(Completion.WAKE_UP);
    }

    /**
     * Cancels the polls whose deadline has passed.
     *
     * @return a timeout completion for each, to be accepted like any other completion
     */
    List<Completion> timeOutOverdue(Instant now) {
        List<Completion> timedOut = new ArrayList<>();
        inFlight.forEach((id, poll) -> {
            if (!now.isBefore(poll.deadline)) {
                poll.cancel();
                timedOut.add(new Completion(
                        id,
                        poll.poll,
                        null,
                        new TimeoutException("no complete response within " + options.requestTimeout())));
            }
        });
        return timedOut;
    }

    /** The earliest deadline of the polls under way, if any. */
    Optional<Instant> nextDeadline() {
        return inFlight.values().stream().map(poll -> poll.deadline).min(Instant::compareTo);
    }

    /**
     * Ends the poll this completion answers.
     *
     * @return when that poll started, or empty for a stale completion (the answer to a poll that already timed out)
     */
    Optional<Instant> accept(Completion completion) {
        InFlight poll = inFlight.get(completion.endpointId());
        if (poll == null || poll.poll != completion.poll()) {
            return Optional.empty();
        }
        inFlight.remove(completion.endpointId());
        return Optional.of(poll.startedAt);
    }

    /** The endpoint's poll under way, if any, is no longer awaited: its answer will be stale. */
    void forget(String endpointId) {
        inFlight.remove(endpointId);
    }

    /** A server answered 401 to the current credentials: they must not be reused. */
    void invalidateCredentials() {
        authorizer.invalidate();
    }

    @Override
    public void close() {
        // Cancelled first so that no exchange is torn down half-way by the reactor shutting down.
        inFlight.values().forEach(InFlight::cancel);
        client.close(CloseMode.GRACEFUL);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** One poll under way; its exchange is set from the thread that completes the authorization. */
    private static final class InFlight {
        final long poll;
        final Instant startedAt;
        final Instant deadline;

        @Nullable
        private Future<?> exchange;

        private boolean cancelled;

        InFlight(long poll, Instant startedAt, Instant deadline) {
            this.poll = poll;
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
}
