package org.velibstream.job.io;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.velibstream.gbfs.BikeType;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.FeedWatermarks;
import org.velibstream.job.ingest.GbfsEndpointId;
import org.velibstream.job.ingest.GbfsFeed;
import org.velibstream.job.ingest.GbfsResponseDeserializer;
import org.velibstream.job.ingest.GbfsSystemProfile;
import org.velibstream.job.ingest.RawStationRecordDeserializer;
import org.velibstream.job.ingest.ReadSnapshotFile;
import org.velibstream.job.model.SystemTimeZones;
import org.velibstream.job.settings.InputSettings;
import org.velibstream.job.settings.KafkaSettings;
import org.velibstream.job.settings.SourceKind;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.HttpPollingSource;
import org.velibstream.source.http.HttpPollingSourceOptions;

/**
 * The job's inputs as the settings choose them (HTTP polling of GBFS systems, the raw Kafka topic, both, or a bounded
 * replay of files), unioned into one stream of {@link FeedItem}s with event time assigned.
 */
public final class InputSources {

    public static final String STATUS_HTTP_NAME = "Poll GBFS station_status";
    public static final String STATUS_HTTP_UID = "gbfs-status-http-source";
    public static final String INFORMATION_HTTP_NAME = "Poll GBFS station_information";
    public static final String INFORMATION_HTTP_UID = "gbfs-information-http-source";
    public static final String KAFKA_NAME = "Read raw station statuses from Kafka";
    public static final String KAFKA_UID = "raw-kafka-source";
    private static final String FILES_NAME = "Recorded station_status files";
    private static final String FILES_UID = "status-snapshot-files";
    private static final String INFORMATION_FILE_NAME = "Recorded station_information file";
    private static final String INFORMATION_FILE_UID = "station-information-file";

    private final InputSettings settings;

    @Nullable
    private final KafkaSettings kafka;

    private final List<HttpEndpoint> endpoints;
    private final Map<String, GbfsSystemProfile> profiles;

    @Nullable
    private final RecordedSystem recorded;

    /** The raw topic's partitions when the job reads it, else 0. */
    private final int rawTopicPartitions;

    private InputSources(
            InputSettings settings,
            @Nullable KafkaSettings kafka,
            int rawTopicPartitions,
            List<HttpEndpoint> endpoints,
            Map<String, GbfsSystemProfile> profiles,
            @Nullable RecordedSystem recorded) {
        this.settings = settings;
        this.kafka = kafka;
        this.rawTopicPartitions = rawTopicPartitions;
        this.endpoints = List.copyOf(endpoints);
        this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        this.recorded = recorded;
    }

    /**
     * Resolves what the inputs need before the job starts: the feed URLs and profile of each GBFS system (from its
     * gbfs.json and the feeds it lists), the replay's files in time order with the system's recorded feeds, and the
     * raw topic, created when missing ({@link KafkaInputTopic}). Fails here, with the reason, rather than in a running
     * job.
     *
     * @param kafka the Kafka settings; only read when the settings' source reads Kafka
     * @throws IllegalArgumentException when two systems have the same id, the replay has no --status, or the catalog
     *     selects no system
     * @throws KafkaAccessException when the raw topic is missing and cannot be created, or cannot be seen
     */
    public static InputSources resolve(InputSettings settings, @Nullable KafkaSettings kafka)
            throws IOException, InterruptedException, KafkaAccessException {
        return resolve(settings, kafka, KafkaInputTopic.CREATE_WHEN_MISSING);
    }

    /**
     * As {@link #resolve(InputSettings, KafkaSettings)}, the raw topic's partitions found by {@code rawTopic}: for
     * tests that build the job without a broker.
     */
    public static InputSources resolve(
            InputSettings settings, @Nullable KafkaSettings kafka, KafkaInputTopic.Partitions rawTopic)
            throws IOException, InterruptedException, KafkaAccessException {
        SourceKind kind = settings.kind();
        int rawTopicPartitions = 0;
        if (kind.readsKafka()) {
            rawTopicPartitions = rawTopic.of(Objects.requireNonNull(kafka, "--source kafka needs the Kafka settings"));
        }
        PolledSystems polled = PolledSystems.discover(settings);
        Map<String, GbfsSystemProfile> profiles = new LinkedHashMap<>(polled.profiles());
        if (kind.readsKafka()) {
            profiles.putIfAbsent(settings.rawSystemId(), GbfsSystemProfile.unknown(settings.rawSystemId()));
        }
        RecordedSystem recorded = null;
        if (kind == SourceKind.FILES) {
            recorded = RecordedSystem.resolve(settings);
            profiles.put(recorded.profile().systemId(), recorded.profile());
        }
        return new InputSources(settings, kafka, rawTopicPartitions, polled.endpoints(), profiles, recorded);
    }

