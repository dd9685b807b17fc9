package org.velibstream.source.http.enumerator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.source.http.split.HttpEndpointSplit;

/**
 * Spreads the endpoints round-robin over the readers, once: the set of endpoints is fixed when the source is built,
 * so readers never ask for more. Splits returned by a failed reader go back to the same reader when it registers
 * again. A bounded source tells each reader that no more splits will come, so it finishes when its endpoints do.
 */
public final class HttpPollingEnumerator implements SplitEnumerator<HttpEndpointSplit, HttpPollingEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPollingEnumerator.class);

    private final SplitEnumeratorContext<HttpEndpointSplit> context;
    private final Boundedness boundedness;
    /** Splits waiting for their reader to register, by reader subtask. */
    private final Map<Integer, List<HttpEndpointSplit>> pendingByReader = new TreeMap<>();

    public HttpPollingEnumerator(
            SplitEnumeratorContext<HttpEndpointSplit> context,
            Boundedness boundedness,
            Collection<HttpEndpointSplit> unassignedSplits) {
        this.context = context;
        this.boundedness = boundedness;
        int reader = 0;
        for (HttpEndpointSplit split : unassignedSplits) {
            pendingByReader.computeIfAbsent(reader, r -> new ArrayList<>()).add(split);
            reader = (reader + 1) % context.currentParallelism();
        }
    }

    @Override
    public void start() {
        context.registeredReaders().keySet().forEach(this::assignPendingSplits);
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        // Splits are pushed when a reader registers; there is nothing more to hand out on request.
    }

    @Override
    public void addSplitsBack(List<HttpEndpointSplit> splits, int subtaskId) {
        if (splits.isEmpty()) {
            return;
        }
        LOG.info(
                "Reader {} returned {} endpoint(s); they go back to it when it registers again",
                subtaskId,
                splits.size());
        pendingByReader.computeIfAbsent(subtaskId, r -> new ArrayList<>()).addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignPendingSplits(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignPendingSplits(subtaskId);
    }

    @Override
    public HttpPollingEnumeratorState snapshotState(long checkpointId) {
        List<HttpEndpointSplit> unassigned = new ArrayList<>();
        pendingByReader.values().forEach(unassigned::addAll);
        return new HttpPollingEnumeratorState(unassigned);
    }

    @Override
    public void close() {
        // Nothing to release: the enumerator owns no threads or connections.
    }

    private void assignPendingSplits(int subtaskId) {
        List<HttpEndpointSplit> splits = pendingByReader.remove(subtaskId);
        if (splits != null && !splits.isEmpty()) {
            LOG.info("Assigning {} endpoint(s) to reader {}", splits.size(), subtaskId);
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, splits)));
        }
        if (boundedness == Boundedness.BOUNDED) {
            context.signalNoMoreSplits(subtaskId);
        }
    }
}
