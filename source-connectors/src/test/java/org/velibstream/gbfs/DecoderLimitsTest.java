package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.gbfs.Fixtures.fixture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Each limit of {@link DecoderLimits}, and Jackson's own, with the reason it gives. */
class DecoderLimitsTest {

    private static final long DOCUMENT_TIME = 1_732_004_538L;

    private final StationStatusDecoder statuses = new StationStatusDecoder();

    @Test
    void refusesAPayloadAboveTheSizeLimit() {
        StationStatusDecoder small =
                new StationStatusDecoder(DecoderLimits.defaults().withMaxDocumentBytes(100));
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        assertThatThrownBy(() -> small.decode(fixture("velib_station_status.json"), listener))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("payload of 2438 bytes is above the limit of 100 bytes");
        assertThat(listener.stations).isEmpty();
    }

    @Test
    void refusesADocumentWithMoreStationsThanTheLimit() {
        StationStatusDecoder few =
                new StationStatusDecoder(DecoderLimits.defaults().withMaxStations(2));
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        assertThatThrownBy(() -> few.decodeDocument(fixture("velib_station_status.json"), listener))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessageMatching("\\d+ stations, above the limit of 2 per document");
        assertThat(listener.stations).isEmpty();
    }

    @Test
    void rejectsAnEntryWhoseStationIdIsTooLong() throws Exception {
        CollectingListener<StationStatus> listener =
                decodeEntry(statuses, "\"station_id\": \"" + "7".repeat(257) + "\", " + COUNTS);

        assertThat(listener.rejections)
                .singleElement()
                .extracting(Rejection::reason)
                .asString()
                .startsWith("station_id is 257 characters long, above the limit of 256: 7777");
    }

    @Test
    void rejectsAnEntryWhoseStationCodeIsTooLong() throws Exception {
        StationStatusDecoder shortIds =
                new StationStatusDecoder(DecoderLimits.defaults().withMaxIdChars(5));
        CollectingListener<StationStatus> listener =
                decodeEntry(shortIds, "\"station_id\": 1, \"stationCode\": \"6003_relais\", " + COUNTS);

        assertThat(listener.rejections)
                .extracting(Rejection::reason)
                .containsExactly("stationCode is 11 characters long, above the limit of 5: 6003_relais");
    }

    @Test
    void rejectsAStationWhoseNameIsTooLong() throws Exception {
        StationInformationDecoder decoder =
                new StationInformationDecoder(DecoderLimits.defaults().withMaxNameChars(10));
        CollectingListener<StationInformation> listener = new CollectingListener<>();

        decoder.decode(
                utf8("{\"station_id\": 1, \"name\": \"Benjamin Godard - Victor Hugo\", \"lat\": 48.8,"
                        + " \"lon\": 2.3}"),
                listener);

        assertThat(listener.rejections)
                .extracting(Rejection::reason)
                .containsExactly("name is 29 characters long, above the limit of 10: Benjamin Godard - Victor Hugo");
    }

    @Test
    void rejectsCountsAboveTheLimitAndFlagsNegativeOnes() throws Exception {
        CollectingListener<StationStatus> tooMany =
                decodeEntry(statuses, "\"station_id\": 1, \"num_bikes_available\": 10001, \"num_docks_available\": 3");
        CollectingListener<StationStatus> negative =
                decodeEntry(statuses, "\"station_id\": 1, \"num_bikes_available\": -4, \"num_docks_available\": 3");

        assertThat(tooMany.rejections)
                .extracting(Rejection::reason)
                .containsExactly("num_bikes_available is 10001, above the limit of 10000");
        assertThat(negative.stations)
                .singleElement()
                .extracting(StationStatus::inconsistencies, InstanceOfAssertFactories.list(Inconsistency.class))
                .containsExactly(Inconsistency.NEGATIVE_BIKES);
    }

    @Test
    void rejectsBikeTypeCountsAndCapacityAboveTheLimit() throws Exception {
        StationStatusDecoder decoder =
                new StationStatusDecoder(DecoderLimits.defaults().withMaxCount(50));
        CollectingListener<StationStatus> types = decodeEntry(
                decoder,
                "\"station_id\": 1, " + COUNTS
                        + ", \"num_bikes_available_types\": [{\"mechanical\": 51}, {\"ebike\": 0}]");
        CollectingListener<StationInformation> capacity = new CollectingListener<>();
        new StationInformationDecoder(DecoderLimits.defaults().withMaxCount(50))
                .decode(
                        utf8("{\"station_id\": 1, \"name\": \"A\", \"lat\": 48.8, \"lon\": 2.3, \"capacity\": 51}"),
                        capacity);

        assertThat(types.rejections)
                .extracting(Rejection::reason)
                .containsExactly("num_bikes_available_types.mechanical is 51, above the limit of 50");
        assertThat(capacity.rejections)
                .extracting(Rejection::reason)
                .containsExactly("capacity is 51, above the limit of 50");
    }

    @Test
    void refusesADocumentDatedBeforeTheEarliestTime() {
        byte[] document = utf8("{\"last_updated\": 86400, \"ttl\": 0, \"data\": {\"stations\": []}}");

        assertThatThrownBy(() -> statuses.decodeDocument(document, new CollectingListener<>()))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("document time 1970-01-02T00:00:00Z is before the earliest plausible time"
                        + " 2000-01-01T00:00:00Z");
    }

