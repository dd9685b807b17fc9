package org.velibstream.job.settings;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of how the job runs: latency knobs, checkpoints, parallelism, the local web UI. */
public final class RuntimeOptions {

    private RuntimeOptions() {}

    public static final ConfigOption<Duration> WATERMARK_INTERVAL = ConfigOptions.key("watermark-interval")
            .durationType()
            .defaultValue(Duration.ofMillis(50))
            .withDescription("How often the sources emit a watermark (Flink's pipeline.auto-watermark-interval): "
                    + "an observation is judged at most this much later than the record that lets the watermark pass "
                    + "it.");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT = ConfigOptions.key("buffer-timeout")
            .durationType()
            .defaultValue(Duration.ofMillis(10))
            .withDescription("How long a network buffer between tasks may wait to fill before it is sent (Flink's "
                    + "execution.buffer-timeout.interval): the delay a sparse output, such as alerts, takes per hop.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("checkpoint-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("Checkpoint interval (exactly-once); 0 turns checkpointing off.");

    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("parallelism")
            .intType()
            .noDefaultValue()
            .withDescription("Job parallelism; default: the cluster's.");

    public static final ConfigOption<Integer> WEB_UI_PORT = ConfigOptions.key("web-ui-port")
            .intType()
            .defaultValue(8081)
            .withDescription("With java -jar: the port of the local MiniCluster's web UI.");

    /** In the order of README's table and {@code --help}. */
    static List<ConfigOption<?>> all() {
        return List.of(WATERMARK_INTERVAL, BUFFER_TIMEOUT, CHECKPOINT_INTERVAL, PARALLELISM, WEB_UI_PORT);
    }
}
