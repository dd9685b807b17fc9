package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.velibstream.gbfs.Fixtures.fixture;

import org.junit.jupiter.api.Test;

class StationInformationDecoderTest {

    private final StationInformationDecoder decoder = new StationInformationDecoder();

    @Test
    void decodesVelibStationsKeepingCapacityZeroAndNamesWithQuotes() throws Exception {
        CollectingListener<StationInformation> listener = new CollectingListener<>();

        GbfsFeedHeader header = decoder.decodeDocument(fixture("velib_station_information.json"), listener);

        assertThat(header.version()).isEqualTo(GbfsVersion.VELIB);
        assertThat(listener.stations)
                .containsExactly(
                        new StationInformation(
                                "213688169",
                                "16107",
                                "Benjamin Godard - Victor Hugo",
                                48.865983,
                                2.275725,
                                35,
                                null,
                                null),
                        new StationInformation(
                                "17278902806",
                                "44015",
                                "Rouget de L'isle - Watteau",
                                48.778192750803,
                                2.3963020229163,
                                0,
                                null,
                                null),
                        new StationInformation(
                                "1", "6003_relais", "Saint-Sulpice, \"relais\"", 48.85, 2.33, null, null, null));
    }

    @Test
    void rejectsStationsWithoutCoordinatesOrOutOfRange() throws Exception {
        CollectingListener<StationInformation> listener = new CollectingListener<>();

        decoder.decodeDocument(fixture("velib_station_information.json"), listener);

        assertThat(listener.rejections)
                .extracting(Rejection::reason)
                .containsExactly("missing lat or lon", "lat is out of range [-90.0, 90.0]: 148.0");
    }

    @Test
    void takesTheFirstLocalizedNameOfGbfs30() throws Exception {
        CollectingListener<StationInformation> listener = new CollectingListener<>();

        GbfsFeedHeader header = decoder.decodeDocument(fixture("gbfs30_station_information.json"), listener);

        assertThat(header.version()).isEqualTo(GbfsVersion.GBFS_3);
        assertThat(listener.stations)
                .containsExactly(
                        new StationInformation("pga", null, "Parking garage A", 12.345678, 45.678901, 8, null, null));
        assertThat(listener.rejections).extracting(Rejection::reason).containsExactly("name has no localized text");
    }

    @Test
    void readsPostCodeAndRegionIdAsTextAndTakesNullOrBlankForAbsent() throws Exception {
        CollectingListener<StationInformation> listener = new CollectingListener<>();

        decoder.decodeDocument(fixture("gbfs23_station_information.json"), listener);

        assertThat(listener.stations)
                .containsExactly(
                        new StationInformation("A1", null, "Gare Centrale", 45.5, -73.56, 20, "H3B 4W8", "7"),
                        new StationInformation("A2", null, "Parc", 45.51, -73.57, null, null, null));
        assertThat(listener.rejections)
                .extracting(Rejection::reason)
                .containsExactly("post_code must be a string or an integer, was an array");
    }

    @Test
    void readsLyftsRegionIdAndUuidStationIds() throws Exception {
        CollectingListener<StationInformation> listener = new CollectingListener<>();

        decoder.decodeDocument(fixture("lyft_station_information.json"), listener);

        assertThat(listener.stations)
                .extracting(StationInformation::stationKey, StationInformation::postCode, StationInformation::regionId)
                .containsExactly(
                        tuple("003d58af-e449-4800-aa6d-eb1bba8ad68d", null, "3"), tuple("unplaced", null, null));
    }

    @Test
    void holdsPostCodeAndRegionIdToTheIdLimit() throws Exception {
        StationInformationDecoder strict =
                new StationInformationDecoder(DecoderLimits.defaults().withMaxIdChars(4));
        CollectingListener<StationInformation> listener = new CollectingListener<>();

        strict.decodeDocument(fixture("gbfs23_station_information.json"), listener);

        assertThat(listener.rejections)
                .extracting(Rejection::reason)
                .containsExactly(
                        "post_code is 7 characters long, above the limit of 4: H3B 4W8",
                        "post_code must be a string or an integer, was an array");
    }
}
