package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.job.model.TestStations.station;

import org.junit.jupiter.api.Test;
import org.velibstream.gbfs.Inconsistency;

class ImpossibleCountsTest {

    private static TestStations healthy() {
        return station("16107").bikes(5, 5).docks(10).capacity(20);
    }

    @Test
    void theDecodersFlagsOfCountsThatCannotBeTrueAreImpossible() {
        for (Inconsistency flag : new Inconsistency[] {
            Inconsistency.NEGATIVE_BIKES,
            Inconsistency.NEGATIVE_DOCKS,
            Inconsistency.NEGATIVE_BIKE_TYPE_COUNT,
            Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL
        }) {
            assertThat(ImpossibleCounts.in(healthy().inconsistencies(flag).observedAt("08:00:00")))
                    .as("%s makes the counts impossible", flag)
                    .isTrue();
        }
    }

    @Test
    void flagsAboutClocksOrTwinFieldsLeaveTheCountsPossible() {
        for (Inconsistency flag : new Inconsistency[] {
            Inconsistency.DUPLICATE_FIELDS_DISAGREE,
            Inconsistency.REPORTED_AFTER_FEED_UPDATE,
            Inconsistency.IMPLAUSIBLE_LAST_REPORTED
        }) {
            assertThat(ImpossibleCounts.in(healthy().inconsistencies(flag).observedAt("08:00:00")))
                    .as("%s says nothing against the counts kept", flag)
                    .isFalse();
        }
    }

    @Test
    void moreFreeDocksThanTheKnownCapacityIsADisagreementNotImpossibleCounts() {
        // With a capacity of another date (the 2022 statuses against 2024's capacities) real stations do it.
        StationObservation docksBeyond = healthy().docks(21).observedAt("08:00:00");

        assertThat(ImpossibleCounts.in(docksBeyond)).isFalse();
        assertThat(ImpossibleCounts.docksBeyondCapacity(docksBeyond)).isEqualTo("docks 21 exceed capacity 20");
        assertThat(ImpossibleCounts.docksBeyondCapacity(healthy().docks(20).observedAt("08:00:00")))
                .as("every dock free")
                .isNull();
    }

    @Test
    void bikesAndDocksAboveTheCapacityArePossible() {
        // As real stations report them: Vélib' 42004 (38 bikes, 0 docks, capacity 25), Bay Wheels by a bike or two.
        assertThat(ImpossibleCounts.in(
                        healthy().bikes(20, 18).docks(0).capacity(25).observedAt("08:00:00")))
                .isFalse();
        assertThat(ImpossibleCounts.in(healthy().bikes(6, 5).docks(10).observedAt("08:00:00")))
                .isFalse();
    }

    @Test
    void anUnknownCapacityBoundsNothing() {
        assertThat(ImpossibleCounts.docksBeyondCapacity(
                        healthy().docks(50).capacity(null).observedAt("08:00:00")))
                .isNull();
        assertThat(ImpossibleCounts.docksBeyondCapacity(
                        healthy().docks(50).capacity(0).observedAt("08:00:00")))
                .as("some feeds say 0 for an unknown capacity")
                .isNull();
    }
}
