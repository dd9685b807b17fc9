package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.job.model.TestStations.station;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.testing.MiniClusters;

/**
 * The upgrade of {@code docs/operations.md}: a savepoint holding keyed state under the old tracker's uid
 * ({@code feed-removal-tracker}, keyed by system) does not restore into the job keyed by buckets, and restores with
 * {@code --allowNonRestoredState} ({@link StateRecoveryOptions#SAVEPOINT_IGNORE_UNCLAIMED_STATE}).
 */
class RemovalTrackerUpgradeITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static final String OLD_UID = "feed-removal-tracker";
    private static final Instant FIRST_DOCUMENT = Instant.parse("2024-11-19T08:00:00Z");

    /** Stands in for the old tracker: keyed by system, with a station map in keyed state, under its uid. */
    static final class KeyedBySystem extends KeyedProcessFunction<String, StationObservation, StationObservation> {
        private static final long serialVersionUID = 1L;
        private transient MapState<String, Long> presentStations;

        @Override
        public void open(OpenContext openContext) {
            presentStations = getRuntimeContext()
                    .getMapState(new MapStateDescriptor<>("present-stations", Types.STRING, Types.LONG));
        }

        @Override
        public void processElement(StationObservation observation, Context context, Collector<StationObservation> out)
                throws Exception {
            presentStations.put(
                    observation.stationKey(), observation.observedAt().toEpochMilli());
            out.collect(observation);
        }
    }

    /** Ten stations a document, a document a minute of event time, a few hundred observations a second. */
    static final class ToObservation implements MapFunction<Long, StationObservation> {
        private static final long serialVersionUID = 1L;

        @Override
        public StationObservation map(Long index) throws InterruptedException {
            Thread.sleep(2);
            return station(Long.toString(1001 + index % 10))
                    .observedAt(FIRST_DOCUMENT.plus(Duration.ofMinutes(index / 10)));
        }
    }

    private static DataStream<StationObservation> observations(StreamExecutionEnvironment env) {
        return env.fromSequence(0, Long.MAX_VALUE)
                .uid("sequence")
                .setParallelism(1)
                .map(new ToObservation())
                .uid("to-observation")
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<StationObservation>forMonotonousTimestamps()
                        .withTimestampAssigner((observation, previous) ->
                                observation.observedAt().toEpochMilli()))
                .uid("watermarks")
                .setParallelism(1);
    }

    private static StreamExecutionEnvironment newJob(Configuration configuration) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(MiniClusters.SLOTS);
        return env;
    }

    private static void waitUntilRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            assertThat(System.nanoTime()).as("job RUNNING within a minute").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Stops {@code job} with a savepoint, trying again while its tasks are still starting: a job is RUNNING before
     * its tasks are, and on a loaded machine a task may still be initializing seconds later.
     */
    private static String stopWithSavepoint(JobClient job, Path savepoints) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
            } catch (ExecutionException e) {
                if (!ExceptionUtils.stringifyException(e).contains("Not all required tasks are currently running")
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static JobClient newTrackerJob(Path savepoint, boolean allowNonRestoredState) throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toString());
        configuration.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
        StreamExecutionEnvironment env = newJob(configuration);
        observations(env)
                .process(new AnnounceFeedDocuments())
                .name(AnnounceFeedDocuments.NAME)
                .uid(AnnounceFeedDocuments.UID)
                .setParallelism(1)
                .keyBy(TrackerInput::key, FeedRemovalTracker.KEY_TYPE)
                .process(new FeedRemovalTracker())
                .name(FeedRemovalTracker.NAME)
                .uid(FeedRemovalTracker.UID)
                .sinkTo(new DiscardingSink<>());
        return env.executeAsync("tracker by buckets");
    }

    @Test
    void aSavepointOfTheTrackerKeyedBySystemRestoresOnlyWithAllowNonRestoredState(@TempDir Path savepoints)
            throws Exception {
        StreamExecutionEnvironment oldEnv = newJob(new Configuration());
        observations(oldEnv)
                .keyBy(StationObservation::systemId)
                .process(new KeyedBySystem())
                .uid(OLD_UID)
                .sinkTo(new DiscardingSink<>());
        JobClient oldJob = oldEnv.executeAsync("tracker keyed by system");
        waitUntilRunning(oldJob);
        Thread.sleep(2_000); // some documents into the old tracker's keyed state
        Path savepoint = Path.of(stopWithSavepoint(oldJob, savepoints).replaceFirst("^file:", ""));

        JobClient refused = newTrackerJob(savepoint, false);
        assertThatThrownBy(() -> refused.getJobExecutionResult().get())
                .satisfies(failure -> assertThat(ExceptionUtils.stringifyException(failure))
                        .as("the old uid's state has no operator to go to")
                        .contains("Cannot map checkpoint/savepoint state for operator"));

        JobClient upgraded = newTrackerJob(savepoint, true);
        waitUntilRunning(upgraded);
        Thread.sleep(1_000);
        assertThat(upgraded.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        upgraded.cancel().get();
    }
}
