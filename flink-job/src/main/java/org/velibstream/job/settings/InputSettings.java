package org.velibstream.job.settings;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;
import org.velibstream.job.ingest.GbfsSystem;
import org.velibstream.job.ingest.MaxClockSkew;

/**
 * Which inputs the job reads and how: the GBFS systems to poll and the polling's timing, or the replay's files. (The
 * raw Kafka topic's settings are in {@link KafkaSettings}.)
 *
 * @param systems the GBFS systems of {@code --gbfs} to poll; empty unless {@code kind} polls
 * @param catalog the systems of a MobilityData catalog to poll too; null for none
 * @param statusFiles with {@link SourceKind#FILES}: a directory of station_status snapshots, or one file
 * @param informationFile with {@link SourceKind#FILES}: a station_information file; null for the recorded one
 * @param rawSystemId the system id of records from the raw topic or files
 * @param rawSystemIdGiven whether {@code --raw-system-id} was given: if not, a recording's system_information names
 *     the system
 * @param timeZoneOverride {@code --time-zone} when given: every system's time zone; null to take each system's own
 * @param maxClockSkew how far ahead of the job's clock live input may be stamped ({@code --max-clock-skew})
 */
public record InputSettings(
        SourceKind kind,
        List<GbfsSystem> systems,
        @Nullable GbfsCatalogSelection catalog,
        Duration statusInterval,
        Duration informationInterval,
        Duration httpRequestTimeout,
        int httpMaxConnectionsPerHost,
        Duration httpMaxBackoff,
        @Nullable String statusFiles,
        @Nullable String informationFile,
        String rawSystemId,
        boolean rawSystemIdGiven,
        @Nullable ZoneId timeZoneOverride,
        MaxClockSkew maxClockSkew) {

    /** The time zone of a system that says none, unless {@code --time-zone} is given: Vélib's. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of(CassandraOptions.TIME_ZONE.defaultValue());

    public InputSettings {
        Objects.requireNonNull(kind, "kind");
        systems = List.copyOf(systems);
        Objects.requireNonNull(rawSystemId, "rawSystemId");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    }

    /**
     * Which rows of a MobilityData {@code systems.csv} to poll.
     *
     * @param file the catalog
     * @param countries country codes to keep; empty for every country
     * @param systemIds System IDs to keep; empty for every system
     */
    public record GbfsCatalogSelection(String file, List<String> countries, List<String> systemIds) {
        public GbfsCatalogSelection {
            Objects.requireNonNull(file, "file");
            countries = List.copyOf(countries);
            systemIds = List.copyOf(systemIds);
        }
    }

    /** The time zone of systems that say none: {@code --time-zone} when given, else Europe/Paris. */
    public ZoneId fallbackTimeZone() {
        return timeZoneOverride != null ? timeZoneOverride : DEFAULT_TIME_ZONE;
    }

    /**
     * @throws IllegalArgumentException when a {@code --gbfs} system or the time zone is malformed, or
     *     {@code --max-clock-skew} is not positive
     */
    static InputSettings from(Configuration config) {
        SourceKind kind = config.get(InputOptions.SOURCE);
        GbfsCatalogSelection catalog = kind.polls() ? catalog(config) : null;
        // A catalog replaces the default system (Vélib'), not one the user names.
        boolean pollsGbfsOption = kind.polls() && (catalog == null || config.contains(InputOptions.GBFS));
        List<GbfsSystem> systems = pollsGbfsOption
                ? config.get(InputOptions.GBFS).stream().map(GbfsSystem::parse).toList()
                : List.of();
        return new InputSettings(
                kind,
                systems,
                catalog,
                config.get(InputOptions.STATUS_INTERVAL),
                config.get(InputOptions.INFORMATION_INTERVAL),
                config.get(InputOptions.HTTP_REQUEST_TIMEOUT),
                config.get(InputOptions.HTTP_MAX_CONNECTIONS_PER_HOST),
                config.get(InputOptions.HTTP_MAX_BACKOFF),
                config.get(InputOptions.STATUS_FILES),
                config.get(InputOptions.INFORMATION_FILE),
                config.get(InputOptions.RAW_SYSTEM_ID),
                config.contains(InputOptions.RAW_SYSTEM_ID),
                config.contains(CassandraOptions.TIME_ZONE) ? timeZone(config.get(CassandraOptions.TIME_ZONE)) : null,
                new MaxClockSkew(config.get(InputOptions.MAX_CLOCK_SKEW)));
    }

    @Nullable
    private static GbfsCatalogSelection catalog(Configuration config) {
        String file = config.get(InputOptions.GBFS_CATALOG);
        if (file == null) {
            if (config.contains(InputOptions.GBFS_COUNTRY) || config.contains(InputOptions.GBFS_SYSTEMS)) {
                throw new IllegalArgumentException(
                        "--gbfs-country and --gbfs-systems select from --gbfs-catalog, " + "which is not given");
            }
            return null;
        }
        return new GbfsCatalogSelection(
                file,
                config.getOptional(InputOptions.GBFS_COUNTRY).orElse(List.of()),
                config.getOptional(InputOptions.GBFS_SYSTEMS).orElse(List.of()));
    }

    private static ZoneId timeZone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Bad value '" + zone + "' for --time-zone: " + e.getMessage(), e);
        }
    }
}
