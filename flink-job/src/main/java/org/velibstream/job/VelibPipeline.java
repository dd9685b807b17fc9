package org.velibstream.job;

import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.velibstream.job.alerts.AlertThresholds;
import org.velibstream.job.alerts.FeedHealthDetector;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.alerts.StationAlertDetector;
import org.velibstream.job.ingest.FeedHealth;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.FeedWatermarks;
import org.velibstream.job.ingest.RouteFeedItems;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.model.FeedRemovalTracker;
import org.velibstream.job.model.LateObservationToDeadLetter;
import org.velibstream.job.model.LateObservationToDeadLetter.RejectedBy;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.options.JobOptions;
import org.velibstream.job.stations.AssignPostalCode;
import org.velibstream.job.stations.KeepStations;
import org.velibstream.job.stations.StationDirectory;
import org.velibstream.job.stats.PostalArea;
import org.velibstream.job.stats.PostalCodeStats;
import org.velibstream.job.stats.PostalCodeStatsFunction;

/**
 * The job's dataflow, top to bottom: sources → route → removal tracking → postal codes → statistics and alerts;
 * polled feeds' health → feed alerts, with the station alerts.
 * Sinks are attached by {@link OutputSinks}, so tests can collect the three result streams instead.
 */
public final class VelibPipeline {

    private VelibPipeline() {}

    /**
     * The result streams of the job, and the polled input for {@code --publish-raw}.
     *
     * @param polled what the HTTP source read; null when the job does not poll
     */
    public record Results(
            DataStream<PostalCodeStats> stats,
            DataStream<StationAlert> alerts,
            DataStream<DeadLetter> deadLetters,
            @Nullable DataStream<FeedItem> polled) {}

    public static Results build(
            StreamExecutionEnvironment env, Configuration config, InputSources sources, StationDirectory directory) {
        Objects.requireNonNull(sources, "sources");
        WatermarkStrategy<FeedItem> watermarks = FeedWatermarks.strategy(
                config.get(JobOptions.MAX_OUT_OF_ORDERNESS), config.get(JobOptions.IDLE_TIMEOUT));
        InputSources.Attached inputs = sources.attach(env, watermarks);
        DataStream<FeedItem> feed = inputs.all();

        SingleOutputStreamOperator<StationObservation> snapshots =
                feed.process(new RouteFeedItems()).name(RouteFeedItems.NAME).uid(RouteFeedItems.UID);

        DataStream<StationObservation> withRemovals = snapshots
                .keyBy(StationObservation::systemId)
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
                .process(new AssignPostalCode(directory))
                .name(AssignPostalCode.NAME)
                .uid(AssignPostalCode.UID);

        List<String> stationFilter =
                config.getOptional(JobOptions.STATION_FILTER).orElse(List.of());
        if (!stationFilter.isEmpty()) {
            observations = observations
                    .filter(new KeepStations(stationFilter))
                    .name(KeepStations.NAME)
                    .uid(KeepStations.UID);
        }

        SingleOutputStreamOperator<PostalCodeStats> stats = observations
                .keyBy(PostalArea::of, PostalCodeStatsFunction.KEY_TYPE)
                .process(new PostalCodeStatsFunction(config.get(JobOptions.WINDOW)))
                .name(PostalCodeStatsFunction.NAME)
                .uid(PostalCodeStatsFunction.UID);

        SingleOutputStreamOperator<StationAlert> stationAlerts = observations
                .keyBy(StationObservation::stateKey)
                .process(new StationAlertDetector(thresholds(config)))
                .name(StationAlertDetector.NAME)
                .uid(StationAlertDetector.UID);

        DataStream<StationAlert> feedAlerts = snapshots
                .getSideOutput(RouteFeedItems.FEED_HEALTH)
                .keyBy(FeedHealth::feedKey)
                .process(new FeedHealthDetector(config.get(JobOptions.FEED_DOWN_AFTER)))
                .name(FeedHealthDetector.NAME)
                .uid(FeedHealthDetector.UID);
        DataStream<StationAlert> alerts = stationAlerts.union(feedAlerts);

        DataStream<DeadLetter> deadLetters = snapshots
                .getSideOutput(RouteFeedItems.DEAD_LETTERS)
                .union(stats.getSideOutput(PostalCodeStatsFunction.LATE_OBSERVATIONS)
                        .map(new LateObservationToDeadLetter(RejectedBy.STATISTICS))
                        .name(RejectedBy.STATISTICS.operatorName())
                        .uid(RejectedBy.STATISTICS.uid()))
                .union(stationAlerts
                        .getSideOutput(StationAlertDetector.LATE_OBSERVATIONS)
                        .map(new LateObservationToDeadLetter(RejectedBy.ALERTS))
                        .name(RejectedBy.ALERTS.operatorName())
                        .uid(RejectedBy.ALERTS.uid()));

        return new Results(stats, alerts, deadLetters, inputs.polled());
    }

    static AlertThresholds thresholds(Configuration config) {
        return new AlertThresholds(
                config.get(JobOptions.EMPTY_AFTER),
                config.get(JobOptions.FULL_AFTER),
                config.get(JobOptions.STALE_AFTER),
                config.get(JobOptions.DROP_WITHIN),
                config.get(JobOptions.DROP_MIN_BIKES),
                config.get(JobOptions.DROP_FRACTION));
    }
}
