package org.velibstream.sink.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each record as one prepared statement, asynchronously, with at most {@code maxInFlightRequests}
 * unacknowledged. When that many are pending, {@link #write} blocks the task's mailbox thread, which backpressures the
 * job instead of buffering. {@link #flush} (every checkpoint, and at end of input) returns only once every pending
 * write is acknowledged, so a completed checkpoint means its records are in Cassandra.
 *
 * <p>Transient failures are retried with exponential backoff on a timer thread this writer owns; a write that runs
 * out of attempts, or fails permanently, is rethrown by the next {@link #write} or {@link #flush}, failing the task.
 * Permanent failures are {@link PermanentCassandraSinkException}s, which Flink does not restart: restarting cannot fix
 * a wrong table or password.
 *
 * <p>The session is shared with the other writers of the JVM that connect the same way ({@link
 * SharedCassandraSessions}): one per TaskManager per connection, not one per writer.
 *
 * <p>Metrics, in the group {@code cassandra} of the writer's metric group: {@code writes}, {@code retries},
 * {@code failures} (counters), {@code inFlight} (gauge) and {@code writeLatencyMs} (histogram, first send to
 * acknowledgement, retries included); plus Flink's standard {@code numRecordsSend} and {@code numRecordsOutErrors}.
 */
public final class CassandraSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraSinkWriter.class);

    /** How often a blocked {@link #write} or {@link #flush} looks for a failure reported by a callback. */
    private static final long FAILURE_CHECK_INTERVAL_MS = 100;

    private static final int LATENCY_HISTOGRAM_WINDOW = 1024;

    private final CassandraStatementMapper<T> mapper;
    private final CassandraWriteOptions writeOptions;
    private final SharedCassandraSessions.Lease sessionLease;
    private final CqlSession session;
    private final PreparedStatement statement;
    private final Semaphore inFlightPermits;
    private final ScheduledExecutorService retryTimer;
    private final AtomicReference<CassandraSinkException> asyncFailure = new AtomicReference<>();

    private final Counter writes;
    private final Counter retries;
    private final Counter failures;
    private final Histogram writeLatencyMs;
    private final Counter numRecordsSend;
    private final Counter numRecordsOutErrors;

    CassandraSinkWriter(
            CassandraConnectionOptions connectionOptions,
            CassandraWriteOptions writeOptions,
            CassandraStatementMapper<T> mapper,
            SinkWriterMetricGroup metricGroup,
            String taskName)
            throws IOException {
        this.mapper = mapper;
        this.writeOptions = writeOptions;
        this.inFlightPermits = new Semaphore(writeOptions.maxInFlightRequests());
        this.sessionLease = SharedCassandraSessions.shared().acquire(connectionOptions);
        this.session = sessionLease.session();
        try {
            this.statement = prepare(session, mapper.cql());
            this.retryTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "cassandra-sink-retry " + taskName);
                thread.setDaemon(true);
                return thread;
            });
        } catch (IOException | RuntimeException e) {
            // Flink does not close a writer whose creation failed: without this, the share would be held forever.
            sessionLease.close();
            throw e;
        }

        MetricGroup cassandraMetrics = metricGroup.addGroup("cassandra");
        this.writes = cassandraMetrics.counter("writes", new ThreadSafeSimpleCounter());
        this.retries = cassandraMetrics.counter("retries", new ThreadSafeSimpleCounter());
        this.failures = cassandraMetrics.counter("failures", new ThreadSafeSimpleCounter());
        this.writeLatencyMs = cassandraMetrics.histogram(
                "writeLatencyMs", new DescriptiveStatisticsHistogram(LATENCY_HISTOGRAM_WINDOW));
        cassandraMetrics.gauge("inFlight", this::inFlight);
        this.numRecordsSend = metricGroup.getNumRecordsSendCounter();
        this.numRecordsOutErrors = metricGroup.getNumRecordsOutErrorsCounter();
    }

    @Override
    public void write(T record, Context context) throws IOException, InterruptedException {
        rethrowAsyncFailure();
        BoundStatement bound = bind(record);
        acquire(1);
        send(bound, 1, System.nanoTime());
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        int all = writeOptions.maxInFlightRequests();
        acquire(all);
        inFlightPermits.release(all);
        rethrowAsyncFailure();
    }

    /** Writes sent and not yet acknowledged (or failed for good). */
    public int inFlight() {
        return writeOptions.maxInFlightRequests() - inFlightPermits.availablePermits();
    }

    /** The session this writer writes through, shared with the JVM's other writers of the same connection. */
    CqlSession session() {
        return session;
    }

    /**
     * Stops retrying and releases this writer's share of the session; the last writer of a connection closes it.
     * Writes still in flight are not waited for: they complete or fail on the session, which stays open for the other
     * writers (the last release closes it in order, within a bound). A checkpoint's writes were acknowledged by its
     * flush, and the job replays from there whatever a writer closed without one had sent.
     */
    @Override
    public void close() {
        retryTimer.shutdownNow();
        sessionLease.close();
    }

    private BoundStatement bind(T record) throws IOException {
        try {
            return statement
                    .bind(mapper.bindValues(record))
                    .setIdempotent(true)
                    .setConsistencyLevel(writeOptions.consistencyLevel())
                    .setTimeout(writeOptions.requestTimeout());
        } catch (RuntimeException e) {
            throw new PermanentCassandraSinkException(
                    "Could not bind " + record + " to '" + mapper.cql() + "': " + e.getMessage() + ". "
                            + CassandraErrors.remedy(e),
                    e);
        }
    }

    private void send(BoundStatement bound, int attempt, long firstSentNanos) {
        session.executeAsync(bound).whenComplete((result, error) -> {
            if (error == null) {
                writeLatencyMs.update(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstSentNanos));
                writes.inc();
                numRecordsSend.inc();
                inFlightPermits.release();
            } else {
                onFailure(bound, attempt, firstSentNanos, error);
            }
        });
    }

    private void onFailure(BoundStatement bound, int attempt, long firstSentNanos, Throwable error) {
        CassandraErrors.Kind kind = CassandraErrors.classify(error);
        Throwable cause = CassandraErrors.unwrap(error);
        if (kind == CassandraErrors.Kind.TRANSIENT
                && attempt < writeOptions.maxAttempts()
                && asyncFailure.get() == null) {
            long backoffMs = writeOptions.backoffAfter(attempt).toMillis();
            LOG.debug(
                    "Cassandra write attempt {} failed ({}), retrying in {} ms", attempt, cause.toString(), backoffMs);
            retries.inc();
            try {
                retryTimer.schedule(() -> send(bound, attempt + 1, firstSentNanos), backoffMs, TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException writerClosing) {
                // No retry once close() has begun: the write counts as failed below.
            }
        }
        failures.inc();
        numRecordsOutErrors.inc();
        String message =
                switch (kind) {
                    case TRANSIENT ->
                        "Cassandra write failed after " + attempt + " attempt(s): " + cause
                                + ". The job fails so Flink restarts it from the last checkpoint.";
                    case PERMANENT ->
                        "Cassandra rejected '" + mapper.cql() + "': " + cause.getMessage() + ". "
                                + CassandraErrors.remedy(cause);
                    case UNKNOWN -> "Cassandra write failed with an unexpected error: " + cause;
                };
        // Only the first failure fails the task; the writes still in flight usually fail the same way.
        if (asyncFailure.compareAndSet(null, CassandraSinkException.of(kind, message, error))) {
            LOG.warn(message);
        } else {
            LOG.debug(message);
        }
        inFlightPermits.release();
    }

    /** Takes permits for in-flight writes, waking up regularly to stop at once if a callback reported a failure. */
    private void acquire(int permits) throws IOException, InterruptedException {
        while (!inFlightPermits.tryAcquire(permits, FAILURE_CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
            rethrowAsyncFailure();
        }
    }

    private void rethrowAsyncFailure() throws IOException {
        CassandraSinkException failure = asyncFailure.get();
        if (failure != null) {
            throw failure;
        }
    }

    private PreparedStatement prepare(CqlSession session, String cql) throws IOException {
        try {
            return session.prepare(cql);
        } catch (RuntimeException e) {
            CassandraErrors.Kind kind = CassandraErrors.classify(e);
            throw CassandraSinkException.of(
                    kind,
                    "Could not prepare '" + cql + "': " + e.getMessage() + ". "
                            + (kind == CassandraErrors.Kind.PERMANENT
                                    ? CassandraErrors.remedy(e)
                                    : "Flink restarts the job to try again."),
                    e);
        }
    }
}
