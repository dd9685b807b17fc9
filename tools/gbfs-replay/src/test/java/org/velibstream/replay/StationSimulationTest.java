package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.velibstream.data.stations.StationRow;
import org.velibstream.gbfs.StationStatus;

/** The model: commuting direction and every anomaly kind over a simulated weekday (Tuesday 19 November 2024). */
class StationSimulationTest {

    private static final Instant MIDNIGHT_PARIS = Instant.parse("2024-11-18T23:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final int TICKS_PER_DAY = 288;

    private static List<StationRow> rows;
    private static StationSimulation simulation;
    /** Statuses of every 5-minute tick of the day: [tick][station]. */
    private static List<List<StationStatus>> day;

    @BeforeAll
    static void simulateOneDay() {
        rows = SimulationFixtures.stationRows();
        simulation = new StationSimulation(rows, 42);
        day = IntStream.range(0, TICKS_PER_DAY)
                .mapToObj(i -> simulation.statusAt(MIDNIGHT_PARIS.plus(TICK.multipliedBy(i))))
                .toList();
    }

    @Test
    void morningRushMovesBikesFromResidentialToBusinessStations() {
        Instant before = parisTime("06:00");
        Instant after = parisTime("10:00");

        assertThat(bikesAt(after, this::business)).isGreaterThan(bikesAt(before, this::business) * 13 / 10);
        assertThat(bikesAt(after, this::residential)).isLessThan(bikesAt(before, this::residential) * 7 / 10);
    }

    @Test
    void eveningRushMovesThemBack() {
        Instant before = parisTime("16:00");
        Instant after = parisTime("21:00");

        assertThat(bikesAt(after, this::business)).isLessThan(bikesAt(before, this::business) * 7 / 10);
        assertThat(bikesAt(after, this::residential)).isGreaterThan(bikesAt(before, this::residential) * 13 / 10);
    }

    @Test
    void someStationsStayEmptyAndSomeFullForHours() {
        Map<Integer, Integer> longestEmpty = longestRun(s -> s.installed() && s.renting() && s.bikesAvailable() == 0);
        Map<Integer, Integer> longestFull = longestRun(s -> s.installed() && s.returning() && s.docksAvailable() == 0);

        int twoHours = 24;
        assertThat(longestEmpty.values().stream()
                        .filter(ticks -> ticks >= twoHours)
                        .count())
                .as("stations empty for two hours or more")
                .isGreaterThan(50);
        assertThat(longestFull.values().stream()
                        .filter(ticks -> ticks >= twoHours)
                        .count())
                .as("stations full for two hours or more")
                .isGreaterThan(50);
    }

    @Test
    void someStationsAreOutOfServiceAndSomeUnderMaintenance() {
        assertThat(stationsEver(s -> !s.installed() && !s.renting() && !s.returning() && s.bikesAvailable() == 0))
                .as("out of service")
                .isBetween(5L, 40L);
        assertThat(stationsEver(s -> s.installed() && !s.renting() && !s.returning()))
                .as("under maintenance")
                .isBetween(5L, 60L);
    }

    @Test
    void someStationsGoStaleAndOneHasBeenStaleSince2018() {
        Set<Integer> staleForTwoHours = new HashSet<>();
        for (int t = 0; t < TICKS_PER_DAY; t++) {
            Instant time = MIDNIGHT_PARIS.plus(TICK.multipliedBy(t));
            List<StationStatus> tick = day.get(t);
            for (int s = 0; s < tick.size(); s++) {
                assertThat(tick.get(s).lastReported())
                        .as("last_reported of station %d at %s", s, time)
                        .isBeforeOrEqualTo(time);
                if (Duration.between(tick.get(s).lastReported(), time).compareTo(Duration.ofHours(2)) > 0) {
                    staleForTwoHours.add(s);
                }
            }
        }

        assertThat(staleForTwoHours)
                .as("stations whose last report is over two hours old at some tick")
                .hasSizeBetween(3, 40);
        assertThat(simulation.statusAt(parisTime("12:00")))
                .filteredOn(s -> s.lastReported().equals(StationSimulation.STALE_SINCE_2018))
                .as("the station stale since 2018")
                .hasSize(1);
    }

    @Test
    void vansEmptySomeStationsAtOnce() {
        long drops = 0;
        for (int t = 1; t < TICKS_PER_DAY; t++) {
            for (int s = 0; s < rows.size(); s++) {
                int before = day.get(t - 1).get(s).bikesAvailable();
                int after = day.get(t).get(s).bikesAvailable();
                if (before - after >= 5
                        && after <= before / 2
                        && day.get(t).get(s).renting()) {
                    drops++;
                }
            }
        }
        assertThat(drops)
                .as("falls of at least 5 bikes and half the station within 5 minutes")
                .isBetween(5L, 100L);
    }

    @Test
    void countsAreConsistentAndCapacityZeroGetsAPlausibleDefault() {
        assertThat(day.stream().flatMap(List::stream)).allSatisfy(s -> {
            assertThat(s.bikesAvailable()).isGreaterThanOrEqualTo(0);
            assertThat(s.docksAvailable()).isGreaterThanOrEqualTo(0);
            assertThat(s.mechanicalBikes() + s.ebikes()).isEqualTo(s.bikesAvailable());
        });
        assertThat(simulation.stations())
                .filteredOn(s -> s.declaredCapacity() != null && s.declaredCapacity() == 0)
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.capacity()).isBetween(15, 40));
    }

    private long stationsEver(Predicate<StationStatus> condition) {
        return IntStream.range(0, rows.size())
                .filter(s -> day.stream().anyMatch(tick -> condition.test(tick.get(s))))
                .count();
    }

    /** Station index → the longest run of consecutive ticks in which {@code condition} holds. */
    private Map<Integer, Integer> longestRun(Predicate<StationStatus> condition) {
        Map<Integer, Integer> longest = new HashMap<>();
        for (int s = 0; s < rows.size(); s++) {
            int run = 0;
            for (List<StationStatus> tick : day) {
                run = condition.test(tick.get(s)) ? run + 1 : 0;
                longest.merge(s, run, Math::max);
            }
        }
        return longest;
    }

    private long bikesAt(Instant time, Predicate<SimulatedStation> which) {
        List<StationStatus> statuses = simulation.statusAt(time);
        return simulation.stations().stream()
                .filter(which)
                .mapToLong(station -> statuses.get(station.index()).bikesAvailable())
                .sum();
    }

    private boolean business(SimulatedStation station) {
        return station.businessScore() > 0.5;
    }

    private boolean residential(SimulatedStation station) {
        return station.businessScore() < -0.5;
    }

    private static Instant parisTime(String time) {
        return MIDNIGHT_PARIS.plus(Duration.between(LocalTime.MIDNIGHT, LocalTime.parse(time)));
    }
}
