package org.velibstream.job.ingest;

import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/**
 * Event time of the job's inputs. Only station statuses move the watermark: station information is polled rarely
 * (or read once in a replay) and dead letters carry the time they were received, so neither says anything about
 * how far the status data has come.
 */
public final class FeedWatermarks {

    private FeedWatermarks() {}

    public static WatermarkStrategy<FeedItem> strategy(Duration maxOutOfOrderness, Duration idleTimeout) {
        WatermarkStrategy<FeedItem> strategy = WatermarkStrategy
                .<FeedItem>forGenerator(context -> new StatusDriven(new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness)))
                .withTimestampAssigner((item, previous) -> item.observedAt().toEpochMilli());
        return idleTimeout.isZero() ? strategy : strategy.withIdleness(idleTimeout);
    }

    /**
     * For an input of station information only: it carries no event time, so its output is idle and never holds back
     * the watermark of the statuses it is unioned with. (As one more split of the status source, it would: a split
     * that emits no status keeps the source's watermark at its minimum, again after every poll.)
     */
    public static WatermarkStrategy<FeedItem> noEventTime() {
        return WatermarkStrategy.<FeedItem>forGenerator(context -> new AlwaysIdle())
                .withTimestampAssigner((item, previous) -> item.observedAt().toEpochMilli());
    }

    private static final class AlwaysIdle implements WatermarkGenerator<FeedItem> {

        @Override
        public void onEvent(FeedItem item, long timestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    private static final class StatusDriven implements WatermarkGenerator<FeedItem> {

        private final WatermarkGenerator<FeedItem> delegate;

        StatusDriven(WatermarkGenerator<FeedItem> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onEvent(FeedItem item, long timestamp, WatermarkOutput output) {
            if (item.kind() == FeedItem.Kind.STATUS) {
                delegate.onEvent(item, timestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            delegate.onPeriodicEmit(output);
        }
    }
}
