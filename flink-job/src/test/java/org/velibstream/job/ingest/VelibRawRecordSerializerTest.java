package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.velibstream.gbfs.StationStatus;

/** What --publish-raw writes to the raw topic is what the raw-topic reader reads back, field for field. */
class VelibRawRecordSerializerTest {

    private static final Instant OBSERVED_AT = Instant.parse("2024-11-19T08:22:18Z");

    @Test
    void aRepublishedStatusReadsBackAsTheSameStatusAtTheSameTime() {
        StationStatus status = new StationStatus(
                "17278902806",
                "44015",
                5,
                1,
                4,
                15,
                true,
                false,
                true,
                Instant.parse("2024-11-19T08:19:13Z"),
                List.of());
        ProducerRecord<byte[], byte[]> written = new VelibRawRecordSerializer("velib-projet")
                .serialize(FeedItem.status("velib", status, OBSERVED_AT, OBSERVED_AT, true), null, null);

        assertThat(new String(written.key(), StandardCharsets.UTF_8)).isEqualTo("44015");
        assertThat(written.timestamp()).isEqualTo(OBSERVED_AT.toEpochMilli());
        assertThat(new String(written.value(), StandardCharsets.UTF_8))
                .as("Vélib's own shape: 64-bit id as a number, camelCase twins, type array, 0/1 flags")
                .contains(
                        "\"station_id\":17278902806",
                        "\"numBikesAvailable\":5",
                        "\"num_bikes_available_types\":[{\"mechanical\":1},{\"ebike\":4}]",
                        "\"is_renting\":0");

        List<FeedItem> read = new ArrayList<>();
        new RawStationRecordDeserializer("velib")
                .deserialize(
                        new ConsumerRecord<>(
                                "velib-projet",
                                0,
                                7L,
                                OBSERVED_AT.toEpochMilli(),
                                TimestampType.CREATE_TIME,
                                0,
                                0,
                                written.key(),
                                written.value(),
                                new RecordHeaders(),
                                Optional.empty()),
                        new ListCollector<>(read));

        assertThat(read).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo(FeedItem.Kind.STATUS);
            assertThat(item.status()).isEqualTo(status);
            assertThat(item.observedAt()).isEqualTo(OBSERVED_AT);
            assertThat(item.fromSnapshot())
                    .as("a single entry never removes other stations")
                    .isFalse();
        });
    }

    @Test
    void anUndecodableRecordBecomesADeadLetterNamingTheRecord() {
        List<FeedItem> read = new ArrayList<>();
        new RawStationRecordDeserializer("velib")
                .deserialize(
                        new ConsumerRecord<>(
                                "velib-projet",
                                2,
                                41L,
                                "k".getBytes(StandardCharsets.UTF_8),
                                "{\"station_id\": 1, \"num_bikes_available\": \"many\""
                                        .getBytes(StandardCharsets.UTF_8)),
                        new ListCollector<>(read));

        assertThat(read).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo(FeedItem.Kind.DEAD_LETTER);
            assertThat(item.deadLetter().source()).isEqualTo("kafka velib-projet-2@41");
            assertThat(item.deadLetter().payload()).startsWith("{\"station_id\": 1");
        });
    }
}