    /** The polled HTTP endpoints, one per system and feed. */
    public List<HttpEndpoint> endpoints() {
        return endpoints;
    }

    /**
     * What is known of each system the job reads, by system id: the polled ones, the replayed one, and the raw
     * topic's (of which only the id is known).
     */
    public Map<String, GbfsSystemProfile> profiles() {
        return profiles;
    }

    /**
     * Each system's time zone, for the {@code day} partitions: {@code --time-zone} for every system when given, else
     * each system's own from its system_information, else Europe/Paris.
     */
    public SystemTimeZones timeZones() {
        if (settings.timeZoneOverride() != null) {
            return SystemTimeZones.of(settings.timeZoneOverride());
        }
        Map<String, ZoneId> bySystem = new HashMap<>();
        profiles.values().stream()
                .filter(profile -> profile.timeZone() != null)
                .forEach(profile -> bySystem.put(profile.systemId(), profile.timeZone()));
        return new SystemTimeZones(bySystem, settings.fallbackTimeZone());
    }

    /** Each system's GBFS regions, region_id → name, for the systems that publish system_regions. */
    public Map<String, Map<String, String>> regionNames() {
        Map<String, Map<String, String>> bySystem = new HashMap<>();
        profiles.values().stream()
                .filter(profile -> !profile.regionNames().isEmpty())
                .forEach(profile -> bySystem.put(profile.systemId(), profile.regionNames()));
        return Map.copyOf(bySystem);
    }

    /**
     * Adds the sources to {@code env}, each assigning event time with {@code watermarks}, and returns their union,
     * and the HTTP input alone for --publish-raw.
     */
    public Attached attach(StreamExecutionEnvironment env, WatermarkStrategy<FeedItem> watermarks) {
        SourceKind kind = settings.kind();
        DataStream<FeedItem> polled = kind.polls() ? polled(env, watermarks) : null;
        DataStream<FeedItem> fromKafka = kind.readsKafka() ? kafka(env, watermarks) : null;
        DataStream<FeedItem> all =
                switch (kind) {
                    case HTTP -> polled;
                    case KAFKA -> fromKafka;
                    case BOTH -> polled.union(fromKafka);
                    case FILES -> files(env, watermarks);
                };
        return new Attached(all, polled);
    }

    /** The inputs as one stream, and the polled HTTP input alone (null when not polling). */
    public record Attached(
            DataStream<FeedItem> all, @Nullable DataStream<FeedItem> polled) {}

    /** Statuses and information are two sources: only statuses carry event time (see {@link FeedWatermarks#noEventTime}). */
    private DataStream<FeedItem> polled(StreamExecutionEnvironment env, WatermarkStrategy<FeedItem> watermarks) {
        // A system's vehicle_types is polled with its statuses, by the same reader (one group per system), whose
        // deserializer decodes the statuses with the latest vehicle types it read.
        DataStream<FeedItem> statuses = polled(
                        env,
                        GbfsFeed.STATION_STATUS,
                        Set.of(GbfsFeed.STATION_STATUS, GbfsFeed.VEHICLE_TYPES),
                        watermarks)
                .name(STATUS_HTTP_NAME)
                .uid(STATUS_HTTP_UID);
        DataStream<FeedItem> information = polled(
                        env,
                        GbfsFeed.STATION_INFORMATION,
                        Set.of(GbfsFeed.STATION_INFORMATION),
                        FeedWatermarks.noEventTime())
                .name(INFORMATION_HTTP_NAME)
                .uid(INFORMATION_HTTP_UID);
        return statuses.union(information);
    }

