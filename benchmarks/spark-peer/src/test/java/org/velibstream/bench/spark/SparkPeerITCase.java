package org.velibstream.bench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer against a real Kafka broker (started by the build with {@code bin/kafka}), on a small deterministic
 * input with exact expected rows: six stations reporting every 5 s for five minutes, among them two (three) stations
 * of one postal code, an empty one, a full one with capacity 0 in the table, one known by its id only, one missing
 * from the table, an out-of-order record, a station out of service for one window and a record that is not JSON.
 */
class SparkPeerITCase {

    private static final Path STATIONS_CSV = Path.of("../../data/stations.csv");
    private static final Instant START = Instant.parse("2024-11-19T08:00:00Z");
    private static final int WINDOWS_OF_INPUT = 5;
    private static final int REPORTS_PER_WINDOW = 12;

    private static SparkSession spark;

    @TempDir
    Path folder;

    @BeforeAll
    static void startSpark() {
        SparkPeerOptions sessionOptions = options("unused", 1, null);
        spark = SparkPeer.localSession(sessionOptions);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void computesTheLatestStatusOfEachStationPerWindowAndPostalCode() throws Exception {
        String topic = "spark-peer-it-" + UUID.randomUUID();
        List<ProducerRecord<String, String>> records = input(topic);
        produce(topic, records);
        Path output = folder.resolve("stats.jsonl");

        RunResult result = new SparkPeer(spark).run(options(topic, records.size(), output));

        // The input's last record is at 08:04:55: the watermark (30 s behind) closes the windows up to 08:04 only.
        List<String> expected = new ArrayList<>();
        for (int w = 0; w < WINDOWS_OF_INPUT - 1; w++) {
            expected.add(row("75010", w, 3, 35 + w, 21 + w, 14, 80 - w, 62 + 17 + 48, 0, 0, w == 2 ? 1 : 0));
            expected.add(row("75011", w, 1, 0, 0, 0, 50, 53, 1, 0, 0));
            expected.add(row("75014", w, 1, 25, 20, 5, 0, 0, 0, 1, 0));
            expected.add(row("UNKNOWN", w, 1, 3, 3, 0, 7, 0, 0, 0, 0));
        }
        assertThat(Files.readAllLines(output, StandardCharsets.UTF_8))
                .as("rows of the closed windows, in window then postal-code order")
                .containsExactlyElementsOf(expected);
        assertThat(result.records()).isEqualTo(records.size());
        assertThat(result.rejected()).as("the record that is not JSON").isEqualTo(1);
        assertThat(result.windows()).isEqualTo(WINDOWS_OF_INPUT - 1);
        assertThat(result.rows()).isEqualTo(expected.size());
        assertThat(result.droppedByWatermark()).isZero();
        assertThat(result.recordsPerSecond()).isPositive();
        assertThat(result.toJson()).startsWith("{\"records\":" + records.size() + ",\"seconds\":");
    }

    /**
     * Every station reports every 5 s. In each window a station's last report (at :55) holds the window's values and
     * its earlier reports other values, so only the latest by event time gives the expected rows. In window 1 the
     * :55 report of 10001 is produced before its :50 report: latest by arrival would be wrong.
     */
    private static List<ProducerRecord<String, String>> input(String topic) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int w = 0; w < WINDOWS_OF_INPUT; w++) {
            List<ProducerRecord<String, String>> window = new ArrayList<>();
            for (int r = 0; r < REPORTS_PER_WINDOW; r++) {
                Instant at = START.plusSeconds(60L * w + 5L * r);
                boolean last = r == REPORTS_PER_WINDOW - 1;
                // Two stations of 75010 in the table; 10004 known only by its 64-bit id, as in other feeds.
                window.add(record(
                        topic,
                        at,
                        "218903767",
                        "10001",
                        last ? entry(10 + w, 6 + w, 4, 40 - w, true) : entry(50, 46, 4, 0, true)));
                window.add(record(
                        topic, at, "37420", "10003", last ? entry(5, 5, 0, 12, true) : entry(1, 1, 0, 16, true)));
                window.add(record(
                        topic, at, "221032834", null, last ? entry(20, 10, 10, 28, w != 2) : entry(0, 0, 0, 48, true)));
                // 11001 (75011) empty; 14117 (75014, capacity 0 in the table) full.
                window.add(record(
                        topic, at, "39149651", "11001", last ? entry(0, 0, 0, 50, true) : entry(9, 9, 0, 41, true)));
                window.add(record(
                        topic, at, "82445192", "14117", last ? entry(25, 20, 5, 0, true) : entry(24, 20, 4, 1, true)));
                // Missing from the table: UNKNOWN, capacity 0.
                window.add(record(
                        topic, at, "999000001", "99001", last ? entry(3, 3, 0, 7, true) : entry(2, 2, 0, 8, true)));
            }
            if (w == 1) {
                int tenth = 10 * 6;
                int eleventh = 11 * 6;
                ProducerRecord<String, String> earlier = window.get(tenth);
                window.set(tenth, window.get(eleventh));
                window.set(eleventh, earlier);
            }
            records.addAll(window);
        }
        records.add(new ProducerRecord<>(topic, null, START.plusSeconds(90).toEpochMilli(), "10001", "not JSON"));
        return records;
    }

    private static ProducerRecord<String, String> record(
            String topic, Instant at, String stationId, @Nullable String stationCode, String entry) {
        String json = "{\"station_id\":" + stationId + "," + entry
                + ",\"last_reported\":" + at.getEpochSecond()
                + (stationCode != null ? ",\"stationCode\":\"" + stationCode + "\"" : "") + "}";
        return new ProducerRecord<>(
                topic, null, at.toEpochMilli(), stationCode != null ? stationCode : stationId, json);
    }

    /** The fields of a Vélib' entry as velib-stream's VelibEntryJson writes them, camelCase twins included. */
    private static String entry(int bikes, int mechanical, int ebike, int docks, boolean renting) {
        return "\"num_bikes_available\":" + bikes + ",\"numBikesAvailable\":" + bikes
                + ",\"num_bikes_available_types\":[{\"mechanical\":" + mechanical + "},{\"ebike\":" + ebike + "}]"
                + ",\"num_docks_available\":" + docks + ",\"numDocksAvailable\":" + docks
                + ",\"is_installed\":1,\"is_returning\":1,\"is_renting\":" + (renting ? 1 : 0);
    }

    private static String row(
            String postalCode,
            int window,
            int stations,
            int bikes,
            int mechanical,
            int ebike,
            int docks,
            int capacity,
            int empty,
            int full,
            int outOfService) {
        Instant start = START.plusSeconds(60L * window);
        return "{\"postalCode\":\"" + postalCode + "\",\"windowStart\":\"" + start + "\",\"windowEnd\":\""
                + start.plusSeconds(60) + "\",\"stations\":" + stations + ",\"bikes\":" + bikes + ",\"mechanical\":"
                + mechanical + ",\"ebike\":" + ebike + ",\"docks\":" + docks + ",\"capacity\":" + capacity
                + ",\"emptyStations\":" + empty + ",\"fullStations\":" + full + ",\"outOfServiceStations\":"
                + outOfService + "}";
    }

    private static void produce(String topic, List<ProducerRecord<String, String>> records) throws Exception {
        RawTopicLoad.createTopic(bootstrap(), topic, 3);
        Map<String, Object> producer = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true);
        try (KafkaProducer<String, String> kafka =
                new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            // An idempotent producer keeps each partition in send order, the out-of-order record included.
            List<Future<RecordMetadata>> sent =
                    records.stream().map(kafka::send).toList();
            kafka.flush();
            for (Future<RecordMetadata> ack : sent) {
                ack.get(2, TimeUnit.MINUTES);
            }
        }
    }

    private static SparkPeerOptions options(String topic, long expectedRecords, @Nullable Path output) {
        return new SparkPeerOptions(
                bootstrap(),
                topic,
                STATIONS_CSV,
                Duration.ofMinutes(1),
                Duration.ofSeconds(30),
                expectedRecords,
                output,
                "local[2]",
                Duration.ofMinutes(5),
                Map.of(
                        "spark.driver.port", System.getProperty("velib.it.spark.driver.port", "0"),
                        "spark.blockManager.port", System.getProperty("velib.it.spark.block-manager.port", "0")));
    }

    private static String bootstrap() {
        return System.getProperty("velib.it.kafka.bootstrap", "127.0.0.1:9092");
    }
}
