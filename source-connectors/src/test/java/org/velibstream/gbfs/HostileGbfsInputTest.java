package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.annotation.Nullable;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Every decoder on mutated fixtures. Each property runs {@code jqwik.tries.default} payloads (see
 * {@code junit-platform.properties}; {@code -Djqwik.tries.default=100000} for a longer local run).
 *
 * <p>The properties: no exception escapes but {@link GbfsDecodingException}, and none of a refused payload's entries
 * reaches the listener; otherwise every entry ends in exactly one of {@code onStation} and {@code onRejected}; every
 * rejection names its reason; decoded values keep the invariants their types document.
 */
class HostileGbfsInputTest {

    private static final DecoderLimits LIMITS = DecoderLimits.defaults();

    @Property
    void stationStatusDecoderSurvivesHostilePayloads(@ForAll("statusPayloads") byte[] payload) {
        checkStationFeed(new StationStatusDecoder(), payload);
    }

    @Property
    void stationInformationDecoderSurvivesHostilePayloads(@ForAll("informationPayloads") byte[] payload) {
        checkStationFeed(new StationInformationDecoder(), payload);
    }

    @Property
    void discoveryDecoderSurvivesHostilePayloads(@ForAll("discoveryPayloads") byte[] payload) {
        decodesOrRefuses(() -> {
            GbfsDiscovery discovery = GbfsDiscovery.decode(payload, "fr");
            assertThat(discovery.feeds().values())
                    .allSatisfy(url -> assertThat(url.isAbsolute()).isTrue());
            assertThat(discovery.feeds().keySet())
                    .allSatisfy(name -> assertThat(name).isNotEmpty());
            discovery.rejected().forEach(HostileGbfsInputTest::checkRejection);
        });
    }

    @Property
    void vehicleTypesDecoderSurvivesHostilePayloads(@ForAll("vehicleTypesPayloads") byte[] payload) {
        decodesOrRefuses(() -> {
            GbfsVehicleTypes types = GbfsVehicleTypes.decode(payload);
            assertThat(types.bikeTypes().keySet())
                    .allSatisfy(id -> assertThat(id).isNotEmpty());
            types.rejected().forEach(HostileGbfsInputTest::checkRejection);
        });
    }

    @Property
    void systemInformationDecoderSurvivesHostilePayloads(@ForAll("systemInformationPayloads") byte[] payload) {
        decodesOrRefuses(() -> {
            GbfsSystemInformation system = GbfsSystemInformation.decode(payload);
            if (system.systemId() != null) {
                assertThat(system.systemId()).isNotBlank().hasSizeLessThanOrEqualTo(LIMITS.maxIdChars());
            }
            if (system.name() != null) {
                assertThat(system.name()).isNotBlank().hasSizeLessThanOrEqualTo(LIMITS.maxNameChars());
            }
        });
    }

    @Property
    void systemRegionsDecoderSurvivesHostilePayloads(@ForAll("systemRegionsPayloads") byte[] payload) {
        decodesOrRefuses(() -> {
            GbfsSystemRegions regions = GbfsSystemRegions.decode(payload);
            assertThat(regions.regionNames()).allSatisfy((id, name) -> {
                assertThat(id).isNotBlank().hasSizeLessThanOrEqualTo(LIMITS.maxIdChars());
                assertThat(name).isNotBlank().hasSizeLessThanOrEqualTo(LIMITS.maxNameChars());
            });
            regions.rejected().forEach(HostileGbfsInputTest::checkRejection);
        });
    }

    @Provide
    Arbitrary<byte[]> systemInformationPayloads() {
        return HostilePayloads.mutationsOf(HostilePayloads.fixtures(
                "lyft_system_information.json", "gbfs23_system_information.json", "gbfs30_system_information.json"));
    }

    @Provide
    Arbitrary<byte[]> systemRegionsPayloads() {
        return HostilePayloads.mutationsOf(
                HostilePayloads.fixtures("gbfs23_system_regions.json", "gbfs30_system_regions.json"));
    }

    @Provide
    Arbitrary<byte[]> statusPayloads() {
        return HostilePayloads.mutationsOf(HostilePayloads.fixtures(
                "velib_station_status.json",
                "gbfs23_station_status.json",
                "gbfs30_station_status.json",
                "lyft_station_status.json",
                "velib_single_entry.json"));
    }

    @Provide
    Arbitrary<byte[]> informationPayloads() {
        return HostilePayloads.mutationsOf(HostilePayloads.fixtures(
                "velib_station_information.json",
                "gbfs23_station_information.json",
                "gbfs30_station_information.json",
                "lyft_station_information.json"));
    }

    @Provide
    Arbitrary<byte[]> discoveryPayloads() {
        return HostilePayloads.mutationsOf(HostilePayloads.fixtures(
                "gbfs10_discovery.json", "gbfs11_discovery.json", "gbfs23_discovery.json", "gbfs30_discovery.json"));
    }

