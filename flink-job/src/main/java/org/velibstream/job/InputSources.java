package org.velibstream.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.FeedWatermarks;
import org.velibstream.job.ingest.GbfsResponseDeserializer;
import org.velibstream.job.ingest.GbfsSystem;
import org.velibstream.job.ingest.RawStationRecordDeserializer;
import org.velibstream.job.ingest.ReadSnapshotFile;
import org.velibstream.job.ingest.SnapshotFiles;
import org.velibstream.job.options.JobOptions;
import org.velibstream.job.options.JobOptions.SourceKind;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.HttpPollingSource;
import org.velibstream.source.http.HttpPollingSourceOptions;

/**
 * The job's inputs as the options choose them (HTTP polling of GBFS systems, the raw Kafka topic, both, or a bounded
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

    private final Configuration config;
    private final List<HttpEndpoint> endpoints;
    private final List<String> statusFiles;

    private InputSources(Configuration config, List<HttpEndpoint> endpoints, List<String> statusFiles) {
        this.config = config;
        this.endpoints = List.copyOf(endpoints);
        this.statusFiles = List.copyOf(statusFiles);
    }

    /**
     * Resolves what the inputs need before the job starts: the feed URLs of each GBFS system (from its gbfs.json)
     * and the replay's files in time order. Fails here, with the reason, rather than in a running job.
     */
    public static InputSources resolve(Configuration config) throws IOException, InterruptedException {
        SourceKind kind = config.get(JobOptions.SOURCE);
        List<HttpEndpoint> endpoints = new ArrayList<>();
        if (kind == SourceKind.http || kind == SourceKind.both) {
            for (String option : config.get(JobOptions.GBFS)) {
                endpoints.addAll(GbfsEndpoints.discover(
                        GbfsSystem.parse(option),
                        config.get(JobOptions.STATUS_INTERVAL),
                        config.get(JobOptions.INFORMATION_INTERVAL)));
            }
        }
        List<String> statusFiles = List.of();
        if (kind == SourceKind.files) {
            String status = config.getOptional(JobOptions.STATUS_FILES)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--source files needs --status <directory of station_status snapshots>"));
            statusFiles = SnapshotFiles.inTimeOrder(Path.of(status));
        }
        return new InputSources(config, endpoints, statusFiles);
    }

    /** The polled HTTP endpoints, one per system and feed. */
    public List<HttpEndpoint> endpoints() {
        return endpoints;
    }

    /** Adds the sources to {@code env} and returns their union, and the HTTP input alone for --publish-raw. */
    Attached attach(StreamExecutionEnvironment env, WatermarkStrategy<FeedItem> watermarks) {
        SourceKind kind = config.get(JobOptions.SOURCE);
        DataStream<FeedItem> polled =
                kind == SourceKind.http || kind == SourceKind.both ? polled(env, watermarks) : null;
        DataStream<FeedItem> kafka =
                kind == SourceKind.kafka || kind == SourceKind.both ? kafka(env, watermarks) : null;
        DataStream<FeedItem> files = kind == SourceKind.files ? files(env, watermarks) : null;
        DataStream<FeedItem> all =
                switch (kind) {
                    case http -> polled;
                    case kafka -> kafka;
                    case both -> polled.union(kafka);
                    case files -> files;
                };
        return new Attached(all, polled);
    }

    /** The inputs as one stream, and the polled HTTP input alone (null when not polling). */
    record Attached(DataStream<FeedItem> all, @Nullable DataStream<FeedItem> polled) {}

    /** Statuses and information are two sources: only statuses carry event time (see {@link FeedWatermarks#noEventTime}). */
    private DataStream<FeedItem> polled(StreamExecutionEnvironment env, WatermarkStrategy<FeedItem> watermarks) {
        DataStream<FeedItem> statuses = polled(env, GbfsResponseDeserializer.STATION_STATUS, watermarks)
                .name(STATUS_HTTP_NAME)
                .uid(STATUS_HTTP_UID);
        DataStream<FeedItem> information = polled(
                        env, GbfsResponseDeserializer.STATION_INFORMATION, FeedWatermarks.noEventTime())
                .name(INFORMATION_HTTP_NAME)
                .uid(INFORMATION_HTTP_UID);
        return statuses.union(information);
    }

    /**
     * One reader per endpoint at most: a reader without an endpoint would hold back the watermark until the idle
     * timeout, as a Kafka reader without a partition does.
     */
    private SingleOutputStreamOperator<FeedItem> polled(
            StreamExecutionEnvironment env, String feed, WatermarkStrategy<FeedItem> watermarks) {
        List<HttpEndpoint> feedEndpoints = endpoints.stream()
                .filter(endpoint -> endpoint.id().endsWith('/' + feed))
                .toList();
        Duration maxBackoff = config.get(JobOptions.HTTP_MAX_BACKOFF);
        Duration initialBackoff = HttpPollingSourceOptions.DEFAULT_INITIAL_BACKOFF.compareTo(maxBackoff) < 0
                ? HttpPollingSourceOptions.DEFAULT_INITIAL_BACKOFF
                : maxBackoff;
        HttpPollingSource<FeedItem> source = HttpPollingSource.<FeedItem>builder()
                .addEndpoints(feedEndpoints)
                .setDeserializer(new GbfsResponseDeserializer())
                .setRequestTimeout(config.get(JobOptions.HTTP_REQUEST_TIMEOUT))
                .setMaxConnectionsPerHost(config.get(JobOptions.HTTP_MAX_CONNECTIONS_PER_HOST))
                .setBackoff(initialBackoff, maxBackoff)
                .build();
        SingleOutputStreamOperator<FeedItem> stream = env.fromSource(source, watermarks, feed);
        if (env.getParallelism() > feedEndpoints.size()) {
            stream.setParallelism(feedEndpoints.size());
        }
        return stream;
    }

    private DataStream<FeedItem> kafka(StreamExecutionEnvironment env, WatermarkStrategy<FeedItem> watermarks) {
        OffsetResetStrategy reset = "latest".equalsIgnoreCase(config.get(JobOptions.KAFKA_STARTING_OFFSETS))
                ? OffsetResetStrategy.LATEST
                : OffsetResetStrategy.EARLIEST;
        Properties clientProperties = KafkaClientProperties.load(config);
        KafkaSourceBuilder<FeedItem> source = KafkaSource.<FeedItem>builder()
                .setBootstrapServers(config.get(JobOptions.KAFKA_BOOTSTRAP))
                .setTopics(config.get(JobOptions.RAW_TOPIC))
                .setGroupId(config.get(JobOptions.KAFKA_GROUP_ID))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                .setProperties(clientProperties)
                .setDeserializer(new RawStationRecordDeserializer(config.get(JobOptions.RAW_SYSTEM_ID)));
        if (config.get(JobOptions.KAFKA_STOP_AT_LATEST)) {
            source.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(source.build(), watermarks, KAFKA_NAME).uid(KAFKA_UID);
    }

    private DataStream<FeedItem> files(StreamExecutionEnvironment env, WatermarkStrategy<FeedItem> watermarks) {
        String systemId = config.get(JobOptions.RAW_SYSTEM_ID);
        // One reader, in time order: the replay's order is the order the snapshots were taken in.
        DataStream<FeedItem> statuses = env.fromData(statusFiles)
                .name(FILES_NAME)
                .uid(FILES_UID)
                .flatMap(ReadSnapshotFile.statuses(systemId))
                .setParallelism(1)
                .name(ReadSnapshotFile.STATUS_NAME)
                .uid(ReadSnapshotFile.STATUS_UID);
        DataStream<FeedItem> all = config.getOptional(JobOptions.INFORMATION_FILE)
                .map(information -> env.fromData(information)
                        .name(INFORMATION_FILE_NAME)
                        .uid(INFORMATION_FILE_UID)
                        .flatMap(ReadSnapshotFile.information(systemId))
                        .setParallelism(1)
                        .name(ReadSnapshotFile.INFORMATION_NAME)
                        .uid(ReadSnapshotFile.INFORMATION_UID)
                        .union(statuses))
                .orElse(statuses);
        return all.assignTimestampsAndWatermarks(watermarks)
                .setParallelism(1)
                .name("Event time of snapshots")
                .uid("snapshot-event-time");
    }
}
