package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.alerts.AlertThresholds;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.alerts.StationAlertDetector;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.model.FeedRemovalTracker;
import org.velibstream.job.model.IdleKeyCleanup;
import org.velibstream.job.model.PendingObservations.StationAt;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.model.SystemBucket;
import org.velibstream.job.model.TrackerInput;
import org.velibstream.job.stations.AreaPlacement;
import org.velibstream.job.stations.AssignArea;
import org.velibstream.job.stations.PlacedArea;
import org.velibstream.job.stats.AreaStatsFunction;
import org.velibstream.job.stats.StatsArea;
import org.velibstream.job.testing.KeyedTestHarness;

/**
 * Measures the keyed state the job's per-station operators hold per station, in the steady state of a system polled
 * every minute (issue 14: at most 300 B per station). Every Vélib' station of {@code data/stations.csv} is observed
 * in four documents a minute apart, with the job's watermark (30 s out-of-orderness) after each, so the last document
 * is still open and every earlier one closed: what a checkpoint between two polls sees.
 *
 * <p>For each operator: the size of its keyed-state snapshot (what a checkpoint writes: states, timers and their
 * framing), divided by the stations; for each state, its entries serialized as a heap snapshot writes them (key,
 * namespace, value, with the state's own serializers). What a snapshot holds beyond the states is timers and framing.
 * The table is printed and written to {@code target/state-size-per-station.md}; docs/benchmarks.md records it.
 */
class StateSizePerStationTest {

    private static final String SYSTEM = "velib";
    private static final Instant FIRST_POLL = Instant.parse("2024-11-19T08:00:00Z");
    private static final int POLLS = 4;
    private static final long OUT_OF_ORDERNESS_MILLIS = 30_000;

    private final List<String> table = new ArrayList<>();

    @Test
    void everyPerStationOperatorsStateIsMeasured() throws Exception {
        List<StationRow> stations;
        try (Reader reader = Files.newBufferedReader(Path.of("..", "data", "stations.csv"), StandardCharsets.UTF_8)) {
            stations = StationTableCsv.read(reader, "data/stations.csv");
        }
        table.add("| operator | state | bytes per station |");
        table.add("|---|---|---|");

        long total = 0;
        total += removalTracker(stations);
        total += assignArea(stations);
        total += areaStatistics(stations);
        total += alerts(stations);
        table.add(String.format("| **all four** | | **%.0f** |", (double) total / stations.size()));

        String report = String.join("\n", table) + "\n";
        System.out.println("Keyed state per station, " + stations.size() + " stations:\n" + report);
        Files.writeString(Path.of("target", "state-size-per-station.md"), report);
        assertThat(total).as("some keyed state measured").isPositive();
    }

    private long removalTracker(List<StationRow> stations) throws Exception {
        try (var harness =
                KeyedTestHarness.open(new FeedRemovalTracker(), TrackerInput::key, FeedRemovalTracker.KEY_TYPE, null)) {
            for (int poll = 0; poll < POLLS; poll++) {
                Instant at = FIRST_POLL.plusSeconds(60L * poll);
                for (int bucket = 0; bucket < SystemBucket.BUCKETS; bucket++) {
                    harness.processElement(TrackerInput.documentSeen(SYSTEM, bucket, at), at.toEpochMilli());
                }
                for (StationRow station : stations) {
                    harness.processElement(TrackerInput.of(observation(station, at, poll)), at.toEpochMilli());
                }
                harness.processWatermark(watermarkAfter(at));
            }
            return report(
                    FeedRemovalTracker.NAME,
                    harness,
                    stations.size(),
                    new MapStateDescriptor<>(
                            "present-stations", Types.STRING, TypeInformation.of(StationObservation.class)),
                    pending("open-documents"),
                    cleanup());
        }
    }

