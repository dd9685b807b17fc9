package org.velibstream.job.settings;

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

    /** In the order of README's table and {@code --help}. */
    static List<ConfigOption<?>> all() {
        return List.of(SINK, OUTPUT);
    }
}
