package org.velibstream.source.http.reader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.HttpPollingSourceOptions;
import org.velibstream.source.http.StringLinesDeserializer;
import org.velibstream.source.http.split.HttpEndpointSplit;
import org.velibstream.source.http.split.HttpEndpointSplitState;

/**
 * Plays the part of Flink's fetcher and task threads around a real {@link HttpPollingSplitReader} and
 * {@link HttpPollRecordEmitter}: fetches, hands each outcome to the emitter with its split state, and keeps
 * outcomes, emitted records and finished splits for assertions. The reader runs on the wall clock, which a test may
 * skip forward, and its schedule is exposed so that tests can read what it decided instead of waiting for it.
 */
final class SplitReaderDriver implements AutoCloseable {

    final SkippableClock clock = new SkippableClock();
    final HttpPollingMetrics metrics = new HttpPollingMetrics(new UnregisteredMetricsGroup(), clock);
    final CollectingSourceOutput<String> output = new CollectingSourceOutput<>();
    final Map<String, List<PollOutcome>> outcomes = new HashMap<>();
    final Set<String> finished = new HashSet<>();
    final PollSchedule schedule;
    private final Map<String, HttpEndpointSplitState> states = new HashMap<>();
    private final HttpPollingSplitReader splitReader;
    private final HttpPollRecordEmitter<String> emitter;

    SplitReaderDriver(HttpPollingSourceOptions options) {
        this.schedule = HttpPollingSplitReader.schedule(options, clock, new SplittableRandom(11));
        this.splitReader = new HttpPollingSplitReader(options, metrics, clock, schedule);
        this.emitter = new HttpPollRecordEmitter<>(new StringLinesDeserializer(), metrics);
    }

    SplitReaderDriver add(HttpEndpointSplit split) {
        states.put(split.splitId(), new HttpEndpointSplitState(split));
        splitReader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
        return this;
    }

    SplitReaderDriver add(HttpEndpoint endpoint) {
        return add(new HttpEndpointSplit(endpoint));
    }

    void pause(String endpointId, boolean pause) {
        HttpEndpointSplit split = states.get(endpointId).toSplit();
        splitReader.pauseOrResumeSplits(pause ? List.of(split) : List.of(), pause ? List.of() : List.of(split));
    }

    /** Fetches until the condition holds; fails after the timeout. */
    void fetchUntil(Predicate<SplitReaderDriver> condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.test(this)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Condition not reached within " + timeout + "; outcomes so far: " + outcomes);
            }
            RecordsWithSplitIds<PollOutcome> batch = splitReader.fetch();
            String splitId;
            while ((splitId = batch.nextSplit()) != null) {
                PollOutcome outcome;
                while ((outcome = batch.nextRecordFromSplit()) != null) {
                    outcomes.computeIfAbsent(splitId, id -> new ArrayList<>()).add(outcome);
                    emitter.emitRecord(outcome, output, states.get(splitId));
                }
            }
            finished.addAll(batch.finishedSplits());
            batch.recycle();
        }
    }

    void fetchOutcomes(String endpointId, int count) throws Exception {
        fetchUntil(driver -> driver.outcomes(endpointId).size() >= count, Duration.ofSeconds(20));
    }

    List<PollOutcome> outcomes(String endpointId) {
        return outcomes.getOrDefault(endpointId, List.of());
    }

    HttpEndpointSplit checkpointedSplit(String endpointId) {
        return states.get(endpointId).toSplit();
    }

    HttpPollingMetrics.EndpointMetrics metrics(String endpointId) {
        return metrics.forEndpoint(endpointId);
    }

    @Override
    public void close() {
        splitReader.close();
    }
}
