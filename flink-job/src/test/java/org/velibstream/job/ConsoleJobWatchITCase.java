package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.console.JobWatch;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.Polling;

/**
 * The results console's {@link JobWatch} against a real Flink REST API (a MiniCluster's): it sees a running job as
 * running, a job that fails on purpose without restarts as failed with the first line of its exception's root cause,
 * which is what the console prints before ending with status 1 (and bin/demo with it), and one that restarts as
 * recovering, with the same line.
 */
class ConsoleJobWatchITCase {

    private static final String FAILURE = "failing on purpose, for the console to say so";

    /**
     * Set by the first test once it has seen its job running: a job failing after a fixed time could end before a
     * loaded machine's REST answer saw it RUNNING (seen in CI). The MiniCluster runs in this JVM, so the job sees it.
     */
    private static final AtomicBoolean FAIL_NOW = new AtomicBoolean();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    @Test
    void saysTheJobFailedWithTheFirstLineOfItsException() throws Exception {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        JobClient job = failingJob(noRestarts, Long.MAX_VALUE).executeAsync("the console's failing job");
        JobWatch watch = new JobWatch(restAddress(), job.getJobID().toHexString());

        JobWatch.JobState running = Polling.await(
                "the job RUNNING", Duration.ofMinutes(1), () -> "not yet", () -> Optional.of(watch.check())
                        .filter(state -> state.state().equals("RUNNING")));
        assertThat(running.ended()).isFalse();
        FAIL_NOW.set(true);

        JobWatch.JobState failed =
                Polling.await("the job FAILED", Duration.ofMinutes(1), () -> "not yet", () -> Optional.of(watch.check())
                        .filter(JobWatch.JobState::ended));

        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.describe()).isEqualTo("the job failed: java.lang.IllegalStateException: " + FAILURE);
    }

    @Test
    void showsAJobRestartingAfterAFailureWithoutEndingIt() throws Exception {
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1000);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
        JobClient job = failingJob(restarts, 100).executeAsync("the console's restarting job");
        JobWatch watch = new JobWatch(restAddress(), job.getJobID().toHexString());

        JobWatch.JobState restarting = Polling.await(
                "the job RESTARTING", Duration.ofMinutes(1), () -> "not yet", () -> Optional.of(watch.check())
                        .filter(state -> state.state().equals("RESTARTING")));

        assertThat(restarting.ended()).isFalse();
        assertThat(restarting.notice())
                .isEqualTo("the job is RESTARTING after: java.lang.IllegalStateException: " + FAILURE);
        job.cancel().get();
    }

    @Test
    void aJobTheClusterDoesNotKnowIsAnErrorNotAnEnd() {
        JobWatch watch = new JobWatch(restAddress(), "0123456789abcdef0123456789abcdef");

        assertThatThrownBy(watch::check).isInstanceOf(IOException.class).hasMessageContaining("404");
    }

    /** A job that fails at its record {@code failAt} (100: after about two seconds of running), or once told to. */
    private static StreamExecutionEnvironment failingJob(Configuration restartStrategy, long failAt) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(restartStrategy);
        env.setParallelism(1);
        env.fromSequence(0, Long.MAX_VALUE)
                .map(value -> {
                    if (value == failAt || FAIL_NOW.get()) {
                        throw new IllegalStateException(FAILURE);
                    }
                    Thread.sleep(20);
                    return value;
                })
                .name("Fails on purpose")
                .uid("fails-on-purpose")
                .sinkTo(new DiscardingSink<>())
                .name("Discards")
                .uid("discards");
        return env;
    }

    private static URI restAddress() {
        Configuration client = MINI_CLUSTER.getClientConfiguration();
        return URI.create("http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT));
    }
}
