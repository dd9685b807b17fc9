package org.velibstream.job.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;

/**
 * Event time of the job's inputs. Only station statuses move the watermark: station information is polled rarely
 * (or read once in a replay), and dead letters and feed health carry the time they were received or polled, so none
 * says anything about how far the status data has come. Nor do they count as activity for the idle timeout: a feed
 * that is down reports its health at every retry, and must still let the watermark of the other feeds go on.
 */
public final class FeedWatermarks {

    private FeedWatermarks() {}

    public static WatermarkStrategy<FeedItem> strategy(Duration maxOutOfOrderness, Duration idleTimeout) {
        return WatermarkStrategy.<FeedItem>forGenerator(context -> {
                    WatermarkGenerator<FeedItem> outOfOrder = new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness);
                    // Idleness inside the filter, so that only statuses count as activity.
                    return new StatusDriven(
                            idleTimeout.isZero()
                                    ? outOfOrder
                                    : new WatermarksWithIdleness<>(
                                            outOfOrder, idleTimeout, context.getInputActivityClock()));
                })
                .withTimestampAssigner((item, previous) -> item.observedAt().toEpochMilli());
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
