package org.velibstream.sink.cassandra;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * Builds a {@link CassandraSink}. Contact points, local datacenter and statement mapper are required; everything
 * else has a default from {@link CassandraWriteOptions}. Invalid values fail in the setter or in {@link #build()}
 * with the option's name in the message.
 *
 * @param <T> the record type
 */
public final class CassandraSinkBuilder<T> {

    private List<String> contactPoints = List.of();

    @Nullable
    private String localDatacenter;

    @Nullable
    private String keyspace;

    @Nullable
    private CassandraCredentials credentials;

    @Nullable
    private CassandraTlsOptions tls;

    private DefaultConsistencyLevel consistencyLevel = CassandraWriteOptions.DEFAULT_CONSISTENCY_LEVEL;
    private Duration requestTimeout = CassandraWriteOptions.DEFAULT_REQUEST_TIMEOUT;
    private int maxInFlightRequests = CassandraWriteOptions.DEFAULT_MAX_IN_FLIGHT_REQUESTS;
    private int maxAttempts = CassandraWriteOptions.DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = CassandraWriteOptions.DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = CassandraWriteOptions.DEFAULT_MAX_BACKOFF;

    @Nullable
    private CassandraStatementMapper<T> statementMapper;

    CassandraSinkBuilder() {}

    /** Nodes to contact first, as {@code host:port} (e.g. {@code 127.0.0.1:9042}); the driver discovers the rest. */
    public CassandraSinkBuilder<T> setContactPoints(String... contactPoints) {
        this.contactPoints = List.of(contactPoints);
        return this;
    }

    /** The datacenter the driver sends requests to; {@code datacenter1} on a single default node. */
    public CassandraSinkBuilder<T> setLocalDatacenter(String localDatacenter) {
        this.localDatacenter = Objects.requireNonNull(localDatacenter, "localDatacenter");
        return this;
    }

    /** The session's keyspace, for CQL with unqualified table names. */
    public CassandraSinkBuilder<T> setKeyspace(String keyspace) {
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
        return this;
    }

    public CassandraSinkBuilder<T> setCredentials(String username, String password) {
        this.credentials = new CassandraCredentials(username, password);
        return this;
    }

    public CassandraSinkBuilder<T> setTls(
            String truststorePath, String truststorePassword, boolean hostnameVerification) {
        this.tls = new CassandraTlsOptions(truststorePath, truststorePassword, hostnameVerification);
        return this;
    }

    public CassandraSinkBuilder<T> setConsistencyLevel(DefaultConsistencyLevel consistencyLevel) {
        this.consistencyLevel = Objects.requireNonNull(consistencyLevel, "consistencyLevel");
        return this;
    }

    public CassandraSinkBuilder<T> setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        return this;
    }

    /** Unacknowledged writes per writer before {@code write} blocks (backpressure). */
    public CassandraSinkBuilder<T> setMaxInFlightRequests(int maxInFlightRequests) {
        this.maxInFlightRequests = maxInFlightRequests;
        return this;
    }

    /**
     * Retries of transient failures (timeouts, unavailable, overloaded, lost connections): {@code maxAttempts} in all,
     * waiting {@code initialBackoff}, doubling up to {@code maxBackoff}. After the last one the job fails and Flink
     * restarts it from the last checkpoint.
     */
    public CassandraSinkBuilder<T> setRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        return this;
    }

    public CassandraSinkBuilder<T> setStatementMapper(CassandraStatementMapper<T> statementMapper) {
        this.statementMapper = Objects.requireNonNull(statementMapper, "statementMapper");
        return this;
    }

    public CassandraSink<T> build() {
        if (localDatacenter == null) {
            throw new IllegalStateException(
                    "The local datacenter is required (setLocalDatacenter), e.g. 'datacenter1'");
        }
        if (statementMapper == null) {
            throw new IllegalStateException("A statement mapper is required (setStatementMapper)");
        }
        return new CassandraSink<>(
                new CassandraConnectionOptions(contactPoints, localDatacenter, keyspace, credentials, tls),
                new CassandraWriteOptions(
                        consistencyLevel, requestTimeout, maxInFlightRequests, maxAttempts, initialBackoff, maxBackoff),
                statementMapper);
    }
}