    /**
     * One reader per system at most (a system's endpoints go to one reader): a reader without an endpoint would hold
     * back the watermark until the idle timeout (the Kafka source runs one reader per partition at most, for the same
     * reason).
     *
     * @param name the source's name, its main feed's
     * @param feeds the feeds this source polls
     */
    private SingleOutputStreamOperator<FeedItem> polled(
            StreamExecutionEnvironment env,
            GbfsFeed name,
            Set<GbfsFeed> feeds,
            WatermarkStrategy<FeedItem> watermarks) {
        List<HttpEndpoint> feedEndpoints = endpoints.stream()
                .filter(endpoint ->
                        feeds.contains(GbfsEndpointId.parse(endpoint.id()).feed()))
                .toList();
        long systems = feedEndpoints.stream()
                .map(endpoint -> GbfsEndpointId.parse(endpoint.id()).systemId())
                .distinct()
                .count();
        Duration maxBackoff = settings.httpMaxBackoff();
        Duration initialBackoff = HttpPollingSourceOptions.DEFAULT_INITIAL_BACKOFF.compareTo(maxBackoff) < 0
                ? HttpPollingSourceOptions.DEFAULT_INITIAL_BACKOFF
                : maxBackoff;
        HttpPollingSource<FeedItem> source = HttpPollingSource.<FeedItem>builder()
                .addEndpoints(feedEndpoints)
                .setDeserializer(new GbfsResponseDeserializer(vehicleTypesBySystem(), settings.maxClockSkew()))
                .setRequestTimeout(settings.httpRequestTimeout())
                .setMaxConnectionsPerHost(settings.httpMaxConnectionsPerHost())
                .setBackoff(initialBackoff, maxBackoff)
                .build();
        SingleOutputStreamOperator<FeedItem> stream = env.fromSource(source, watermarks, name.feedName());
        if (env.getParallelism() > systems) {
            stream.setParallelism((int) systems);
        }
        return stream;
    }

    private Map<String, Map<String, BikeType>> vehicleTypesBySystem() {
        Map<String, Map<String, BikeType>> bySystem = new HashMap<>();
        profiles.values().forEach(profile -> bySystem.put(profile.systemId(), profile.vehicleTypes()));
        return bySystem;
    }

    private DataStream<FeedItem> kafka(StreamExecutionEnvironment env, WatermarkStrategy<FeedItem> watermarks) {
        KafkaSettings kafka = Objects.requireNonNull(this.kafka, "kafka settings");
        return KafkaInputTopic.source(
                        env,
                        kafka,
                        new RawStationRecordDeserializer(settings.rawSystemId(), settings.maxClockSkew()),
                        rawTopicPartitions,
                        watermarks,
                        KAFKA_NAME)
                .uid(KAFKA_UID);
    }

    private DataStream<FeedItem> files(StreamExecutionEnvironment env, WatermarkStrategy<FeedItem> watermarks) {
        RecordedSystem recorded = Objects.requireNonNull(this.recorded, "recorded system");
        String systemId = recorded.profile().systemId();
        // One reader, in time order: the replay's order is the order the snapshots were taken in.
        DataStream<FeedItem> statuses = env.fromData(recorded.statusFiles())
                .name(FILES_NAME)
                .uid(FILES_UID)
                .flatMap(ReadSnapshotFile.statuses(systemId, recorded.profile().vehicleTypes()))
                .setParallelism(1)
                .name(ReadSnapshotFile.STATUS_NAME)
                .uid(ReadSnapshotFile.STATUS_UID);
        String information = recorded.informationFile();
        DataStream<FeedItem> all = information == null
                ? statuses
                : env.fromData(information)
                        .name(INFORMATION_FILE_NAME)
                        .uid(INFORMATION_FILE_UID)
                        .flatMap(ReadSnapshotFile.information(systemId))
                        .setParallelism(1)
                        .name(ReadSnapshotFile.INFORMATION_NAME)
                        .uid(ReadSnapshotFile.INFORMATION_UID)
                        .union(statuses);
        return all.assignTimestampsAndWatermarks(watermarks)
                .setParallelism(1)
                .name("Event time of snapshots")
                .uid("snapshot-event-time");
    }
}
