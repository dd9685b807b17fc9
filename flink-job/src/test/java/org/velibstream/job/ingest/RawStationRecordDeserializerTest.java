package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The raw topic's records against the job's clock: a record whose observation time (the document's last_updated,
 * else the record's timestamp) is further ahead of when the job receives it than --max-clock-skew is one dead letter
 * and emits no status; within the skew or in the past, it is kept.
 */
class RawStationRecordDeserializerTest {

    private static final Instant NOW = Instant.parse("2026-12-03T14:00:00Z");
    private static final String ENTRY = """
            {"stationCode":"16107","station_id":213688169,"num_bikes_available":4,"numBikesAvailable":4,
             "num_bikes_available_types":[{"mechanical":3},{"ebike":1}],"num_docks_available":31,
             "numDocksAvailable":31,"is_installed":1,"is_returning":1,"is_renting":1,"last_reported":1764770000}""";

    private final RawStationRecordDeserializer deserializer = new RawStationRecordDeserializer(
            "velib", new MaxClockSkew(Duration.ofMinutes(1)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anEntryStampedBeyondTheSkewIsOneDeadLetterSayingByHowMuch() {
        Instant stamped = NOW.plus(Duration.ofMinutes(50));

        List<FeedItem> items = read(ENTRY, stamped);

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo(FeedItem.Kind.DEAD_LETTER);
            assertThat(item.observedAt()).as("the time it was received").isEqualTo(NOW);
            assertThat(item.deadLetter().reason())
                    .isEqualTo("clock ahead: stamped 2026-12-03T14:50:00Z, 50 min after it was received at "
                            + "2026-12-03T14:00:00Z; --max-clock-skew is 1 min");
            assertThat(item.deadLetter().source()).isEqualTo("kafka velib-projet-0@7");
            assertThat(item.deadLetter().payload()).isEqualTo(ENTRY);
        });
    }

    @Test
    void anEntryWithinTheSkewOrInThePastIsKeptAtItsRecordTime() {
        for (Instant stamped : List.of(NOW.plusSeconds(60), NOW.plusSeconds(5), NOW, NOW.minus(Duration.ofDays(2)))) {
            assertThat(read(ENTRY, stamped))
                    .as("a record stamped %s", stamped)
                    .singleElement()
                    .satisfies(item -> {
                        assertThat(item.kind()).isEqualTo(FeedItem.Kind.STATUS);
                        assertThat(item.observedAt()).isEqualTo(stamped);
                    });
        }
    }

    @Test
    void aDocumentIsJudgedByItsLastUpdatedNotByTheRecordsTimestamp() {
        Instant ahead = NOW.plus(Duration.ofMinutes(50));
        Instant behind = NOW.minus(Duration.ofMinutes(5));

        List<FeedItem> aheadDocument = read(document(ahead), NOW);
        List<FeedItem> documentOfAheadRecord = read(document(behind), ahead);

        assertThat(aheadDocument)
                .as("a whole document from the future: one dead letter, not one per station")
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.kind()).isEqualTo(FeedItem.Kind.DEAD_LETTER);
                    assertThat(item.deadLetter().reason()).startsWith("clock ahead: stamped 2026-12-03T14:50:00Z");
                    assertThat(item.deadLetter().payload()).isEqualTo(document(ahead));
                });
        assertThat(documentOfAheadRecord)
                .as("a document whose last_updated is past, in a record stamped ahead: its time is last_updated")
                .hasSize(2)
                .allSatisfy(item -> {
                    assertThat(item.kind()).isEqualTo(FeedItem.Kind.STATUS);
                    assertThat(item.observedAt()).isEqualTo(behind);
                });
    }

    @Test
    void anAheadDocumentThatIsAlsoMalformedIsStillOneDeadLetter() {
        String noStations = "{\"last_updated\":" + NOW.plus(Duration.ofHours(1)).getEpochSecond() + ",\"data\":{}}";

        assertThat(read(noStations, NOW))
                .as("refused for its time before its missing stations are found: one payload, one dead letter")
                .singleElement()
                .satisfies(item -> assertThat(item.deadLetter().reason()).startsWith("clock ahead:"));
    }

    @Test
    void theClockSkewAndTheClockTravelWithTheDeserializer() throws Exception {
        RawStationRecordDeserializer copy = InstantiationUtil.clone(deserializer);
        List<FeedItem> items = new ArrayList<>();

        copy.deserialize(record(ENTRY, NOW.plus(Duration.ofMinutes(2))), new ListCollector<>(items));

        assertThat(items)
                .singleElement()
                .satisfies(item -> assertThat(item.deadLetter().reason()).startsWith("clock ahead:"));
    }

    private List<FeedItem> read(String payload, Instant recordTime) {
        List<FeedItem> items = new ArrayList<>();
        deserializer.deserialize(record(payload, recordTime), new ListCollector<>(items));
        return items;
    }

    private static ConsumerRecord<byte[], byte[]> record(String payload, Instant timestamp) {
        return new ConsumerRecord<>(
                "velib-projet",
                0,
                7L,
                timestamp.toEpochMilli(),
                TimestampType.CREATE_TIME,
                0,
                0,
                null,
                payload.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(),
                Optional.empty());
    }

    private static String document(Instant lastUpdated) {
        return """
                {"last_updated":%d,"ttl":60,"data":{"stations":[
                 {"station_id":"1","num_bikes_available":2,"num_docks_available":8},
                 {"station_id":"2","num_bikes_available":0,"num_docks_available":10}]}}""".formatted(lastUpdated.getEpochSecond());
    }
}
