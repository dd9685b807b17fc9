package org.velibstream.source.http.enumerator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * so readers never ask for more. Endpoints of one group (ids sharing the text before their last {@code '/'}, as in
 * {@code velib/station_status} and {@code velib/vehicle_types}) go to the same reader, so that its deserializer can
 * carry what one of them says to the decoding of another; groups, not endpoints, are spread round-robin. Splits returned by a failed reader go back to the same reader when it registers
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
        Map<String, Integer> readerByGroup = new HashMap<>();
        for (HttpEndpointSplit split : unassignedSplits) {
            int reader = readerByGroup.computeIfAbsent(
                    group(split.splitId()), group -> readerByGroup.size() % context.currentParallelism());
            pendingByReader.computeIfAbsent(reader, r -> new ArrayList<>()).add(split);
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

    /**
     * The group of an endpoint id: the text before its last {@code '/'} ({@code velib} for {@code velib/station_status}),
     * else the whole id.
     */
    static String group(String endpointId) {
        int slash = endpointId.lastIndexOf('/');
        return slash > 0 ? endpointId.substring(0, slash) : endpointId;
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
