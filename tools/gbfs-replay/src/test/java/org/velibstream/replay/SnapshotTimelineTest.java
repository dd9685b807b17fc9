package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTimelineTest {

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");
    /** Recordings 1 minute, then 3 minutes apart. */
    private static final List<Instant> TIMES = List.of(T0, T0.plusSeconds(60), T0.plusSeconds(240));

    @Test
    void followsTheRecordedGapsDividedBySpeedThenStaysOnTheLast() {
        SnapshotTimeline timeline = new SnapshotTimeline(TIMES, null, 60, false);

        assertThat(timeline.indexAt(Duration.ZERO)).isZero();
        assertThat(timeline.indexAt(Duration.ofMillis(999))).isZero();
        assertThat(timeline.indexAt(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(timeline.indexAt(Duration.ofMillis(3_999))).isEqualTo(1);
        assertThat(timeline.indexAt(Duration.ofSeconds(4))).isEqualTo(2);
        assertThat(timeline.indexAt(Duration.ofDays(365))).isEqualTo(2);
    }

    @Test
    void aFixedStepShowsEachRecordingAsLong() {
        SnapshotTimeline timeline = new SnapshotTimeline(TIMES, Duration.ofSeconds(10), 60, false);

        assertThat(timeline.indexAt(Duration.ofSeconds(9))).isZero();
        assertThat(timeline.indexAt(Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(timeline.indexAt(Duration.ofSeconds(19))).isEqualTo(1);
        assertThat(timeline.indexAt(Duration.ofSeconds(20))).isEqualTo(2);
    }

    @Test
    void loopingShowsTheLastForTheMeanGapAndStartsAgain() {
        SnapshotTimeline timeline = new SnapshotTimeline(TIMES, null, 60, true);

        assertThat(timeline.showFor(2))
                .as("the mean gap, 2 minutes, at speed 60")
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(timeline.indexAt(Duration.ofMillis(5_999))).isEqualTo(2);
        assertThat(timeline.indexAt(Duration.ofSeconds(6))).isZero();
        assertThat(timeline.indexAt(Duration.ofSeconds(7))).isEqualTo(1);
    }

    @Test
    void aSingleRecordingIsAlwaysOnAir() {
        SnapshotTimeline timeline = new SnapshotTimeline(List.of(T0), Duration.ofSeconds(1), 1, true);

        assertThat(timeline.indexAt(Duration.ofHours(5))).isZero();
    }

    @Test
    void beforeTheStartTheFirstRecordingIsOnAir() {
        assertThat(new SnapshotTimeline(TIMES, null, 1, false).indexAt(Duration.ofSeconds(-5)))
                .isZero();
    }

    @Test
    void refusesSettingsThatCannotReplay() {
        assertThatThrownBy(() -> new SnapshotTimeline(List.of(), null, 1, false))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new SnapshotTimeline(TIMES, null, 0, false)).hasMessageContaining("speed");
        assertThatThrownBy(() -> new SnapshotTimeline(TIMES, Duration.ZERO, 1, false))
                .hasMessageContaining("step");
    }
}
