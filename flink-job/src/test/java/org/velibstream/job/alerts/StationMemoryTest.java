package org.velibstream.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

class StationMemoryTest {

    private static final AlertThresholds THRESHOLDS = AlertThresholds.DEFAULTS;

    /** The rule as the detector applied it before issue 14: a scan of every count in the window. */
    @Nullable
    private static StationMemory.Count dropFromByScan(List<StationMemory.Count> counts, Instant now, int bikes) {
        Instant windowStart = now.minus(THRESHOLDS.suddenDropWithin());
        StationMemory.Count dropFrom = null;
        for (StationMemory.Count earlier : counts) {
            if (earlier.at().isBefore(windowStart)) {
                continue;
            }
            boolean isSuddenDrop = earlier.bikes() - bikes >= THRESHOLDS.suddenDropFrom(earlier.bikes());
            if (isSuddenDrop && (dropFrom == null || earlier.bikes() > dropFrom.bikes())) {
                dropFrom = earlier;
            }
        }
        return dropFrom;
    }

    @Test
    void theLargestRecentCountFindsTheSameDropAsAScanOfEveryCount() {
        Random random = new Random(14);
        for (int station = 0; station < 2_000; station++) {
            List<StationMemory.Count> counts = new ArrayList<>();
            StationMemory memory = StationMemory.empty();
            // Most feeds give whole seconds (counts stored one long each); a fallback time may have nanoseconds.
            boolean wholeSeconds = station % 2 == 0;
            Instant now = Instant.parse(wholeSeconds ? "2026-12-03T08:00:00Z" : "2026-12-03T08:00:00.123456789Z");
            for (int observation = 0; observation < 60; observation++) {
                long step = 1 + random.nextInt(random.nextBoolean() ? 120_000 : 600_000);
                now = now.plus(wholeSeconds ? Duration.ofSeconds(step / 1000 + 1) : Duration.ofMillis(step));
                int bikes = random.nextInt(random.nextBoolean() ? 4 : 40);
                StationMemory.Count expected = dropFromByScan(counts, now, bikes);

                memory = StationMemory.of(memory.toStored()); // every observation reads what the last one stored
                memory.forgetCountsBefore(now.minus(THRESHOLDS.suddenDropWithin()));
                StationMemory.Count largest = memory.largestCount();
                memory.addCount(now, bikes);
                StationMemory.Count found =
                        largest != null && largest.bikes() - bikes >= THRESHOLDS.suddenDropFrom(largest.bikes())
                                ? largest
                                : null;

                assertThat(found)
                        .as("station %d, observation %d", station, observation)
                        .isEqualTo(expected);
                counts.add(new StationMemory.Count(now, bikes));
            }
        }
    }

    @Test
    void runsAndOpenAlertsSurviveTheStoredForm() {
        StationMemory memory = StationMemory.empty();
        Instant start = Instant.parse("2026-12-03T08:00:00.5Z");
        memory.setEmptySince(start);
        memory.setOpen(AlertType.SUDDEN_DROP, true);
        memory.setOpen(AlertType.OFFLINE, true);
        memory.setOpen(AlertType.OFFLINE, false);

        StationMemory restored = StationMemory.of(memory.toStored());

        assertThat(restored.emptySince()).isEqualTo(start);
        assertThat(restored.fullSince()).isNull();
        assertThat(restored.isOpen(AlertType.SUDDEN_DROP)).isTrue();
        assertThat(restored.isOpen(AlertType.OFFLINE)).isFalse();
        assertThat(restored.toStored()).as("flags and the run's start").hasSize(3);
    }

    @Test
    void countsOfWholeSecondsTakeOneLongEachAndOthersTwo() {
        StationMemory memory = StationMemory.empty();
        Instant start = Instant.parse("2026-12-03T08:00:00Z");
        for (int minute = 0; minute < 16; minute++) {
            memory.addCount(start.plusSeconds(60L * minute), 7);
        }
        assertThat(memory.toStored()).as("flags, first second, 16 counts").hasSize(18);
        assertThat(StationMemory.of(memory.toStored()).toStored()).isEqualTo(memory.toStored());

        memory.addCount(start.plusSeconds(3600).plusNanos(1), 7);
        StationMemory restored = StationMemory.of(memory.toStored());
        assertThat(memory.toStored())
                .as("flags, first second, 17 counts of two longs")
                .hasSize(36);
        restored.forgetCountsBefore(start.plusSeconds(3600));
        assertThat(restored.largestCount())
                .isEqualTo(new StationMemory.Count(start.plusSeconds(3600).plusNanos(1), 7));
        assertThat(StationMemory.empty().toStored())
                .as("a station with nothing to remember")
                .hasSize(1);
    }
}
