package org.velibstream.job.settings;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every option of the job, in one explicit order: the order of README's options table and of {@code --help}. The
 * options themselves, with their defaults and documentation, are declared by area: {@link InputOptions},
 * {@link KafkaOptions}, {@link PipelineOptions}, {@link OutputOptions}, {@link CassandraOptions}
 * and {@link RuntimeOptions}. Options are read from a config file ({@code --config}) and the command line
 * ({@code --name value}, which wins) by {@link JobConfiguration}; passwords come from environment variables or the
 * files they name ({@link Secrets}), never from options.
 */
public final class JobOptions {

    private JobOptions() {}

    /** All options, in the order they are documented; a new option must be added here to be accepted. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>();
        options.addAll(InputOptions.all());
        options.addAll(KafkaOptions.all());
        options.addAll(PipelineOptions.all());
        options.addAll(OutputOptions.all());
        options.addAll(CassandraOptions.all());
        options.addAll(RuntimeOptions.all());
        return List.copyOf(options);
    }
}