    @Test
    void flagsALastReportedBeforeTheEarliestTimeOrFarAfterTheDocument() throws Exception {
        CollectingListener<StationStatus> listener = new CollectingListener<>();
        statuses.decodeDocument(
                utf8("{\"last_updated\": " + DOCUMENT_TIME + ", \"data\": {\"stations\": ["
                        + "{\"station_id\": 1, " + COUNTS + ", \"last_reported\": 0},"
                        + "{\"station_id\": 2, " + COUNTS + ", \"last_reported\": " + (DOCUMENT_TIME + 3_600) + "},"
                        + "{\"station_id\": 3, " + COUNTS + ", \"last_reported\": " + (DOCUMENT_TIME + 2 * 86_400) + "}"
                        + "]}}"),
                listener);

        assertThat(listener.rejections).isEmpty();
        assertThat(listener.stations)
                .extracting(StationStatus::inconsistencies)
                .containsExactly(
                        List.of(Inconsistency.IMPLAUSIBLE_LAST_REPORTED),
                        List.of(Inconsistency.REPORTED_AFTER_FEED_UPDATE),
                        List.of(Inconsistency.REPORTED_AFTER_FEED_UPDATE, Inconsistency.IMPLAUSIBLE_LAST_REPORTED));
    }

    @Test
    void flagsALastReportedOnlyBeyondTheConfiguredMargin() throws Exception {
        StationStatusDecoder lenient = new StationStatusDecoder(DecoderLimits.defaults()
                .withMaxReportedAhead(Duration.ofDays(3))
                .withEarliestTime(Instant.EPOCH));
        CollectingListener<StationStatus> listener = new CollectingListener<>();
        lenient.decodeDocument(
                utf8("{\"last_updated\": " + DOCUMENT_TIME + ", \"data\": {\"stations\": ["
                        + "{\"station_id\": 3, " + COUNTS + ", \"last_reported\": " + (DOCUMENT_TIME + 2 * 86_400) + "}"
                        + "]}}"),
                listener);

        assertThat(listener.stations)
                .singleElement()
                .extracting(StationStatus::inconsistencies, InstanceOfAssertFactories.list(Inconsistency.class))
                .containsExactly(Inconsistency.REPORTED_AFTER_FEED_UPDATE);
    }

    @Test
    void refusesDeepNestingLongNumbersAndLongStringsAsParserLimits() {
        String deep = "[".repeat(70) + "]".repeat(70);
        String longNumber = "1".repeat(101);
        String longString = "\"" + "x".repeat(1_000_001) + "\"";

        for (String value : new String[] {deep, longNumber, longString}) {
            CollectingListener<StationStatus> listener = new CollectingListener<>();
            byte[] document = utf8("{\"data\": {\"stations\": [{\"station_id\": 1, " + COUNTS + "},"
                    + " {\"station_id\": 2, " + COUNTS + ", \"extra\": " + value + "}]}}");

            assertThatThrownBy(() -> statuses.decodeDocument(document, listener))
                    .isInstanceOf(GbfsDecodingException.class)
                    .hasMessageStartingWith("beyond the parser's limits: ");
            assertThat(listener.stations)
                    .as("entries before the one beyond the limits")
                    .isEmpty();
        }
    }

    @Test
    void refusesInvalidUtf8AnywhereBeforeAnyEntryIsDecoded() {
        byte[] prefix = utf8("{\"data\": {\"stations\": [{\"station_id\": 1, " + COUNTS + "}," + " {\"station_id\": 2, "
                + COUNTS + ", \"extra\": \"a");
        byte[] suffix = utf8("\"}]}}");
        byte[] document = new byte[prefix.length + 1 + suffix.length];
        System.arraycopy(prefix, 0, document, 0, prefix.length);
        document[prefix.length] = (byte) 0xFF;
        System.arraycopy(suffix, 0, document, prefix.length + 1, suffix.length);
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        assertThatThrownBy(() -> statuses.decodeDocument(document, listener))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessageContaining("Invalid UTF-8");
        assertThat(listener.stations).isEmpty();
    }

    @Test
    void aDecoderKeepsItsLimitsThroughJavaSerialization() throws Exception {
        StationStatusDecoder decoder =
                new StationStatusDecoder(DecoderLimits.defaults().withMaxCount(50));

        assertThat(InstantiationUtil.clone(decoder).limits()).isEqualTo(decoder.limits());
    }

    @Test
    void refusesLimitsThatAreNotPositive() {
        assertThatThrownBy(() -> DecoderLimits.defaults().withMaxCount(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCount must be positive: 0");
        assertThatThrownBy(() -> DecoderLimits.defaults().withMaxReportedAhead(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final String COUNTS = "\"num_bikes_available\": 1, \"num_docks_available\": 2";

    private static CollectingListener<StationStatus> decodeEntry(StationStatusDecoder decoder, String fields)
            throws GbfsDecodingException {
        CollectingListener<StationStatus> listener = new CollectingListener<>();
        decoder.decodeEntry(utf8("{" + fields + "}"), null, listener);
        return listener;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
