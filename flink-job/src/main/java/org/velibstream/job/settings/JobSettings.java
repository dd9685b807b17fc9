package org.velibstream.job.settings;

import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;

/**
 * All the job's settings, resolved once, in {@code main}, from the options and the secrets: nothing below reads the
 * options or the environment again. The Kafka and Cassandra settings are resolved only when the job uses Kafka or
 * Cassandra, so that their passwords are asked for only then.
 *
 * @param kafka null when the job neither reads nor writes Kafka
 * @param cassandra null when the job does not write to Cassandra
 */
public record JobSettings(
        InputSettings input,
        PipelineSettings pipeline,
        OutputSettings output,
        RuntimeSettings runtime,
        @Nullable KafkaSettings kafka,
        @Nullable CassandraSettings cassandra) {

    public JobSettings {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(runtime, "runtime");
    }

    /** @throws IllegalArgumentException when an option's value is wrong or a password it needs is missing */
    public static JobSettings from(Configuration config) {
        return from(config, Secrets.fromEnvironment());
    }

    /** @throws IllegalArgumentException when an option's value is wrong or a password it needs is missing */
    public static JobSettings from(Configuration config, Secrets secrets) {
        InputSettings input = InputSettings.from(config);
        OutputSettings output = OutputSettings.from(config);
        boolean usesKafka = input.kind().readsKafka() || output.sinks().contains(SinkKind.KAFKA) || output.publishRaw();
        return new JobSettings(
                input,
                PipelineSettings.from(config),
                output,
                RuntimeSettings.from(config),
                usesKafka ? KafkaSettings.from(config, secrets) : null,
                output.sinks().contains(SinkKind.CASSANDRA) ? CassandraSettings.from(config, secrets) : null);
    }

    /** The Kafka settings, for the parts of the job that only exist when it uses Kafka. */
    public KafkaSettings requireKafka() {
        return Objects.requireNonNull(kafka, "the options use no Kafka");
    }

    /** The Cassandra settings, for the parts of the job that only exist when it writes to Cassandra. */
    public CassandraSettings requireCassandra() {
        return Objects.requireNonNull(cassandra, "the options use no Cassandra");
    }
}
