package org.velibstream.job.settings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;
import org.velibstream.job.ingest.GbfsSystem;

/**
 * Which inputs the job reads and how: the GBFS systems to poll and the polling's timing, or the replay's files. (The
 * raw Kafka topic's settings are in {@link KafkaSettings}.)
 *
 * @param systems the GBFS systems to poll; empty unless {@code kind} polls
 * @param statusFiles with {@link SourceKind#FILES}: a directory of station_status snapshots, or one file
 * @param informationFile with {@link SourceKind#FILES}: a station_information file; null for none
 * @param rawSystemId the system id of records from the raw topic or files
 */
public record InputSettings(
        SourceKind kind,
        List<GbfsSystem> systems,
        Duration statusInterval,
        Duration informationInterval,
        Duration httpRequestTimeout,
        int httpMaxConnectionsPerHost,
        Duration httpMaxBackoff,
        @Nullable String statusFiles,
        @Nullable String informationFile,
        String rawSystemId) {

    public InputSettings {
        Objects.requireNonNull(kind, "kind");
        systems = List.copyOf(systems);
        Objects.requireNonNull(rawSystemId, "rawSystemId");
    }

    /** @throws IllegalArgumentException when a {@code --gbfs} system is malformed */
    static InputSettings from(Configuration config) {
        SourceKind kind = config.get(InputOptions.SOURCE);
        List<GbfsSystem> systems = kind.polls()
                ? config.get(InputOptions.GBFS).stream().map(GbfsSystem::parse).toList()
                : List.of();
        return new InputSettings(
                kind,
                systems,
                config.get(InputOptions.STATUS_INTERVAL),
                config.get(InputOptions.INFORMATION_INTERVAL),
                config.get(InputOptions.HTTP_REQUEST_TIMEOUT),
                config.get(InputOptions.HTTP_MAX_CONNECTIONS_PER_HOST),
                config.get(InputOptions.HTTP_MAX_BACKOFF),
                config.get(InputOptions.STATUS_FILES),
                config.get(InputOptions.INFORMATION_FILE),
                config.get(InputOptions.RAW_SYSTEM_ID));
    }
}
