package org.velibstream.source.http.reader;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per-endpoint metrics under the reader's metric group: {@code <reader>.endpoint.<id>.<metric>}, and the failed
 * polls by kind as {@code <reader>.endpoint.<id>.failure.<kind>.polls}.
 *
 * <p>The fetcher thread counts polls and transport outcomes, the task thread counts what the emitter does; each
 * metric has exactly one writer.
 */
public final class HttpPollingMetrics {

    private final MetricGroup readerGroup;
    private final Clock clock;
    private final Map<String, EndpointMetrics> byEndpoint = new ConcurrentHashMap<>();

    public HttpPollingMetrics(MetricGroup readerGroup, Clock clock) {
        this.readerGroup = readerGroup;
        this.clock = clock;
    }

    public EndpointMetrics forEndpoint(String endpointId) {
        return byEndpoint.computeIfAbsent(
                endpointId, id -> new EndpointMetrics(readerGroup.addGroup("endpoint", id), clock));
    }

    /** Metrics of one endpoint. The accessors exist for tests and for logging. */
    public static final class EndpointMetrics {
        private final Clock clock;
        private final Counter polls;
        private final Counter notModified;
        private final Counter unchanged;
        private final Counter bytes;
        private final Counter recordsEmitted;
        private final Map<FailureKind, Counter> errors = new EnumMap<>(FailureKind.class);
        private volatile long lastFetchLatencyMillis = -1;
        private volatile long lastSuccessMillis;
        private volatile int consecutiveFailures;

        EndpointMetrics(MetricGroup group, Clock clock) {
            this.clock = clock;
            this.lastSuccessMillis = clock.millis();
            this.polls = group.counter("polls");
            this.notModified = group.counter("notModified");
            this.unchanged = group.counter("unchanged");
            this.bytes = group.counter("bytes");
            this.recordsEmitted = group.counter("recordsEmitted");
            // One counter per kind under a key-value group: in Prometheus, one metric with a label,
            // ..._endpoint_failure_polls{endpoint="...",failure="timeout"}, next to ..._endpoint_polls.
            for (FailureKind kind : FailureKind.values()) {
                errors.put(kind, group.addGroup("failure", kind.metricName()).counter("polls"));
            }
            group.gauge("fetchLatencyMillis", () -> lastFetchLatencyMillis);
            // Counted from the split's assignment until a first success, so a never-working endpoint shows up too.
            group.gauge("secondsSinceLastSuccess", () -> (clock.millis() - lastSuccessMillis) / 1000);
            group.gauge("consecutiveFailures", () -> consecutiveFailures);
        }

        void polled(long latencyMillis) {
            polls.inc();
            lastFetchLatencyMillis = latencyMillis;
        }

        void succeeded(long bodyBytes) {
            bytes.inc(bodyBytes);
            lastSuccessMillis = clock.millis();
            consecutiveFailures = 0;
        }

        void notModified() {
            notModified.inc();
        }

        void failed(FailureKind kind, int streakLength) {
            errors.get(kind).inc();
            consecutiveFailures = streakLength;
        }

        void unchanged() {
            unchanged.inc();
        }

        void decodeFailed() {
            errors.get(FailureKind.DECODE).inc();
        }

        void emitted(int records) {
            recordsEmitted.inc(records);
        }

        public long polls() {
            return polls.getCount();
        }

        public long notModifiedCount() {
            return notModified.getCount();
        }

        public long unchangedCount() {
            return unchanged.getCount();
        }

        public long bytesCount() {
            return bytes.getCount();
        }

        public long recordsEmittedCount() {
            return recordsEmitted.getCount();
        }

        public long errorCount(FailureKind kind) {
            return errors.get(kind).getCount();
        }

        public int consecutiveFailures() {
            return consecutiveFailures;
        }
    }
}
