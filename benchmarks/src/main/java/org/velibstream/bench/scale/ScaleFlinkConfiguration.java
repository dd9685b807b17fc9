package org.velibstream.bench.scale;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * The Flink set-up of a {@link ScaleHarness} run: a MiniCluster in this JVM, with one TaskManager of one slot per
 * unit of parallelism, configured as production's {@code flink-conf/} where it matters to the measurement.
 */
final class ScaleFlinkConfiguration {

    private ScaleFlinkConfiguration() {}

    /** As {@code flink-conf/}: hashmap state backend, filesystem checkpoint storage, the same min pause. */
    static Configuration flinkConfiguration(ScaleHarness.Settings settings, Path run) {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, System.getProperty(ScaleHarness.REST_PORT_PROPERTY, "0"));
        config.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                run.resolve("checkpoints").toUri().toString());
        config.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, settings.minPauseBetweenCheckpoints());
        config.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 1000);
        return config;
    }

    static MiniClusterConfiguration miniClusterConfiguration(ScaleHarness.Settings settings, Path run) {
        return new MiniClusterConfiguration.Builder()
                .setConfiguration(flinkConfiguration(settings, run))
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(settings.parallelism())
                .build();
    }
}
