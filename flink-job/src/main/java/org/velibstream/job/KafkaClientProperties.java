package org.velibstream.job;

import org.apache.flink.configuration.Configuration;

import org.velibstream.job.options.JobOptions;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Kafka client settings shared by the job's source, sinks and topic creation: the bootstrap servers, and the
 * optional {@code --kafka-properties} file (security settings and their secrets stay in that file, off the command
 * line and out of the web UI's job configuration).
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {}

    public static Properties load(Configuration config) {
        Properties properties = new Properties();
        config.getOptional(JobOptions.KAFKA_PROPERTIES).ifPresent(file -> {
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read --kafka-properties " + file, e);
            }
        });
        properties.setProperty("bootstrap.servers", config.get(JobOptions.KAFKA_BOOTSTRAP));
        return properties;
    }
}
