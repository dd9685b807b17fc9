package org.velibstream.bench.spark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills a raw topic for a by-hand measurement of the peer: every station of {@code data/stations.csv} reports once a
 * minute, spread over the minute, from 2024-11-19T08:00Z on, with seeded random counts, in Vélib's entry shape and
 * timestamped with the observation time, as velib-stream's raw serializer writes it. Issue 7's suite has its own
 * load generator; this one only lets the peer be measured alone.
 *
 * <pre>java -cp ... org.velibstream.bench.spark.RawTopicLoad BOOTSTRAP TOPIC RECORDS STATIONS_CSV [PARTITIONS]</pre>
 */
public final class RawTopicLoad {

    private static final Instant START = Instant.parse("2024-11-19T08:00:00Z");

    private RawTopicLoad() {}

    /**
     * Creates a topic that keeps its records: the broker's time-based retention (7 days) would otherwise delete
     * records stamped 2024-11-19 within minutes, under the reader's feet.
     */
    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            NewTopic keptForever = new NewTopic(topic, partitions, (short) 1).configs(Map.of("retention.ms", "-1"));
            admin.createTopics(List.of(keptForever)).all().get(2, TimeUnit.MINUTES);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("Usage: RawTopicLoad BOOTSTRAP TOPIC RECORDS STATIONS_CSV [PARTITIONS]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        long records = Long.parseLong(args[2]);
        // stationCode,stationId,... : both plain numbers, never quoted.
        List<String[]> stations = Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8).stream()
                .skip(1)
                .map(line -> line.split(",", 3))
                .toList();
        int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 3;

        createTopic(bootstrap, topic, partitions);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024);
        SplittableRandom random = new SplittableRandom(42);
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (long i = 0; i < records; i++) {
                String[] station = stations.get((int) (i % stations.size()));
                long minute = i / stations.size();
                long millis = minute * 60_000 + (i % stations.size()) * 60_000 / stations.size();
                Instant at = START.plusMillis(millis);
                int capacity = 20 + random.nextInt(40);
                int ebike = random.nextInt(8);
                int mechanical = random.nextInt(capacity - ebike);
                int bikes = mechanical + ebike;
                String json = "{\"station_id\":" + station[1] + ",\"num_bikes_available\":" + bikes
                        + ",\"numBikesAvailable\":" + bikes + ",\"num_bikes_available_types\":[{\"mechanical\":"
                        + mechanical + "},{\"ebike\":" + ebike + "}],\"num_docks_available\":" + (capacity - bikes)
                        + ",\"numDocksAvailable\":" + (capacity - bikes) + ",\"is_installed\":1,\"is_returning\":1"
                        + ",\"is_renting\":1,\"last_reported\":" + at.getEpochSecond() + ",\"stationCode\":\""
                        + station[0] + "\"}";
                producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), station[0], json));
            }
            producer.flush();
        }
        System.err.printf(
                "RawTopicLoad: %d records of %d stations to %s in %.1f s%n",
                records, stations.size(), topic, (System.nanoTime() - started) / 1e9);
    }
}
