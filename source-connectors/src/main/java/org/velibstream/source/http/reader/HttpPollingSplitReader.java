package org.velibstream.source.http.reader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.HttpPollingSourceOptions;
import org.velibstream.source.http.reader.AsyncHttpPoller.Completion;
import org.velibstream.source.http.split.HttpEndpointSplit;

/**
 * Polls all endpoints assigned to one reader. It wires three parts and keeps each endpoint's validators:
 * {@link PollSchedule} decides when each endpoint polls next, {@link AsyncHttpPoller} issues the polls on one
 * asynchronous HTTP client, {@link PollOutcomeClassifier} turns their results into {@link PollOutcome}s.
 *
 * <p>{@link #fetch()} runs on the fetcher thread owned by Flink's fetcher manager: it starts the polls that are due,
 * then waits for the first completion, the next due time, a poll's deadline or a wake-up, whichever comes first.
 * Every completed poll becomes one outcome for the record emitter. A failure streak is logged when it starts and
 * when it ends, not at each poll.
 */
public final class HttpPollingSplitReader implements SplitReader<PollOutcome, HttpEndpointSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPollingSplitReader.class);

    /** The longest the fetcher waits without looking at the schedule again. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final HttpPollingMetrics metrics;
    private final Clock clock;
    private final PollSchedule schedule;
    private final AsyncHttpPoller poller;
    private final PollOutcomeClassifier classifier;
    private final Map<String, PolledEndpoint> endpoints = new LinkedHashMap<>();
    private final Set<String> finishedOnArrival = new HashSet<>();

    public HttpPollingSplitReader(HttpPollingSourceOptions options, HttpPollingMetrics metrics, Clock clock) {
        // Seeded differently in each reader, so that readers failing together do not retry together; only this
        // reader's fetcher thread draws from it.
        this(options, metrics, clock, schedule(options, clock, new SplittableRandom()));
    }

    /** @param schedule uses the same clock */
    HttpPollingSplitReader(
            HttpPollingSourceOptions options, HttpPollingMetrics metrics, Clock clock, PollSchedule schedule) {
        this.metrics = metrics;
        this.clock = clock;
        this.schedule = schedule;
        this.poller = new AsyncHttpPoller(options, clock);
        this.classifier = new PollOutcomeClassifier(options.endOfSequenceStatuses());
    }

    /** The schedule the options ask for: their backoff and poll limit. */
    static PollSchedule schedule(HttpPollingSourceOptions options, Clock clock, RandomGenerator random) {
        return new PollSchedule(
                new ExponentialBackoff(options.initialBackoff(), options.maxBackoff()),
                options.stopAfterPolls(),
                clock,
                random);
    }

    @Override
    public void handleSplitsChanges(SplitsChange<HttpEndpointSplit> splitsChange) {
        if (!(splitsChange instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "Unsupported splits change " + splitsChange.getClass().getSimpleName());
        }
        for (HttpEndpointSplit split : splitsChange.splits()) {
            if (schedule.pollLimitReached(split.polls())) {
                // Restored from a checkpoint taken after its last poll was emitted but before it was reported done.
                finishedOnArrival.add(split.splitId());
                continue;
            }
            // An endpoint added again starts afresh: the answer to a poll of its previous assignment is ignored.
            poller.forget(split.splitId());
            endpoints.put(split.splitId(), new PolledEndpoint(split));
            schedule.add(split.splitId(), split.endpoint().pollInterval(), split.polls());
            metrics.forEndpoint(split.splitId());
            LOG.info("Polling {}", split.endpoint());
        }
    }

    /** Used by watermark alignment: a paused endpoint finishes its poll under way but starts no new one. */
    @Override
    public void pauseOrResumeSplits(
            Collection<HttpEndpointSplit> splitsToPause, Collection<HttpEndpointSplit> splitsToResume) {
        splitsToPause.forEach(split -> schedule.pause(split.splitId()));
        splitsToResume.forEach(split -> schedule.resume(split.splitId()));
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
            for (Completion timedOut : poller.timeOutOverdue(now)) {
                any |= handle(timedOut, outcomes);
            }
            if (any) {
                break;
            }
            Completion completion;
            try {
                completion = poller.await(millisUntilNextEvent(now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            while (completion != null) {
                if (completion == Completion.WAKE_UP) {
                    return outcomes.build();
                }
                any |= handle(completion, outcomes);
                completion = poller.next();
            }
            if (endpoints.isEmpty()) {
                break;
            }
        }
        return outcomes.build();
    }

    @Override
    public void wakeUp() {
        poller.wakeUp();
    }

    @Override
    public void close() {
        poller.close();
    }

    private void startDuePolls(Instant now) {
        for (String id : schedule.dueNow()) {
            PolledEndpoint endpoint = endpoints.get(id);
            poller.start(endpoint.endpoint, schedule.started(id), now, endpoint.etag, endpoint.lastModified);
        }
    }

    private long millisUntilNextEvent(Instant now) {
        Instant next = now.plus(MAX_WAIT);
        for (Optional<Instant> candidate : List.of(schedule.nextDueAt(), poller.nextDeadline())) {
            if (candidate.isPresent() && candidate.get().isBefore(next)) {
                next = candidate.get();
            }
        }
        return Math.max(0, Duration.between(now, next).toMillis());
    }

    /** Turns a completion into an outcome, reschedules its endpoint; returns false for a stale completion. */
    private boolean handle(Completion completion, RecordsBySplits.Builder<PollOutcome> outcomes) {
        PolledEndpoint endpoint = endpoints.get(completion.endpointId());
        Optional<Instant> started = endpoint == null ? Optional.empty() : poller.accept(completion);
        if (started.isEmpty()) {
            return false; // The answer to a poll that already timed out.
        }
        String id = endpoint.id();
        Instant now = clock.instant();
        Instant startedAt = started.get();
        metrics.forEndpoint(id).polled(Duration.between(startedAt, now).toMillis());

        int failuresBefore = schedule.consecutiveFailures(id);
        CappedBodyConsumer.Response response = completion.response();
        PollOutcome outcome = response != null
                ? classifier.classify(id, endpoint.endpoint.uri(), response, startedAt, now, failuresBefore)
                : PollOutcomeClassifier.classify(completion.failure(), startedAt, failuresBefore);
        boolean finished = outcome instanceof PollOutcome.EndOfSequence || schedule.pollLimitReached(id);
        if (outcome instanceof PollOutcome.Failed failed) {
            if (response != null && response.statusCode() == 401) {
                poller.invalidateCredentials();
            }
            onFailure(endpoint, failed, response, finished);
        } else {
            onSuccess(endpoint, response, now);
        }
        outcomes.add(id, outcome);
        if (finished) {
            LOG.info(
                    "Endpoint {} finished after {} polls ({})",
                    id,
                    schedule.polls(id),
                    outcome instanceof PollOutcome.EndOfSequence end
                            ? "end-of-sequence status " + end.statusCode()
                            : "poll limit reached");
            outcomes.addFinishedSplit(id);
            endpoints.remove(id);
            schedule.remove(id);
        }
        return true;
    }

    private void onSuccess(PolledEndpoint endpoint, CappedBodyConsumer.Response response, Instant now) {
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
        schedule.succeeded(endpoint.id())
                .ifPresent(streak -> LOG.info(
                        "Endpoint {} recovered after {} failed polls over {}",
                        endpoint.id(),
                        streak.failures(),
                        streak.lasted()));
    }

    private void onFailure(
            PolledEndpoint endpoint,
            PollOutcome.Failed failed,
            @Nullable CappedBodyConsumer.Response response,
            boolean finished) {
        metrics.forEndpoint(endpoint.id()).failed(failed.kind(), failed.consecutiveFailures());
        Duration delay = schedule.failed(endpoint.id(), response == null ? null : response.header("retry-after"));
        if (finished) {
            LOG.warn(
                    "Endpoint {} ({}): its last poll failed: {} ({})",
                    endpoint.id(),
                    endpoint.endpoint.uri(),
                    failed.kind().metricName(),
                    failed.reason());
        } else if (failed.consecutiveFailures() == 1) {
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
                    failed.consecutiveFailures(),
                    failed.kind().metricName(),
                    failed.reason(),
                    delay);
        }
    }

    /** An endpoint and the validators of its last useful answer, sent with its next poll. */
    private static final class PolledEndpoint {
        final HttpEndpoint endpoint;

        @Nullable
        String etag;

        @Nullable
        String lastModified;

        PolledEndpoint(HttpEndpointSplit split) {
            this.endpoint = split.endpoint();
            this.etag = split.etag();
            this.lastModified = split.lastModified();
        }

        String id() {
            return endpoint.id();
        }
    }
}
