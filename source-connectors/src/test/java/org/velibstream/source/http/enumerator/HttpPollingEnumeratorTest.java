package org.velibstream.source.http.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.source.http.TestEndpoints.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;
import org.velibstream.source.http.split.HttpEndpointSplit;

class HttpPollingEnumeratorTest {

    @Test
    void spreadsEndpointsEvenlyAndAssignsEachOnce() throws Exception {
        try (MockSplitEnumeratorContext<HttpEndpointSplit> context = new MockSplitEnumeratorContext<>(3)) {
            HttpPollingEnumerator enumerator =
                    new HttpPollingEnumerator(context, Boundedness.CONTINUOUS_UNBOUNDED, splits(10));
            enumerator.start();
            for (int reader = 0; reader < 3; reader++) {
                register(context, enumerator, reader);
            }

            Map<Integer, List<String>> assigned = assignedIdsByReader(context);
            assertThat(assigned.values()).extracting(List::size).containsExactlyInAnyOrder(4, 3, 3);
            assertThat(assigned.values().stream().flatMap(List::stream))
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, 10).mapToObj(i -> "e" + i).toList());
            assertThat(enumerator.snapshotState(1).unassignedSplits()).isEmpty();
            assertThat(context.hasNoMoreSplits(0))
                    .as("unbounded readers must keep waiting")
                    .isFalse();
        }
    }

    @Test
    void endpointsOfOneGroupGoToTheSameReader() throws Exception {
        try (MockSplitEnumeratorContext<HttpEndpointSplit> context = new MockSplitEnumeratorContext<>(2)) {
            List<HttpEndpointSplit> splits = Stream.of(
                            "a/station_status", "a/vehicle_types", "b/station_status", "b/vehicle_types", "c/x")
                    .map(id -> new HttpEndpointSplit(endpoint(id)))
                    .toList();
            HttpPollingEnumerator enumerator =
                    new HttpPollingEnumerator(context, Boundedness.CONTINUOUS_UNBOUNDED, splits);
            register(context, enumerator, 0);
            register(context, enumerator, 1);

            assertThat(assignedIdsByReader(context))
                    .isEqualTo(Map.of(
                            0, List.of("a/station_status", "a/vehicle_types", "c/x"),
                            1, List.of("b/station_status", "b/vehicle_types")));
        }
    }

    @Test
    void keepsSplitsOfUnregisteredReadersInItsState() throws Exception {
        try (MockSplitEnumeratorContext<HttpEndpointSplit> context = new MockSplitEnumeratorContext<>(2)) {
            HttpPollingEnumerator enumerator =
                    new HttpPollingEnumerator(context, Boundedness.CONTINUOUS_UNBOUNDED, splits(4));
            enumerator.start();
            register(context, enumerator, 0);

            assertThat(enumerator.snapshotState(1).unassignedSplits())
                    .extracting(HttpEndpointSplit::splitId)
                    .containsExactly("e1", "e3");
        }
    }

    @Test
    void returnedSplitsGoBackToTheSameReaderWithTheirState() throws Exception {
        try (MockSplitEnumeratorContext<HttpEndpointSplit> context = new MockSplitEnumeratorContext<>(2)) {
            HttpPollingEnumerator enumerator =
                    new HttpPollingEnumerator(context, Boundedness.CONTINUOUS_UNBOUNDED, splits(2));
            enumerator.start();
            register(context, enumerator, 0);
            register(context, enumerator, 1);
            HttpEndpointSplit progressed = new HttpEndpointSplit(endpoint("e1"), "\"v9\"", null, "aa", 9);

            context.unregisterReader(1);
            enumerator.addSplitsBack(List.of(progressed), 1);
            assertThat(enumerator.snapshotState(2).unassignedSplits()).containsExactly(progressed);
            register(context, enumerator, 1);

            List<SplitsAssignment<HttpEndpointSplit>> assignments = context.getSplitsAssignmentSequence();
            assertThat(assignments.get(assignments.size() - 1).assignment()).isEqualTo(Map.of(1, List.of(progressed)));
        }
    }

    @Test
    void boundedSourceSignalsNoMoreSplitsToEveryReader() throws Exception {
        try (MockSplitEnumeratorContext<HttpEndpointSplit> context = new MockSplitEnumeratorContext<>(3)) {
            HttpPollingEnumerator enumerator = new HttpPollingEnumerator(context, Boundedness.BOUNDED, splits(2));
            enumerator.start();
            for (int reader = 0; reader < 3; reader++) {
                register(context, enumerator, reader);
            }

            assertThat(context.hasNoMoreSplits(0)).isTrue();
            assertThat(context.hasNoMoreSplits(1)).isTrue();
            assertThat(context.hasNoMoreSplits(2))
                    .as("a reader without endpoints must finish too")
                    .isTrue();
        }
    }

    @Test
    void restoredEnumeratorAssignsOnlyWhatWasUnassigned() throws Exception {
        try (MockSplitEnumeratorContext<HttpEndpointSplit> context = new MockSplitEnumeratorContext<>(2)) {
            HttpPollingEnumeratorState checkpoint =
                    new HttpPollingEnumeratorState(List.of(new HttpEndpointSplit(endpoint("late"))));
            HttpPollingEnumerator enumerator =
                    new HttpPollingEnumerator(context, Boundedness.CONTINUOUS_UNBOUNDED, checkpoint.unassignedSplits());
            enumerator.start();
            register(context, enumerator, 0);
            register(context, enumerator, 1);

            assertThat(assignedIdsByReader(context)).isEqualTo(Map.of(0, List.of("late")));
        }
    }

    private static List<HttpEndpointSplit> splits(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new HttpEndpointSplit(endpoint("e" + i)))
                .toList();
    }

    private static void register(
            MockSplitEnumeratorContext<HttpEndpointSplit> context, HttpPollingEnumerator enumerator, int reader) {
        context.registerReader(new ReaderInfo(reader, "localhost"));
        enumerator.addReader(reader);
    }

    private static Map<Integer, List<String>> assignedIdsByReader(
            MockSplitEnumeratorContext<HttpEndpointSplit> context) {
        Map<Integer, List<String>> byReader = new java.util.TreeMap<>();
        for (SplitsAssignment<HttpEndpointSplit> assignment : context.getSplitsAssignmentSequence()) {
            assignment
                    .assignment()
                    .forEach((reader, splits) ->
                            splits.forEach(split -> byReader.computeIfAbsent(reader, r -> new ArrayList<>())
                                    .add(split.splitId())));
        }
        return byReader;
    }
}
