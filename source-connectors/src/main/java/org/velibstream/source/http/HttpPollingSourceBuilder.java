package org.velibstream.source.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import org.velibstream.source.http.auth.HttpAuthentication;

/**
 * Builds a {@link HttpPollingSource}. Endpoints and a deserializer are required; every other option has the
 * default documented in {@link HttpPollingSourceOptions}. Invalid settings fail in {@link #build()} with a message
 * naming the setting.
 */
public final class HttpPollingSourceBuilder<T> {

    private final List<HttpEndpoint> endpoints = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Set<Integer> endOfSequenceStatuses = new HashSet<>();

    @Nullable
    private HttpResponseDeserializer<T> deserializer;

    private Duration requestTimeout = HttpPollingSourceOptions.DEFAULT_REQUEST_TIMEOUT;
    private int maxConnectionsPerHost = HttpPollingSourceOptions.DEFAULT_MAX_CONNECTIONS_PER_HOST;
    private long maxBodyBytes = HttpPollingSourceOptions.DEFAULT_MAX_BODY_BYTES;
    private Duration initialBackoff = HttpPollingSourceOptions.DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = HttpPollingSourceOptions.DEFAULT_MAX_BACKOFF;

    @Nullable
    private Long stopAfterPolls;

    private HttpAuthentication authentication = HttpAuthentication.none();
    private String userAgent = HttpPollingSourceOptions.DEFAULT_USER_AGENT;

    HttpPollingSourceBuilder() {}

    public HttpPollingSourceBuilder<T> addEndpoint(HttpEndpoint endpoint) {
        endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
        return this;
    }

    public HttpPollingSourceBuilder<T> addEndpoints(Collection<HttpEndpoint> endpoints) {
        endpoints.forEach(this::addEndpoint);
        return this;
    }

    public HttpPollingSourceBuilder<T> setDeserializer(HttpResponseDeserializer<T> deserializer) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        return this;
    }

    public HttpPollingSourceBuilder<T> setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        return this;
    }

    /** Requests a reader keeps open to one host at once (default 8); the total is this times the hosts, up to 1,024. */
    public HttpPollingSourceBuilder<T> setMaxConnectionsPerHost(int maxConnectionsPerHost) {
        this.maxConnectionsPerHost = maxConnectionsPerHost;
        return this;
    }

    public HttpPollingSourceBuilder<T> setMaxBodyBytes(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        return this;
    }

    public HttpPollingSourceBuilder<T> setBackoff(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        return this;
    }

    /** Makes the source bounded: each endpoint finishes after this many polls, whatever their outcome. */
    public HttpPollingSourceBuilder<T> setStopAfterPolls(long polls) {
        this.stopAfterPolls = polls;
        return this;
    }

    /** Makes the source bounded: an endpoint answering one of these statuses has ended its recorded sequence. */
    public HttpPollingSourceBuilder<T> setEndOfSequenceStatuses(int... statuses) {
        endOfSequenceStatuses.clear();
        for (int status : statuses) {
            endOfSequenceStatuses.add(status);
        }
        return this;
    }

    /** A header sent to every endpoint, for example an API key; an endpoint's own header of that name wins. */
    public HttpPollingSourceBuilder<T> setHeader(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    public HttpPollingSourceBuilder<T> setAuthentication(HttpAuthentication authentication) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        return this;
    }

    public HttpPollingSourceBuilder<T> setUserAgent(String userAgent) {
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        return this;
    }

    public HttpPollingSource<T> build() {
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("No endpoints: call addEndpoint at least once");
        }
        if (deserializer == null) {
            throw new IllegalStateException("No deserializer: call setDeserializer");
        }
        Set<String> ids = new HashSet<>();
        for (HttpEndpoint endpoint : endpoints) {
            if (!ids.add(endpoint.id())) {
                throw new IllegalStateException("Duplicate endpoint id '" + endpoint.id()
                        + "': ids name splits and their checkpointed state, so they must be unique");
            }
        }
        HttpPollingSourceOptions options = new HttpPollingSourceOptions(
                requestTimeout,
                maxBodyBytes,
                initialBackoff,
                maxBackoff,
                stopAfterPolls,
                endOfSequenceStatuses,
                headers,
                authentication,
                userAgent,
                maxConnectionsPerHost);
        return new HttpPollingSource<>(endpoints, options, deserializer);
    }
}
