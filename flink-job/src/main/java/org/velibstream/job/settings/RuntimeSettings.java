package org.velibstream.job.settings;

import java.time.Duration;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;

/**
 * How the job runs.
 *
 * @param checkpointInterval zero when checkpointing is off (and the Kafka sinks are at-least-once)
 * @param parallelism null for the cluster's
 * @param webUiPort with {@code java -jar}: the port of the local MiniCluster's web UI
 */
public record RuntimeSettings(
        Duration checkpointInterval, @Nullable Integer parallelism, int webUiPort) {

    public RuntimeSettings {
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    }

    static RuntimeSettings from(Configuration config) {
        return new RuntimeSettings(
                config.get(RuntimeOptions.CHECKPOINT_INTERVAL),
                config.get(RuntimeOptions.PARALLELISM),
                config.get(RuntimeOptions.WEB_UI_PORT));
    }

    /** Exactly-once needs checkpoints: without them, the Kafka sinks are at-least-once. */
    public boolean exactlyOnce() {
        return !checkpointInterval.isZero();
    }
}
