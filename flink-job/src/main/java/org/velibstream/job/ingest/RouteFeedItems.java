package org.velibstream.job.ingest;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.model.StationObservation;

/**
 * Splits what the sources read: statuses from whole snapshots go to the main output (they feed removal tracking),
 * statuses from single records, station information, dead letters and polled feeds' health to their side outputs. Statuses leave here
 * without a postal code; {@code AssignPostalCode} gives them one.
 */
public final class RouteFeedItems extends ProcessFunction<FeedItem, StationObservation> {

    public static final String NAME = "Route statuses, station information, dead letters and feed health";
    public static final String UID = "route-feed-items";

    public static final OutputTag<StationObservation> SINGLE_STATUSES =
            new OutputTag<>("single-statuses", TypeInformation.of(StationObservation.class));
    public static final OutputTag<FeedItem> INFORMATION =
            new OutputTag<>("station-information", TypeInformation.of(FeedItem.class));
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<FeedHealth> FEED_HEALTH =
            new OutputTag<>("feed-health", TypeInformation.of(FeedHealth.class));

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(FeedItem item, Context context, Collector<StationObservation> out) {
        switch (item.kind()) {
            case STATUS -> {
                StationObservation observation = StationObservation.of(
                        item.systemId(),
                        Objects.requireNonNull(item.status()),
                        null,
                        item.observedAt(),
                        item.feedUpdatedAt());
                if (item.fromSnapshot()) {
                    out.collect(observation);
                } else {
                    context.output(SINGLE_STATUSES, observation);
                }
            }
            case INFORMATION -> context.output(INFORMATION, item);
            case DEAD_LETTER -> context.output(DEAD_LETTERS, Objects.requireNonNull(item.deadLetter()));
            case FEED_HEALTH -> context.output(FEED_HEALTH, Objects.requireNonNull(item.health()));
        }
    }
}