    private long assignArea(List<StationRow> stations) throws Exception {
        AreaPlacement placement = AreaPlacement.overridesOnly(null);
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new AssignArea(placement)),
                StationObservation::stateKey,
                (FeedItem item) -> StationObservation.stateKey(
                        item.systemId(), item.information().stationKey()),
                Types.STRING)) {
            harness.open();
            for (StationRow station : stations) {
                harness.processElement2(
                        FeedItem.information(SYSTEM, information(station), FIRST_POLL), FIRST_POLL.toEpochMilli());
            }
            for (int poll = 0; poll < POLLS; poll++) {
                Instant at = FIRST_POLL.plusSeconds(60L * poll);
                for (StationRow station : stations) {
                    harness.processElement1(observation(station, at, poll), at.toEpochMilli());
                }
                harness.processBothWatermarks(new Watermark(watermarkAfter(at)));
            }
            return report(
                    AssignArea.NAME,
                    harness,
                    stations.size(),
                    new ValueStateDescriptor<>("station-information", TypeInformation.of(StationInformation.class)),
                    new ValueStateDescriptor<>("decided-area", TypeInformation.of(PlacedArea.class)),
                    new ValueStateDescriptor<>("counted-area", TypeInformation.of(PlacedArea.class)),
                    new ValueStateDescriptor<>("postal-code", Types.STRING),
                    new ListStateDescriptor<>("awaiting-information", TypeInformation.of(StationObservation.class)),
                    cleanup());
        }
    }

    private long areaStatistics(List<StationRow> stations) throws Exception {
        try (var harness = KeyedTestHarness.open(
                new AreaStatsFunction(AreaStatsFunction.DEFAULT_WINDOW_SIZE),
                StatsArea::of,
                AreaStatsFunction.KEY_TYPE,
                null)) {
            feedPlaced(harness, stations);
            return report(
                    AreaStatsFunction.NAME,
                    harness,
                    stations.size(),
                    new MapStateDescriptor<>(
                            "latest-by-station", Types.STRING, TypeInformation.of(StationObservation.class)),
                    pending("pending-windows"),
                    cleanup());
        }
    }

    private long alerts(List<StationRow> stations) throws Exception {
        try (var harness = KeyedTestHarness.open(
                new StationAlertDetector(AlertThresholds.DEFAULTS), StationObservation::stateKey, null)) {
            feedPlaced(harness, stations);
            return report(
                    StationAlertDetector.NAME,
                    harness,
                    stations.size(),
                    pending("pending-observations"),
                    new ValueStateDescriptor<>("station-memory", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO),
                    new MapStateDescriptor<>(
                            "open-alerts", TypeInformation.of(AlertType.class), TypeInformation.of(StationAlert.class)),
                    cleanup());
        }
    }

    private static <K> void feedPlaced(KeyedTestHarness<K, StationObservation, ?> harness, List<StationRow> stations)
            throws Exception {
        for (int poll = 0; poll < POLLS; poll++) {
            Instant at = FIRST_POLL.plusSeconds(60L * poll);
            for (StationRow station : stations) {
                harness.processElement(
                        observation(station, at, poll)
                                .located(AreaKind.POSTAL_CODE, station.postalCode(), station.capacity()),
                        at.toEpochMilli());
            }
            harness.processWatermark(watermarkAfter(at));
        }
    }

    /** The bounded out-of-orderness watermark once the document of {@code at} arrived. */
    private static long watermarkAfter(Instant at) {
        return at.toEpochMilli() - OUT_OF_ORDERNESS_MILLIS - 1;
    }

    /** Station {@code station}'s status in the document of {@code at}, counts varying with the poll. */
    static StationObservation observation(StationRow station, Instant at, int poll) {
        int capacity = station.capacity() != null ? station.capacity() : 20;
        int spread = Math.floorMod(station.stationCode().hashCode() + 7 * poll, capacity + 1);
        int mechanical = spread / 2;
        int ebikes = spread - mechanical;
        StationStatus status = new StationStatus(
                station.stationId(),
                station.stationCode(),
                spread,
                mechanical,
                ebikes,
                capacity - spread,
                true,
                true,
                true,
                at.minusSeconds(Math.floorMod(station.stationId().hashCode(), 300)),
                List.of());
        return StationObservation.of(SYSTEM, status, null, at, at);
    }

    private static StationInformation information(StationRow station) {
        return new StationInformation(
                station.stationId(),
                station.stationCode(),
                station.name(),
                station.coordinates().lat(),
                station.coordinates().lon(),
                station.capacity(),
                station.postalCode(),
                null);
    }

    private static MapStateDescriptor<StationAt, StationObservation> pending(String name) {
        return new MapStateDescriptor<>(
                name, TypeInformation.of(StationAt.class), TypeInformation.of(StationObservation.class));
    }

    private static ValueStateDescriptor<Long> cleanup() {
        return new ValueStateDescriptor<>(IdleKeyCleanup.STATE_NAME, Types.LONG);
    }

    /** Adds the operator's rows to the table; returns its snapshot's size. */
    private <K> long report(
            String operator,
            AbstractStreamOperatorTestHarness<?> harness,
            int stations,
            StateDescriptor<?, ?>... states)
            throws Exception {
        KeyedStateBackend<K> backend = harness.getOperator().getKeyedStateBackend();
        long ofStates = 0;
        for (StateDescriptor<?, ?> state : states) {
            long bytes = bytesOf(backend, state);
            ofStates += bytes;
            table.add(String.format("| %s | `%s` | %.1f |", operator, state.getName(), (double) bytes / stations));
        }
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        long snapshotBytes = snapshot.getManagedKeyedState().stream()
                .mapToLong(KeyedStateHandle::getStateSize)
                .sum();
        table.add(String.format(
                "| %s | timers and framing | %.1f |", operator, (double) (snapshotBytes - ofStates) / stations));
        table.add(String.format("| %s | **snapshot** | **%.1f** |", operator, (double) snapshotBytes / stations));
        return snapshotBytes;
    }

    /** The bytes of a state's entries as a heap snapshot writes them: namespace, key, value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K> long bytesOf(KeyedStateBackend<K> backend, StateDescriptor<?, ?> descriptor) throws Exception {
        descriptor.initializeSerializerUnlessSet(new ExecutionConfig());
        List<K> keys =
                backend.getKeys(descriptor.getName(), VoidNamespace.INSTANCE).toList();
        TypeSerializer<K> keySerializer = backend.getKeySerializer();
        DataOutputSerializer out = new DataOutputSerializer(4096);
        long bytes = 0;
        for (K key : keys) {
            backend.setCurrentKey(key);
            Object state = backend.getPartitionedState(
                    VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, (StateDescriptor) descriptor);
            Object value;
            if (state instanceof MapState<?, ?> map) {
                Map<Object, Object> copy = new HashMap<>();
                map.entries().forEach(entry -> copy.put(entry.getKey(), entry.getValue()));
                value = copy;
            } else if (state instanceof ListState<?> list) {
                List<Object> copy = new ArrayList<>();
                list.get().forEach(copy::add);
                value = copy;
            } else {
                value = ((ValueState<?>) state).value();
            }
            if (value == null) {
                continue;
            }
            out.clear();
            VoidNamespaceSerializer.INSTANCE.serialize(VoidNamespace.INSTANCE, out);
            keySerializer.serialize(key, out);
            ((TypeSerializer) descriptor.getSerializer()).serialize(value, out);
            bytes += out.length();
        }
        return bytes;
    }
}
