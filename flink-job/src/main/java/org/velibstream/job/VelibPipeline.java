package org.velibstream.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.velibstream.job.alerts.FeedHealthDetector;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.alerts.StationAlertDetector;
import org.velibstream.job.ingest.FeedHealth;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.RouteFeedItems;
import org.velibstream.job.metrics.CountAlerts;
import org.velibstream.job.metrics.CountDeadLetters;
import org.velibstream.job.model.AnnounceFeedDocuments;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.model.FeedRemovalTracker;
import org.velibstream.job.model.LateObservationToDeadLetter;
import org.velibstream.job.model.LateObservationToDeadLetter.RejectedBy;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.model.TrackerInput;
import org.velibstream.job.settings.PipelineSettings;
import org.velibstream.job.stations.AreaPlacement;
import org.velibstream.job.stations.AssignArea;
import org.velibstream.job.stations.KeepStations;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.stats.AreaStatsFunction;
import org.velibstream.job.stats.StatsArea;

/**
 * The job's dataflow, top to bottom: what the sources read → route → removal tracking (by buckets of stations) → areas → statistics and
 * alerts; polled feeds' health → feed alerts, with the station alerts. It knows no source and no sink: the job attaches
 * them ({@code io.InputSources}, {@code io.OutputSinks}), and tests feed it from {@code env.fromData(...)} and collect
 * the three result streams instead.
 */
public final class VelibPipeline {

    private VelibPipeline() {}

    /** The result streams of the job. */
    public record Results(
            DataStream<AreaStats> stats, DataStream<StationAlert> alerts, DataStream<DeadLetter> deadLetters) {}

    /**
     * Builds the operators on {@code feed}.
     *
     * @param feed everything the sources read, with event time assigned by {@link PipelineSettings#watermarks()}
     * @param placement what places stations in areas
     */
    public static Results build(DataStream<FeedItem> feed, PipelineSettings settings, AreaPlacement placement) {
        SingleOutputStreamOperator<StationObservation> snapshots =
                feed.process(new RouteFeedItems()).name(RouteFeedItems.NAME).uid(RouteFeedItems.UID);

        DataStream<StationObservation> withRemovals = snapshots
                .process(new AnnounceFeedDocuments())
                .name(AnnounceFeedDocuments.NAME)
                .uid(AnnounceFeedDocuments.UID)
                .keyBy(TrackerInput::key, FeedRemovalTracker.KEY_TYPE)
                .process(new FeedRemovalTracker())
                .name(FeedRemovalTracker.NAME)
                .uid(FeedRemovalTracker.UID);

        DataStream<StationObservation> observations = withRemovals
                .union(snapshots.getSideOutput(RouteFeedItems.SINGLE_STATUSES))
                .keyBy(StationObservation::stateKey)
                .connect(snapshots
                        .getSideOutput(RouteFeedItems.INFORMATION)
                        .keyBy(item -> StationObservation.stateKey(
                                item.systemId(), item.information().stationKey())))
                .process(new AssignArea(placement))
                .name(AssignArea.NAME)
                .uid(AssignArea.UID);

        if (!settings.stationFilter().isEmpty()) {
            observations = observations
                    .filter(new KeepStations(settings.stationFilter()))
                    .name(KeepStations.NAME)
                    .uid(KeepStations.UID);
        }

        SingleOutputStreamOperator<AreaStats> stats = observations
                .keyBy(StatsArea::of, AreaStatsFunction.KEY_TYPE)
                .process(new AreaStatsFunction(settings.window()))
                .name(AreaStatsFunction.NAME)
                .uid(AreaStatsFunction.UID);

        SingleOutputStreamOperator<StationAlert> stationAlerts = observations
                .keyBy(StationObservation::stateKey)
                .process(new StationAlertDetector(settings.alertThresholds()))
                .name(StationAlertDetector.NAME)
                .uid(StationAlertDetector.UID);

        DataStream<StationAlert> feedAlerts = snapshots
                .getSideOutput(RouteFeedItems.FEED_HEALTH)
                .keyBy(FeedHealth::feedKey)
                .process(new FeedHealthDetector(settings.feedDownAfter()))
                .name(FeedHealthDetector.NAME)
                .uid(FeedHealthDetector.UID);
        DataStream<StationAlert> alerts = stationAlerts
                .union(feedAlerts)
                .map(new CountAlerts())
                .name(CountAlerts.NAME)
                .uid(CountAlerts.UID);

        DataStream<DeadLetter> deadLetters = snapshots
                .getSideOutput(RouteFeedItems.DEAD_LETTERS)
                .union(stats.getSideOutput(AreaStatsFunction.LATE_OBSERVATIONS)
                        .map(new LateObservationToDeadLetter(RejectedBy.STATISTICS))
                        .name(RejectedBy.STATISTICS.operatorName())
                        .uid(RejectedBy.STATISTICS.uid()))
                .union(stationAlerts
                        .getSideOutput(StationAlertDetector.LATE_OBSERVATIONS)
                        .map(new LateObservationToDeadLetter(RejectedBy.ALERTS))
                        .name(RejectedBy.ALERTS.operatorName())
                        .uid(RejectedBy.ALERTS.uid()))
                .map(new CountDeadLetters())
                .name(CountDeadLetters.NAME)
                .uid(CountDeadLetters.UID);

        return new Results(stats, alerts, deadLetters);
    }
}
