package org.velibstream.source.http.reader;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.HttpResponseDeserializer;
import org.velibstream.source.http.PollFailure;
import org.velibstream.source.http.PollSuccess;
import org.velibstream.source.http.split.HttpEndpointSplitState;

/**
 * Decodes fetched bodies into records and advances the split state in the same step, like the Kafka source advances
 * offsets: a checkpoint taken between two outcomes holds exactly the validators and body hash of what was emitted.
 *
 * <p>A body identical to the last emitted one emits nothing. A body is emitted whole or not at all: records are
 * collected first, and a deserializer {@link IOException} drops them all and counts a decode failure. The failed
 * body's hash is still recorded, because decoding the same bytes again cannot succeed.
 *
 * <p>Every outcome but the end of a sequence is then reported to the deserializer as a poll success or failure, so
 * that the endpoint's health reaches the job in the same order as its documents.
 */
public final class HttpPollRecordEmitter<T> implements RecordEmitter<PollOutcome, T, HttpEndpointSplitState> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPollRecordEmitter.class);

    private final HttpResponseDeserializer<T> deserializer;
    private final HttpPollingMetrics metrics;
    private final BufferingCollector<T> buffer = new BufferingCollector<>();

    public HttpPollRecordEmitter(HttpResponseDeserializer<T> deserializer, HttpPollingMetrics metrics) {
        this.deserializer = deserializer;
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(PollOutcome outcome, SourceOutput<T> output, HttpEndpointSplitState state) {
        state.recordPoll();
        HttpEndpoint endpoint = state.endpoint();
        if (outcome instanceof PollOutcome.NotModified notModified) {
            state.recordNotModified(notModified.etag(), notModified.lastModified());
            deserializer.pollSucceeded(
                    new PollSuccess(endpoint.id(), endpoint.uri(), 304, notModified.receivedAt()), buffer);
            emitBuffered(output, notModified.receivedAt());
        } else if (outcome instanceof PollOutcome.Fetched fetched) {
            emitIfChanged(fetched, output, state);
            Instant receivedAt = fetched.response().fetchedAt();
            deserializer.pollSucceeded(
                    new PollSuccess(
                            endpoint.id(), endpoint.uri(), fetched.response().statusCode(), receivedAt),
                    buffer);
            emitBuffered(output, receivedAt);
        } else if (outcome instanceof PollOutcome.Failed failed) {
            deserializer.pollFailed(
                    new PollFailure(
                            endpoint.id(),
                            endpoint.uri(),
                            failed.kind(),
                            failed.reason(),
                            failed.startedAt(),
                            failed.consecutiveFailures()),
                    buffer);
            emitBuffered(output, failed.startedAt());
        }
    }

    private void emitIfChanged(PollOutcome.Fetched fetched, SourceOutput<T> output, HttpEndpointSplitState state) {
        HttpPollingMetrics.EndpointMetrics endpointMetrics = metrics.forEndpoint(state.endpointId());
        boolean unchanged = fetched.bodySha256().equals(state.bodySha256());
        state.recordBody(fetched.etag(), fetched.lastModified(), fetched.bodySha256());
        if (unchanged) {
            endpointMetrics.unchanged();
            return;
        }
        buffer.records.clear();
        try {
            deserializer.deserialize(fetched.response(), buffer);
        } catch (IOException e) {
            endpointMetrics.decodeFailed();
            LOG.warn(
                    "Endpoint {}: could not decode a {}-byte response from {}; it is skipped: {}",
                    state.endpointId(),
                    fetched.response().body().length,
                    fetched.response().uri(),
                    e.toString());
            buffer.records.clear();
            return;
        }
        endpointMetrics.emitted(emitBuffered(output, fetched.response().fetchedAt()));
    }

    /** Emits what the deserializer collected, stamped with {@code time}; returns how many records that was. */
    private int emitBuffered(SourceOutput<T> output, Instant time) {
        long timestamp = time.toEpochMilli();
        for (T record : buffer.records) {
            output.collect(record, timestamp);
        }
        int emitted = buffer.records.size();
        buffer.records.clear();
        return emitted;
    }

    private static final class BufferingCollector<T> implements Collector<T> {
        private final List<T> records = new ArrayList<>();

        @Override
        public void collect(T record) {
            records.add(record);
        }

        @Override
        public void close() {}
    }
}
