package org.velibstream.job.ingest;

import java.time.Duration;
import java.util.Objects;
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

    /**
     * Statuses drive the delegate. A split whose feed carries no event time (a system's vehicle_types, polled by the
     * status source so that its reader decodes the system's statuses with it) is idle, as its own health items show:
     * it would otherwise hold the reader's watermark at its minimum.
     */
    private static final class StatusDriven implements WatermarkGenerator<FeedItem> {

        private final WatermarkGenerator<FeedItem> delegate;
        private boolean withoutEventTime;

        StatusDriven(WatermarkGenerator<FeedItem> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onEvent(FeedItem item, long timestamp, WatermarkOutput output) {
            if (item.kind() == FeedItem.Kind.STATUS) {
                withoutEventTime = false;
                delegate.onEvent(item, timestamp, output);
            } else if (item.kind() == FeedItem.Kind.FEED_HEALTH) {
                withoutEventTime = !GbfsFeed.STATION_STATUS
                        .feedName()
                        .equals(Objects.requireNonNull(item.health()).feed());
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (withoutEventTime) {
                output.markIdle();
            } else {
                delegate.onPeriodicEmit(output);
            }
        }
    }
}
