package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.gbfs.Fixtures.fixture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StationStatusDecoderTest {

    private final StationStatusDecoder decoder = new StationStatusDecoder();

    @Test
    void decodesVelibHeaderFromLastUpdatedOther() throws Exception {
        GbfsFeedHeader header =
                decoder.decodeDocument(fixture("velib_station_status.json"), new CollectingListener<>());

        assertThat(header)
                .isEqualTo(new GbfsFeedHeader(Instant.ofEpochSecond(1732004538), 3600, null, GbfsVersion.VELIB));
    }

    @Test
    void decodesVelibEntriesWithTypesInAnyOrderAnd64BitIds() throws Exception {
        CollectingListener<StationStatus> listener = decode("velib_station_status.json");

        assertThat(listener.stations.get(0))
                .isEqualTo(new StationStatus(
                        "213688169",
                        "16107",
                        1,
                        1,
                        0,
                        34,
                        true,
                        true,
                        true,
                        Instant.ofEpochSecond(1732001704),
                        List.of()));
        assertThat(listener.stations.get(1))
                .isEqualTo(new StationStatus(
                        "17278902806",
                        "44015",
                        5,
                        1,
                        4,
                        15,
                        true,
                        false,
                        false,
                        Instant.ofEpochSecond(1732001953),
                        List.of()));
    }

    @Test
    void keepsAndFlagsInconsistentEntries() throws Exception {
        CollectingListener<StationStatus> listener = decode("velib_station_status.json");

        assertThat(listener.stations)
                .extracting(StationStatus::stationCode, StationStatus::inconsistencies)
                .containsExactly(
                        tuple("16107", List.of()),
                        tuple("44015", List.of()),
                        tuple("6003_relais", List.of(Inconsistency.DUPLICATE_FIELDS_DISAGREE)),
                        tuple(
                                "7101_Relais",
                                List.of(
                                        Inconsistency.NEGATIVE_BIKES,
                                        Inconsistency.NEGATIVE_DOCKS,
                                        Inconsistency.NEGATIVE_BIKE_TYPE_COUNT,
                                        Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL,
                                        Inconsistency.REPORTED_AFTER_FEED_UPDATE)),
                        tuple("9020", List.of(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL)),
                        tuple("9024", List.of()));
    }

    @Test
    void takesTheSnakeCaseValueWhenTheCamelCaseTwinDisagrees() throws Exception {
        StationStatus relais = decode("velib_station_status.json").stations.get(2);

        assertThat(relais.bikesAvailable()).isEqualTo(2);
        assertThat(relais.stationKey()).isEqualTo("6003_relais");
    }

    @Test
    void readsZeroAndOneAsBooleans() throws Exception {
        StationStatus closed = decode("velib_station_status.json").stations.get(5);

        assertThat(closed.installed()).isFalse();
        assertThat(closed.renting()).isFalse();
        assertThat(closed.returning()).isFalse();
    }

    @Test
    void rejectsEntriesWithMissingOrMistypedFieldsAndGoesOnWithTheNext() throws Exception {
        CollectingListener<StationStatus> listener = decode("velib_station_status.json");

        assertThat(listener.rejections)
                .extracting(Rejection::reason)
                .containsExactly(
                        "missing num_docks_available",
                        "num_bikes_available must be an integer, was the string \"six\"",
                        "num_bikes_available_types.mechanical must be an integer, was the string \"one\"",
                        "entry is not a JSON object but VALUE_NUMBER_INT");
        assertThat(listener.rejections.get(0).rawEntry())
                .isEqualTo("{\"station_id\": 4, \"stationCode\": \"9021\", \"num_bikes_available\": 6,"
                        + " \"is_installed\": 1}");
        assertThat(listener.rejections.get(2).rawEntry())
                .startsWith("{\"station_id\": 6,")
                .endsWith("4}");
        assertThat(listener.rejections.get(3).rawEntry()).isEqualTo("42");
        assertThat(listener.stations.size() + listener.rejections.size())
                .as("every entry ends as a station or a rejection")
                .isEqualTo(10);
    }

    @Test
    void decodesGbfs23WithMappedVehicleTypesAndJsonBooleans() throws Exception {
        StationStatusDecoder mapped =
                new StationStatusDecoder(Map.of("classic", BikeType.MECHANICAL, "assist", BikeType.EBIKE));
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        GbfsFeedHeader header = mapped.decodeDocument(fixture("gbfs23_station_status.json"), listener);

        assertThat(header)
                .isEqualTo(new GbfsFeedHeader(Instant.ofEpochSecond(1700000000), 60, "2.3", GbfsVersion.GBFS_2));
        assertThat(listener.stations.get(0))
                .isEqualTo(new StationStatus(
                        "A1", null, 5, 3, 2, 7, true, true, false, Instant.ofEpochSecond(1699999990), List.of()));
        assertThat(listener.stations.get(1).mechanicalBikes())
                .as("a vehicle type missing from the catalogue makes the breakdown unknown")
                .isNull();
        assertThat(listener.stations.get(2).mechanicalBikes()).isNull();
        assertThat(listener.stations.get(2).installed()).isFalse();
    }

    @Test
    void decodesGbfs30WithRfc3339TimesAndVehicleCounts() throws Exception {
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        GbfsFeedHeader header = decoder.decodeDocument(fixture("gbfs30_station_status.json"), listener);

        Instant updated = Instant.parse("2023-07-17T11:34:13Z");
        assertThat(header).isEqualTo(new GbfsFeedHeader(updated, 0, "3.0", GbfsVersion.GBFS_3));
        assertThat(listener.stations.get(0))
                .isEqualTo(
                        new StationStatus("station12", null, 3, null, null, 5, true, true, true, updated, List.of()));
        assertThat(listener.stations.get(1).inconsistencies())
                .containsExactly(Inconsistency.REPORTED_AFTER_FEED_UPDATE);
        assertThat(listener.rejections)
                .extracting(Rejection::reason)
                .containsExactly("last_reported is not an RFC 3339 date-time: yesterday");
    }

    @Test
    void detectsGbfs3FromTheShapeWhenVersionIsAbsent() throws Exception {
        byte[] document = utf8("{\"last_updated\": \"2024-01-01T00:00:00Z\", \"data\": {\"stations\": []}}");

        GbfsFeedHeader header = decoder.decodeDocument(document, new CollectingListener<>());

        assertThat(header.version()).isEqualTo(GbfsVersion.GBFS_3);
        assertThat(header.declaredVersion()).isNull();
    }

    @Test
    void decodesASingleEntry() throws Exception {
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        decoder.decodeEntry(fixture("velib_single_entry.json"), Instant.ofEpochSecond(1732001900), listener);

        assertThat(listener.stations).singleElement().satisfies(station -> {
            assertThat(station.stationId()).isEqualTo("17278902806");
            assertThat(station.inconsistencies()).containsExactly(Inconsistency.REPORTED_AFTER_FEED_UPDATE);
        });
    }

    @Test
    void decodeTellsADocumentFromASingleEntry() throws Exception {
        CollectingListener<StationStatus> fromEntry = new CollectingListener<>();
        CollectingListener<StationStatus> fromDocument = new CollectingListener<>();

        Optional<GbfsFeedHeader> entryHeader = decoder.decode(fixture("velib_single_entry.json"), fromEntry);
        Optional<GbfsFeedHeader> documentHeader = decoder.decode(fixture("velib_station_status.json"), fromDocument);

        assertThat(entryHeader).isEmpty();
        assertThat(fromEntry.stations).extracting(StationStatus::stationCode).containsExactly("44015");
        assertThat(documentHeader).map(GbfsFeedHeader::version).contains(GbfsVersion.VELIB);
        assertThat(fromDocument.stations).hasSize(6);
    }

    @Test
    void failsATruncatedDocumentBeforeEmittingAnything() {
        byte[] whole = fixture("velib_station_status.json");
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        assertThatThrownBy(() -> decoder.decodeDocument(truncated, listener))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessageStartingWith("truncated JSON");
        assertThat(listener.stations).isEmpty();
        assertThat(listener.rejections).isEmpty();
    }

    @Test
    void failsPayloadsThatAreNotJsonOrNotGbfs() {
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        assertThatThrownBy(() -> decoder.decodeDocument(utf8("<html>502 Bad Gateway</html>"), listener))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> decoder.decodeDocument(utf8(""), listener)).hasMessage("empty payload");
        assertThatThrownBy(() -> decoder.decodeDocument(utf8("[1, 2]"), listener))
                .hasMessage("expected a JSON object at the top level, found START_ARRAY");
        assertThatThrownBy(() -> decoder.decodeDocument(utf8("{\"ttl\": 60}"), listener))
                .hasMessageStartingWith("not a GBFS document");
        assertThatThrownBy(() -> decoder.decodeDocument(utf8("{\"data\": {\"system_id\": \"x\"}}"), listener))
                .hasMessage("not a GBFS station feed: no \"data.stations\" array");
        assertThatThrownBy(() -> decoder.decodeDocument(utf8("{\"data\": {\"stations\": []}} {}"), listener))
                .hasMessageStartingWith("unexpected content after the top-level object");
        assertThatThrownBy(() -> decoder.decodeDocument(utf8("{\"last_updated\": true, \"data\": {}}"), listener))
                .hasMessageStartingWith("bad document header: last_updated must be");
        assertThatThrownBy(() -> decoder.decode(utf8("{\"ttl\": 60}"), listener))
                .hasMessageStartingWith("neither a GBFS document");
        assertThat(listener.stations).isEmpty();
        assertThat(listener.rejections).isEmpty();
    }

    @Test
    void rejectsATimestampBeyondTheRangeOfInstants() throws Exception {
        byte[] entry = utf8("{\"station_id\": 9, \"num_bikes_available\": 1, \"num_docks_available\": 2,"
                + " \"last_reported\": 9223372036854775807}");
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        decoder.decodeEntry(entry, null, listener);

        assertThat(listener.rejections)
                .extracting(Rejection::reason)
                .containsExactly("last_reported is out of the range of instants: 9223372036854775807");
    }

    @Test
    void refusesAWholeDocumentAsASingleEntry() {
        assertThatThrownBy(() ->
                        decoder.decodeEntry(fixture("velib_station_status.json"), null, new CollectingListener<>()))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("a GBFS document (top-level \"data\"), not a single entry");
    }

    @Test
    void truncatesTheRawTextOfAHugeRejectedEntry() throws Exception {
        String padding = "x".repeat(50_000);
        byte[] entry = utf8("{\"station_id\": 9, \"note\": \"" + padding + "\"}");
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        decoder.decodeEntry(entry, null, listener);

        assertThat(listener.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo("missing num_bikes_available (or num_vehicles_available)");
            assertThat(rejection.rawEntry())
                    .hasSize(Rejection.MAX_RAW_ENTRY_CHARS)
                    .startsWith("{\"station_id\": 9")
                    .endsWith(Rejection.TRUNCATION_MARK);
        });
    }

    private CollectingListener<StationStatus> decode(String fixtureName) throws GbfsDecodingException {
        CollectingListener<StationStatus> listener = new CollectingListener<>();
        decoder.decodeDocument(fixture(fixtureName), listener);
        return listener;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
