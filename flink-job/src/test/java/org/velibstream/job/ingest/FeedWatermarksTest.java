package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.model.TestStations;

class FeedWatermarksTest {

    private static final Instant DOCUMENT_TIME = Instant.parse("2024-11-19T08:00:30Z");
    private static final Instant POLL_TIME = Instant.parse("2026-11-23T05:00:00Z");
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    private final ManualClock activityClock = new ManualClock();
    private final RecordingOutput output = new RecordingOutput();
    private final WatermarkStrategy<FeedItem> strategy = FeedWatermarks.strategy(Duration.ZERO, IDLE_TIMEOUT);
    private final WatermarkGenerator<FeedItem> generator = strategy.createWatermarkGenerator(new Context());
    private final TimestampAssigner<FeedItem> timestamps = strategy.createTimestampAssigner(null);

    @Test
    void feedHealthPolledTodayNeitherMovesTheWatermarkOfRecordedDocumentsNorKeepsTheSplitActive() {
        offer(FeedItem.status(
                "velib",
                TestStations.station("16107").observedAt(DOCUMENT_TIME).status(),
                DOCUMENT_TIME,
                DOCUMENT_TIME,
                true));
        generator.onPeriodicEmit(output);
        assertThat(output.watermark).isEqualTo(DOCUMENT_TIME.toEpochMilli() - 1);

        for (int minute = 1; minute <= 4; minute++) {
            activityClock.advanceTime(Duration.ofMinutes(1));
            offer(FeedItem.health(FeedHealth.down(
                    "velib",
                    "station_status",
                    POLL_TIME.plusSeconds(60L * minute),
                    "connect",
                    "ConnectException: Connection refused")));
            offer(FeedItem.deadLetter(
                    "velib", DeadLetter.of("http velib/station_status", "not JSON", new byte[] {'x'}, POLL_TIME)));
            generator.onPeriodicEmit(output);
        }

        assertThat(output.watermark)
                .as("the watermark stays at the documents' time")
                .isEqualTo(DOCUMENT_TIME.toEpochMilli() - 1);
        assertThat(output.idle)
                .as("no status for %s: the split no longer holds back the others", IDLE_TIMEOUT)
                .isTrue();
    }

    @Test
    void aSplitPollingVehicleTypesIsIdleAtOnceAndAStatusSplitIsNot() {
        offer(FeedItem.health(FeedHealth.up("velib", "vehicle_types", POLL_TIME)));
        generator.onPeriodicEmit(output);
        assertThat(output.idle)
                .as("vehicle_types carries no event time: its split must not hold back the reader's watermark")
                .isTrue();

        WatermarkGenerator<FeedItem> statusSplit = strategy.createWatermarkGenerator(new Context());
        RecordingOutput statusOutput = new RecordingOutput();
        statusSplit.onEvent(
                FeedItem.health(FeedHealth.up("velib", "station_status", POLL_TIME)),
                POLL_TIME.toEpochMilli(),
                statusOutput);
        statusSplit.onPeriodicEmit(statusOutput);
        assertThat(statusOutput.idle)
                .as("a status split waits for the idle timeout")
                .isFalse();
    }

    private void offer(FeedItem item) {
        generator.onEvent(item, timestamps.extractTimestamp(item, Long.MIN_VALUE), output);
    }

    private final class Context implements WatermarkGeneratorSupplier.Context {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return activityClock;
        }
    }

    private static final class RecordingOutput implements WatermarkOutput {
        private long watermark = Long.MIN_VALUE;
        private boolean idle;

        @Override
        public void emitWatermark(Watermark emitted) {
            watermark = emitted.getTimestamp();
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
