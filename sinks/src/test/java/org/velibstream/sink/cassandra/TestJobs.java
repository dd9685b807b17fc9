package org.velibstream.sink.cassandra;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Job environments for the integration tests. */
final class TestJobs {

    private TestJobs() {}

    /**
     * A parallelism-1 environment that restarts a failed job every {@code delay}, practically forever: a job that ends
     * anyway failed for good, and one that recovers did so through restarts.
     */
    static StreamExecutionEnvironment restartingEnvironment(Duration delay) {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1000);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, delay);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        return env;
    }
}
