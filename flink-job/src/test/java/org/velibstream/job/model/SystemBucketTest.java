package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.velibstream.job.testing.StationTables;

class SystemBucketTest {

    /** Flink's default maximum parallelism for jobs of up to 128 slots: the number of key groups. */
    private static final int KEY_GROUPS = 128;

    @Test
    void aStationsBucketIsFixedArithmeticOfItsKey() {
        // Pinned values: a change would move stations between buckets, which no restore can follow.
        assertThat(List.of("16107", "1001", "10001", "").stream().map(SystemBucket::bucketOf))
                .containsExactly(4, 8, 13, 0);
        assertThat(SystemBucket.of("velib", "16107")).isEqualTo(new SystemBucket("velib", 4));
        assertThat(new SystemBucket("velib", 3).hashCode())
                .as("the key group of a key follows its hashCode(), which must not depend on the JVM")
                .isEqualTo(31 * "velib".hashCode() + 3);
    }

    @Test
    void velibsStationsSpreadOverTwoSubtasks() throws IOException {
        List<String> codes = Files.readAllLines(StationTables.DATA_TABLE).stream()
                .skip(1)
                .map(line -> line.substring(0, line.indexOf(',')))
                .toList();
        assertThat(codes).hasSizeGreaterThan(1400);

        Map<Integer, Long> stationsPerBucket =
                codes.stream().collect(Collectors.groupingBy(SystemBucket::bucketOf, Collectors.counting()));
        assertThat(stationsPerBucket).as("every bucket has stations").hasSize(SystemBucket.BUCKETS);

        Map<Integer, Long> stationsPerSubtask = codes.stream()
                .map(code -> SystemBucket.of("velib", code))
                .collect(Collectors.groupingBy(
                        key -> KeyGroupRangeAssignment.assignKeyToParallelOperator(key, KEY_GROUPS, 2),
                        Collectors.counting()));
        System.out.printf(
                "Vélib' stations per tracker subtask at parallelism 2: %s; per bucket: %s%n",
                stationsPerSubtask, stationsPerBucket);
        assertThat(stationsPerSubtask).as("both subtasks track Vélib' stations").containsOnlyKeys(0, 1);
        assertThat(stationsPerSubtask.values())
                .as("neither subtask has more than two thirds of them")
                .allSatisfy(count -> assertThat(count).isLessThan(codes.size() * 2L / 3));
    }
}
