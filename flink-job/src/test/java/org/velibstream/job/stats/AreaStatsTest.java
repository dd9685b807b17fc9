package org.velibstream.job.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.job.model.TestStations.at;
import static org.velibstream.job.model.TestStations.station;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.Inconsistency;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.model.StationObservation;

/** {@link AreaStats#of}: what a station with impossible counts adds to its area's row. */
class AreaStatsTest {

    private static final StatsArea AREA = new StatsArea("velib", AreaKind.POSTAL_CODE, "75001");

    /** Two good stations: 12 bikes (7 mechanical, 5 e-bikes), 28 docks, capacity 40; one empty, one full. */
    private static final List<StationObservation> GOOD = List.of(
            station("1001").bikes(0, 0).docks(20).capacity(20).observedAt("08:00:10"),
            station("1002").bikes(7, 5).docks(0).capacity(12).observedAt("08:00:10"));

    private static AreaStats sum(StationObservation... more) {
        List<StationObservation> stations = new ArrayList<>(GOOD);
        stations.addAll(List.of(more));
        return AreaStats.of(AREA, at("08:00:00"), at("08:01:00"), stations);
    }

    private static AreaStats goodOnlyPlus(int inconsistent) {
        return new AreaStats(
                "velib",
                AreaKind.POSTAL_CODE,
                "75001",
                at("08:00:00"),
                at("08:01:00"),
                2 + inconsistent,
                12,
                7,
                5,
                20,
                32,
                1,
                1,
                0,
                inconsistent);
    }

    @Test
    void goodStationsAreSummed() {
        assertThat(sum()).isEqualTo(goodOnlyPlus(0));
    }

    @Test
    void aStationWithNegativeBikesIsCountedAsInconsistentAndInNothingElse() {
        // The station: −3 bikes, 38 docks at a 35-dock station, and not renting.
        StationObservation negative = station("1003")
                .bikes(-3, 0)
                .docks(38)
                .capacity(35)
                .renting(false)
                .inconsistencies(Inconsistency.NEGATIVE_BIKES, Inconsistency.NEGATIVE_BIKE_TYPE_COUNT)
                .observedAt("08:00:20");

        assertThat(sum(negative)).isEqualTo(goodOnlyPlus(1));
    }

    @Test
    void aStationWithMoreFreeDocksThanItsCapacityIsSummedAsItIs() {
        // The capacity may be of another date than the counts (see ImpossibleCounts): the counts are the feed's.
        StationObservation docksBeyond =
                station("1003").bikes(0, 0).docks(36).capacity(35).observedAt("08:00:20");

        assertThat(sum(docksBeyond))
                .isEqualTo(new AreaStats(
                        "velib",
                        AreaKind.POSTAL_CODE,
                        "75001",
                        at("08:00:00"),
                        at("08:01:00"),
                        3,
                        12,
                        7,
                        5,
                        56,
                        67,
                        2,
                        1,
                        0,
                        0));
    }

    @Test
    void aStationWhoseBikeTypesDoNotAddUpIsCountedAsInconsistent() {
        StationObservation typesWrong = station("1003")
                .bikes(4, 4)
                .docks(10)
                .capacity(20)
                .inconsistencies(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL)
                .observedAt("08:00:20");

        assertThat(sum(typesWrong)).isEqualTo(goodOnlyPlus(1));
    }

    @Test
    void aStationWithMoreBikesAndDocksThanItsCapacityIsSummed() {
        // Real stations do it (Vélib' overflow): their numbers are the feed's truth, see ImpossibleCounts.
        StationObservation overflow =
                station("1003").bikes(20, 18).docks(0).capacity(25).observedAt("08:00:20");

        assertThat(sum(overflow))
                .isEqualTo(new AreaStats(
                        "velib",
                        AreaKind.POSTAL_CODE,
                        "75001",
                        at("08:00:00"),
                        at("08:01:00"),
                        3,
                        50,
                        27,
                        23,
                        20,
                        57,
                        1,
                        2,
                        0,
                        0));
    }

    @Test
    void anImpossibleStationWithAnUnknownSplitLeavesTheSplitOfTheOthersKnown() {
        StationObservation negativeDocks = station("1003")
                .docks(-1)
                .inconsistencies(Inconsistency.NEGATIVE_DOCKS)
                .observedAt("08:00:20");
        StationObservation withoutSplit = new StationObservation(
                negativeDocks.systemId(),
                negativeDocks.stationId(),
                negativeDocks.stationCode(),
                negativeDocks.stationKey(),
                negativeDocks.areaKind(),
                negativeDocks.area(),
                negativeDocks.capacity(),
                negativeDocks.observedAt(),
                new StationStatus(
                        negativeDocks.stationId(),
                        negativeDocks.stationCode(),
                        10,
                        null,
                        null,
                        -1,
                        true,
                        true,
                        true,
                        null,
                        List.of(Inconsistency.NEGATIVE_DOCKS)),
                negativeDocks.feedUpdatedAt(),
                false);

        assertThat(sum(withoutSplit)).isEqualTo(goodOnlyPlus(1));
    }
}