    @Provide
    Arbitrary<byte[]> vehicleTypesPayloads() {
        return HostilePayloads.mutationsOf(HostilePayloads.fixtures(
                "gbfs21_vehicle_types.json", "gbfs23_vehicle_types.json", "gbfs30_vehicle_types.json"));
    }

    /** The station-feed properties, shared with {@link HostileSharedSnapshotsTest}. */
    static <T> void checkStationFeed(StationFeedDecoder<T> decoder, byte[] payload) {
        List<T> stations = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try {
            decoder.decode(payload, StationListener.collectingInto(stations, rejections));
        } catch (GbfsDecodingException e) {
            Statistics.label("payload").collect("refused as a whole");
            assertThat(e.getMessage()).as("the reason a payload is refused").isNotBlank();
            assertThat(stations.size() + rejections.size())
                    .as("entries that reached the listener before the payload was refused: %s", e.getMessage())
                    .isZero();
            return;
        }
        Statistics.label("payload").collect(rejections.isEmpty() ? "every entry decoded" : "some entries rejected");
        OptionalInt entries = HostilePayloads.entryCount(payload);
        if (entries.isPresent()) {
            assertThat(stations.size() + rejections.size())
                    .as("entries handed over, decoded or rejected, against the entries in the payload")
                    .isEqualTo(entries.getAsInt());
        }
        rejections.forEach(HostileGbfsInputTest::checkRejection);
        for (T station : stations) {
            if (station instanceof StationStatus status) {
                checkInvariants(status);
            } else {
                checkInvariants((StationInformation) station);
            }
        }
    }

    @FunctionalInterface
    private interface Decoding {
        void run() throws GbfsDecodingException;
    }

    /** The decoding and its checks pass, or the payload is refused with a reason: nothing else escapes. */
    private static void decodesOrRefuses(Decoding decoding) {
        try {
            decoding.run();
        } catch (GbfsDecodingException e) {
            assertThat(e.getMessage()).as("the reason a payload is refused").isNotBlank();
        }
    }

    static void checkRejection(Rejection rejection) {
        assertThat(rejection.reason()).as("rejection reason").isNotBlank();
        assertThat(rejection.rawEntry().length()).isLessThanOrEqualTo(Rejection.MAX_RAW_ENTRY_CHARS);
    }

    private static void checkInvariants(StationStatus status) {
        checkIds(status.stationId(), status.stationCode());
        assertThat(status.bikesAvailable()).isLessThanOrEqualTo(LIMITS.maxCount());
        assertThat(status.docksAvailable()).isLessThanOrEqualTo(LIMITS.maxCount());
        assertThat(status.inconsistencies().contains(Inconsistency.NEGATIVE_BIKES))
                .as("NEGATIVE_BIKES flagged exactly when bikes < 0: %s", status)
                .isEqualTo(status.bikesAvailable() < 0);
        assertThat(status.inconsistencies().contains(Inconsistency.NEGATIVE_DOCKS))
                .as("NEGATIVE_DOCKS flagged exactly when docks < 0: %s", status)
                .isEqualTo(status.docksAvailable() < 0);
        assertThat(status.mechanicalBikes() == null)
                .as("the breakdown is known for both types or for neither: %s", status)
                .isEqualTo(status.ebikes() == null);
        if (status.mechanicalBikes() != null
                && (long) status.mechanicalBikes() + status.ebikes() != status.bikesAvailable()) {
            assertThat(status.inconsistencies()).contains(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL);
        }
        if (status.mechanicalBikes() != null && (status.mechanicalBikes() < 0 || status.ebikes() < 0)) {
            assertThat(status.inconsistencies()).contains(Inconsistency.NEGATIVE_BIKE_TYPE_COUNT);
        }
        if (status.lastReported() != null && status.lastReported().isBefore(LIMITS.earliestTime())) {
            assertThat(status.inconsistencies()).contains(Inconsistency.IMPLAUSIBLE_LAST_REPORTED);
        }
    }

    private static void checkInvariants(StationInformation information) {
        checkIds(information.stationId(), information.stationCode());
        assertThat(information.name().length()).isLessThanOrEqualTo(LIMITS.maxNameChars());
        assertThat(information.lat()).isBetween(-90.0, 90.0);
        assertThat(information.lon()).isBetween(-180.0, 180.0);
        if (information.capacity() != null) {
            assertThat(information.capacity()).isBetween(0, LIMITS.maxCount());
        }
        for (String areaKey : new String[] {information.postCode(), information.regionId()}) {
            if (areaKey != null) {
                assertThat(areaKey).isNotBlank().hasSizeLessThanOrEqualTo(LIMITS.maxIdChars());
            }
        }
    }

    private static void checkIds(String stationId, @Nullable String stationCode) {
        assertThat(stationId).isNotBlank().hasSizeLessThanOrEqualTo(LIMITS.maxIdChars());
        if (stationCode != null) {
            assertThat(stationCode).isNotBlank().hasSizeLessThanOrEqualTo(LIMITS.maxIdChars());
        }
    }
}
