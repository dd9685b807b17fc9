package org.velibstream.job.settings;

import java.time.Duration;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;

/**
 * How the job runs.
 *
 * @param watermarkInterval how often the sources emit a watermark
 * @param bufferTimeout how long a network buffer may wait to fill before it is sent
 * @param checkpointInterval zero when checkpointing is off (and the Kafka sinks are at-least-once)
 * @param parallelism null for the cluster's
 * @param webUiPort with {@code java -jar}: the port of the local MiniCluster's web UI
 */
public record RuntimeSettings(
        Duration watermarkInterval,
        Duration bufferTimeout,
        Duration checkpointInterval,
        @Nullable Integer parallelism,
        int webUiPort) {

    public RuntimeSettings {
        Objects.requireNonNull(watermarkInterval, "watermarkInterval");
        Objects.requireNonNull(bufferTimeout, "bufferTimeout");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (watermarkInterval.isNegative() || watermarkInterval.isZero()) {
            // Zero would turn periodic watermarks off: event time would never advance.
            throw new IllegalArgumentException("--watermark-interval must be positive, got " + watermarkInterval);
        }
        if (bufferTimeout.isNegative()) {
            throw new IllegalArgumentException("--buffer-timeout must not be negative, got " + bufferTimeout);
        }
    }

    static RuntimeSettings from(Configuration config) {
        return new RuntimeSettings(
                config.get(RuntimeOptions.WATERMARK_INTERVAL),
                config.get(RuntimeOptions.BUFFER_TIMEOUT),
                config.get(RuntimeOptions.CHECKPOINT_INTERVAL),
                config.get(RuntimeOptions.PARALLELISM),
                config.get(RuntimeOptions.WEB_UI_PORT));
    }

    /** Exactly-once needs checkpoints: without them, the Kafka sinks are at-least-once. */
    public boolean exactlyOnce() {
        return !checkpointInterval.isZero();
    }
}
