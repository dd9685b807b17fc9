package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.velibstream.gbfs.DecoderLimits;
import org.velibstream.gbfs.HostilePayloads;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.source.http.PolledResponse;

/**
 * The job's two deserializers on hostile payloads ({@link HostilePayloads}: mutated GBFS fixtures): whatever the
 * bytes, they emit one item per entry or one dead letter for the whole payload, every dead letter naming its reason
 * and source, and no exception escapes. {@code -Djqwik.tries.default=N} sets the payloads per property.
 */
class HostileFeedInputTest {

    private static final String TOPIC = "velib-projet";
    private static final String KAFKA_SOURCE = "kafka " + TOPIC + "-0@42";
    private static final Instant FETCHED_AT = Instant.parse("2024-11-19T08:22:30Z");

    private final RawStationRecordDeserializer kafka = new RawStationRecordDeserializer("velib");
    private final GbfsResponseDeserializer http = new GbfsResponseDeserializer();

    @Property
    void everyKafkaRecordEndsInItemsOrOneDeadLetter(@ForAll("statusPayloads") byte[] payload) throws Exception {
        List<FeedItem> items = fromKafka(payload);

        checkItems(items, payload, KAFKA_SOURCE);
    }

    @Property
    void everyPolledResponseEndsInItemsOrOneDeadLetter(@ForAll("responses") PolledResponse response) {
        List<FeedItem> items = new ArrayList<>();
        http.deserialize(response, new ListCollector<>(items));

        checkItems(items, response.body(), "http " + response.endpointId());
    }

    @Example
    void aKafkaRecordAboveTheSizeLimitIsOneDeadLetterSayingSo() throws Exception {
        byte[] payload = new byte[DecoderLimits.DEFAULT_MAX_DOCUMENT_BYTES + 1];
        Arrays.fill(payload, (byte) ' ');

        assertThat(fromKafka(payload))
                .singleElement()
                .extracting(FeedItem::deadLetter)
                .satisfies(deadLetter -> {
                    assertThat(deadLetter.reason())
                            .isEqualTo("payload of 16777217 bytes is above the limit of 16777216 bytes");
                    assertThat(deadLetter.payload()).endsWith("…[truncated]");
                });
    }

    @Example
    void aKafkaEntryBeyondALimitIsADeadLetterNamingTheLimit() throws Exception {
        byte[] payload = ("{\"station_id\": 1, \"num_bikes_available\": 20000, \"num_docks_available\": 3}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(fromKafka(payload))
                .singleElement()
                .extracting(item -> item.deadLetter().reason())
                .isEqualTo("num_bikes_available is 20000, above the limit of 10000");
    }

    @Example
    void aKafkaRecordWithoutValueIsADeadLetter() throws Exception {
        List<FeedItem> items = new ArrayList<>();
        kafka.deserialize(new ConsumerRecord<>(TOPIC, 0, 42L, null, null), new ListCollector<>(items));

        assertThat(items)
                .singleElement()
                .extracting(item -> item.deadLetter().reason())
                .isEqualTo("record without a value");
    }

    @Provide
    Arbitrary<byte[]> statusPayloads() {
        return HostilePayloads.mutationsOf(HostilePayloads.fixtures(
                "velib_station_status.json",
                "gbfs23_station_status.json",
                "gbfs30_station_status.json",
                "velib_single_entry.json"));
    }

    @Provide
    Arbitrary<PolledResponse> responses() {
        return Arbitraries.oneOf(
                statusPayloads().map(body -> response(GbfsFeed.STATION_STATUS, body)),
                HostilePayloads.mutationsOf(HostilePayloads.fixtures(
                                "velib_station_information.json", "gbfs30_station_information.json"))
                        .map(body -> response(GbfsFeed.STATION_INFORMATION, body)));
    }

    @Example
    void aDocumentNamingAStructuralFieldTwiceIsOneDeadLetter() throws Exception {
        // Found by the properties (seeds 506410727302192641, -6169618885937966566): parsers disagree on which of two
        // "data" (or "version") values counts, so the decoder refuses the document instead of guessing.
        byte[] payload = ("{\"lastUpdatedOther\":1732004538,\"ttl\":3600,\"data\":{\"stations\":[]},\"data\":\"\"}")
                .getBytes(StandardCharsets.UTF_8);
        List<FeedItem> items = fromKafka(payload);
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo(FeedItem.Kind.DEAD_LETTER);
            assertThat(item.deadLetter().reason()).contains("\"data\" appears twice");
        });
        checkItems(items, payload, "kafka " + TOPIC + "-0@42");
    }

    private List<FeedItem> fromKafka(byte[] payload) throws Exception {
        List<FeedItem> items = new ArrayList<>();
        kafka.deserialize(new ConsumerRecord<>(TOPIC, 0, 42L, null, payload), new ListCollector<>(items));
        return items;
    }

    private static PolledResponse response(GbfsFeed feed, byte[] body) {
        return new PolledResponse(
                new GbfsEndpointId("velib", feed).toString(),
                URI.create("http://127.0.0.1/" + feed.feedName() + ".json"),
                200,
                Map.of(),
                body,
                FETCHED_AT);
    }

    /**
     * One item per entry of the payload (a station, or a dead letter for a rejected entry), or a single dead letter
     * for a payload refused as a whole; never nothing, unless the payload lists no entries.
     */
    private static void checkItems(List<FeedItem> items, byte[] payload, String source) {
        OptionalInt entries = HostilePayloads.entryCount(payload);
        for (FeedItem item : items) {
            assertThat(item.systemId()).isEqualTo("velib");
            if (item.kind() == FeedItem.Kind.DEAD_LETTER) {
                DeadLetter deadLetter = item.deadLetter();
                assertThat(deadLetter.reason()).as("dead letter reason").isNotBlank();
                assertThat(deadLetter.source()).isEqualTo(source);
            }
        }
        boolean refusedWhole = items.size() == 1 && items.get(0).kind() == FeedItem.Kind.DEAD_LETTER;
        Statistics.label("items")
                .collect(
                        refusedWhole
                                ? "one dead letter"
                                : items.stream().anyMatch(item -> item.kind() == FeedItem.Kind.DEAD_LETTER)
                                        ? "entries and dead letters"
                                        : "entries only");
        if (items.isEmpty()) {
            assertThat(HostilePayloads.listsNoEntries(payload))
                    .as(
                            "a payload that produced nothing must list no entries: %s",
                            new String(payload, StandardCharsets.UTF_8))
                    .isTrue();
        } else if (!refusedWhole && entries.isPresent()) {
            assertThat(items).as("one item per entry").hasSize(entries.getAsInt());
        }
    }
}
