package org.velibstream.bench.spark;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Follows one streaming query's micro-batches, as Spark reports them on its listener bus: records read, records
 * rejected (the query's {@value PostalCodeStatsQuery#INPUT_METRICS} observed metrics), rows dropped as later than
 * the watermark, and when the first batch that read data started.
 */
final class QueryProgress extends StreamingQueryListener {

    private final String queryName;

    private long records;
    private long rejected;
    private long droppedByWatermark;
    private long batches;
    private long lastBatchId = -1;

    @Nullable
    private Instant firstDataBatchStart;

    QueryProgress(String queryName) {
        this.queryName = Objects.requireNonNull(queryName, "queryName");
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryIdle(QueryIdleEvent event) {}

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public synchronized void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (!queryName.equals(progress.name())) {
            return;
        }
        if (progress.numInputRows() > 0 && firstDataBatchStart == null) {
            firstDataBatchStart = Instant.parse(progress.timestamp());
        }
        records += progress.numInputRows();
        Row input = progress.observedMetrics().get(PostalCodeStatsQuery.INPUT_METRICS);
        if (input != null && !input.isNullAt(input.fieldIndex("rejected"))) {
            rejected += input.<Long>getAs("rejected");
        }
        for (StateOperatorProgress operator : progress.stateOperators()) {
            droppedByWatermark += operator.numRowsDroppedByWatermark();
        }
        batches++;
        lastBatchId = progress.batchId();
        notifyAll();
    }

    /** Waits until the query has read at least {@code expected} records. */
    synchronized void awaitRecords(StreamingQuery query, long expected, Instant deadline)
            throws InterruptedException, TimeoutException {
        while (records < expected) {
            waitOrFail(query, deadline, "read " + records + " of the " + expected + " expected records");
        }
    }

    /** Waits until this listener has seen the progress of micro-batch {@code batchId}. */
    synchronized void awaitBatch(StreamingQuery query, long batchId, Instant deadline)
            throws InterruptedException, TimeoutException {
        while (lastBatchId < batchId) {
            waitOrFail(query, deadline, "saw micro-batch " + lastBatchId + ", waiting for " + batchId);
        }
    }

    private void waitOrFail(StreamingQuery query, Instant deadline, String state)
            throws InterruptedException, TimeoutException {
        if (!query.isActive()) {
            throw new IllegalStateException(
                    "The query stopped: " + state,
                    query.exception().isDefined() ? query.exception().get() : null);
        }
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
            throw new TimeoutException("Timed out: " + state);
        }
        // Woken by every progress and by termination; the bound only re-checks the deadline and the query.
        wait(Math.min(left, 1_000));
    }

    synchronized long records() {
        return records;
    }

    synchronized long rejected() {
        return rejected;
    }

    synchronized long droppedByWatermark() {
        return droppedByWatermark;
    }

    synchronized long batches() {
        return batches;
    }

    synchronized Instant firstDataBatchStart() {
        if (firstDataBatchStart == null) {
            throw new IllegalStateException("No micro-batch has read data yet");
        }
        return firstDataBatchStart;
    }
}
