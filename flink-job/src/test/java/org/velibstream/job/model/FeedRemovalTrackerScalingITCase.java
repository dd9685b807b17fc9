package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.job.model.TestStations.station;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.StationTables;

/**
 * One Vélib'-sized system through the removal tracker at parallelism 2, wired as in {@code VelibPipeline}: both
 * subtasks do a share of its work, and every removal still gets its one tombstone.
 */
class FeedRemovalTrackerScalingITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static final Instant FIRST_DOCUMENT = Instant.parse("2024-11-19T08:00:00Z");

    /** What the tracker's subtask {@code subtask} emitted for one station. */
    public record Handled(int subtask, String stationKey, boolean removed) {}

    /** Chained to the tracker (same parallelism, forward), so it runs in the tracker's subtask. */
    static final class TagWithSubtask extends RichMapFunction<StationObservation, Handled> {
        private static final long serialVersionUID = 1L;

        @Override
        public Handled map(StationObservation observation) {
            return new Handled(
                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    observation.stationKey(),
                    observation.removed());
        }
    }

    @Test
    @SuppressWarnings("try") // CloseableIterator.close() may throw InterruptedException; the test fails then
    void oneLargeSystemSpreadsOverTwoSubtasksWithTheSameTombstones() throws Exception {
        List<String> codes = Files.readAllLines(StationTables.DATA_TABLE).stream()
                .skip(1)
                .map(line -> line.substring(0, line.indexOf(',')))
                .toList();
        List<String> removedAtThird =
                codes.stream().filter(code -> code.endsWith("7")).toList();
        List<StationObservation> feed = new ArrayList<>();
        for (int document = 0; document < 3; document++) {
            Instant at = FIRST_DOCUMENT.plus(Duration.ofMinutes(document));
            for (String code : codes) {
                if (document < 2 || !removedAtThird.contains(code)) {
                    feed.add(station(code).observedAt(at));
                }
            }
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(MiniClusters.SLOTS);
        List<Handled> handled = new ArrayList<>();
        try (CloseableIterator<Handled> results = env.fromData(feed, TypeInformation.of(StationObservation.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<StationObservation>forMonotonousTimestamps()
                        .withTimestampAssigner((observation, previous) ->
                                observation.observedAt().toEpochMilli()))
                .setParallelism(1)
                .process(new AnnounceFeedDocuments())
                .setParallelism(1)
                .keyBy(TrackerInput::key, FeedRemovalTracker.KEY_TYPE)
                .process(new FeedRemovalTracker())
                .map(new TagWithSubtask())
                .collectAsync()) {
            env.execute("removal tracker at parallelism 2");
            results.forEachRemaining(handled::add);
        }

        Map<Integer, Long> perSubtask =
                handled.stream().collect(Collectors.groupingBy(Handled::subtask, Collectors.counting()));
        System.out.printf(
                "records emitted per tracker subtask, one system of %d stations: %s%n", codes.size(), perSubtask);
        assertThat(perSubtask).as("both subtasks track the system").containsOnlyKeys(0, 1);
        assertThat(perSubtask.values())
                .as("neither does more than two thirds of the work")
                .allSatisfy(count -> assertThat(count).isLessThan(handled.size() * 2L / 3));
        assertThat(handled.stream().filter(Handled::removed).map(Handled::stationKey))
                .as("one tombstone per station missing from the third document, no other")
                .containsExactlyInAnyOrderElementsOf(removedAtThird);
        assertThat(handled).filteredOn(record -> !record.removed()).hasSameSizeAs(feed);
    }
}
