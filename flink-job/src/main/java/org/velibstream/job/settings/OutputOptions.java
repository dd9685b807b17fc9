package org.velibstream.job.settings;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of where the results go. */
public final class OutputOptions {

    private OutputOptions() {}

    public static final ConfigOption<List<SinkKind>> SINK = ConfigOptions.key("sink")
            .enumType(SinkKind.class)
            .asList()
            .defaultValues(SinkKind.KAFKA, SinkKind.CASSANDRA)
            .withDescription("Where results go, separated by ';': kafka, cassandra, jsonl, print.");

    public static final ConfigOption<String> OUTPUT = ConfigOptions.key("output")
            .stringType()
            .noDefaultValue()
            .withDescription("With --sink jsonl: the directory for stats.jsonl, alerts.jsonl and deadletter.jsonl.");

    public static final ConfigOption<String> ALERTMANAGER_URL = ConfigOptions.key("alertmanager-url")
            .stringType()
            .noDefaultValue()
            .withDescription("Also post the alerts to Prometheus Alertmanager (v2 API), at least once: its URL, e.g."
                    + " http://127.0.0.1:9093, or the URLs of a cluster's members separated by ','.");

    public static final ConfigOption<Duration> ALERTMANAGER_REFRESH = ConfigOptions.key("alertmanager-refresh")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("With --alertmanager-url: how often open alerts are posted again; Alertmanager resolves"
                    + " an alert not posted for 4 times this long (the job is gone).");

    /** In the order of README's table and {@code --help}. */
    static List<ConfigOption<?>> all() {
        return List.of(SINK, OUTPUT, ALERTMANAGER_URL, ALERTMANAGER_REFRESH);
    }
}
