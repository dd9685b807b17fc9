package org.velibstream.replay;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.replay.SeededDraws.Draw;

/**
 * A small, deterministic model of a bike-share system. A station's state at an instant is a pure function of the
 * seed, the station and the instant: no state is carried from tick to tick, so any instant can be asked for in any
 * order and the same seed always gives the same feed.
 *
 * <p><b>Commuting.</b> A station's {@link SimulatedStation#businessScore() business score} falls with its distance to
 * the centre of Paris (Hôtel de Ville): 1 within 2.5 km, -1 beyond 5.5 km, linear between. On weekdays, bikes flow
 * from residential to business stations between 07:00 and 09:30 (Paris time) and back between 16:30 and 19:30; on
 * weekends the flow is a quarter as strong. The fill of usable docks is the station's night-time fill, plus the flow
 * times its business score, plus a slow random drift (interpolated hourly draws), clipped to [0, 1]: so business
 * stations sit full and residential ones empty for hours on working days.
 *
 * <p><b>Anomalies</b>, drawn from the seed: about 1.2% of stations are out of service for good
 * ({@code is_installed}, {@code is_renting}, {@code is_returning} 0, no bikes, no docks); each day about 1.5% are
 * under maintenance for 2 to 6 hours (installed, neither renting nor returning); about 1% go stale for 3 to 9 hours a
 * day (counts and {@code last_reported} frozen), and one has been stale since {@link #STALE_SINCE_2018}, as in the
 * real feed; each day about 2% are emptied by a regulation van between 10:00 and 17:00, and refill over 3 hours.
 *
 * <p>This class is the model over time; the stations and the traits drawn once for each are made by
 * {@link SimulatedStations}, and every draw comes from {@link SeededDraws}.
 */
public final class StationSimulation {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    public static final Coordinates PARIS_CENTRE = new Coordinates(48.8566, 2.3522);
    public static final Instant STALE_SINCE_2018 = Instant.parse("2018-08-13T09:46:52Z");

    private static final double COMMUTE_AMPLITUDE = 0.65;
    private static final double WEEKEND_FLOW = 0.25;
    private static final double DRIFT = 0.12;
    private static final long MAX_REPORT_LAG_SECONDS = 240;
    private static final Duration VAN_REFILL = Duration.ofHours(3);

    private final SeededDraws draws;
    private final List<SimulatedStation> stations;
    private final int staleSince2018;

    /** The first system: the table's own ids, the given seed. */
    public StationSimulation(List<StationRow> rows, long seed) {
        this(rows, seed, 0);
    }

    /**
     * System {@code systemIndex} of several: station ids shifted by {@code systemIndex * }{@value SimulatedStations#SYSTEM_ID_SHIFT}
     * (a non-numeric id gets the suffix {@code -<systemIndex>}), seed {@code seed + systemIndex}.
     */
    public StationSimulation(List<StationRow> rows, long seed, int systemIndex) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("A simulated system needs at least one station");
        }
        if (systemIndex < 0) {
            throw new IllegalArgumentException("systemIndex must not be negative, got " + systemIndex);
        }
        this.draws = new SeededDraws(seed + systemIndex);
        this.stations = SimulatedStations.of(rows, systemIndex, draws);
        this.staleSince2018 = IntStream.range(0, stations.size())
                .filter(i -> !outOfService(stations.get(i)))
                .boxed()
                .min(Comparator.comparingDouble(i -> draws.unit(Draw.STALE_2018, i)))
                .orElse(0);
    }

    public List<SimulatedStation> stations() {
        return stations;
    }

    /** Every station's status at {@code time}, in the order of {@link #stations()}. */
    public List<StationStatus> statusAt(Instant time) {
        List<StationStatus> statuses = new ArrayList<>(stations.size());
        for (SimulatedStation station : stations) {
            statuses.add(statusAt(station, time));
        }
        return statuses;
    }

    StationStatus statusAt(SimulatedStation station, Instant time) {
        if (outOfService(station)) {
            return status(station, 0, 0, 0, false, false, reportedAt(station, time));
        }
        if (station.index() == staleSince2018) {
            return reporting(station, STALE_SINCE_2018, STALE_SINCE_2018);
        }
        LocalDate day = time.atZone(PARIS).toLocalDate();
        if (staleProne(station)) {
            Optional<Window> stale =
                    episode(station, day, Draw.STALE, 1.0, 0, 18, 3, 9).filter(w -> w.contains(time));
            if (stale.isPresent()) {
                Instant frozenAt = stale.get().start();
                return reporting(station, frozenAt, reportedAt(station, frozenAt));
            }
        }
        return reporting(station, time, reportedAt(station, time));
    }

    /** A station that reports: commuting flows, van visits and maintenance as they stand at {@code time}. */
    private StationStatus reporting(SimulatedStation station, Instant time, Instant lastReported) {
        ZonedDateTime local = time.atZone(PARIS);
        int bikes = (int) Math.round(fill(station, local) * station.usableDocks());
        Optional<Window> van = episode(station, local.toLocalDate(), Draw.VAN, 0.02, 10, 17, 3, 3)
                .filter(w -> w.contains(time));
        if (van.isPresent()) {
            double refilled = (double) Duration.between(van.get().start(), time).toSeconds() / VAN_REFILL.toSeconds();
            bikes = (int) Math.floor(bikes * refilled);
        }
        boolean maintenance = episode(station, local.toLocalDate(), Draw.MAINTENANCE, 0.015, 6, 18, 2, 6)
                .filter(w -> w.contains(time))
                .isPresent();
        int ebikes = (int) Math.round(bikes * station.ebikeShare());
        return status(station, bikes - ebikes, ebikes, station.usableDocks() - bikes, true, !maintenance, lastReported);
    }

    private static StationStatus status(
            SimulatedStation station,
            int mechanical,
            int ebikes,
            int docks,
            boolean installed,
            boolean inService,
            Instant lastReported) {
        return new StationStatus(
                station.stationId(),
                station.stationCode(),
                mechanical + ebikes,
                mechanical,
                ebikes,
                docks,
                installed,
                inService,
                inService,
                lastReported,
                List.of());
    }

    private double fill(SimulatedStation station, ZonedDateTime local) {
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        double commute = smoothstep(7, 9.5, hour) - smoothstep(16.5, 19.5, hour);
        DayOfWeek weekday = local.getDayOfWeek();
        double flow = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? WEEKEND_FLOW : 1;
        double fill = station.baseFill()
                + COMMUTE_AMPLITUDE * station.businessScore() * commute * flow
                + drift(station, local.toInstant());
        return Math.max(0, Math.min(1, fill));
    }

    /** Random draws once an hour, smoothly interpolated: occupancy wanders without jumping between ticks. */
    private double drift(SimulatedStation station, Instant time) {
        long hour = Math.floorDiv(time.getEpochSecond(), 3600);
        double within = Math.floorMod(time.getEpochSecond(), 3600) / 3600.0;
        double from = draws.unit(Draw.DRIFT, station.index(), hour) * 2 - 1;
        double to = draws.unit(Draw.DRIFT, station.index(), hour + 1) * 2 - 1;
        return DRIFT * (from + (to - from) * smoothstep(0, 1, within));
    }

    /** Stations report every few minutes; the lag is drawn per station and instant, never after {@code time}. */
    private Instant reportedAt(SimulatedStation station, Instant time) {
        long lag = (long) (draws.unit(Draw.REPORT, station.index(), time.getEpochSecond()) * MAX_REPORT_LAG_SECONDS);
        return time.minusSeconds(lag);
    }

    private boolean outOfService(SimulatedStation station) {
        return draws.unit(Draw.OUT_OF_SERVICE, station.index()) < 0.012;
    }

    /** Stations that go stale for some hours every day. */
    private boolean staleProne(SimulatedStation station) {
        return draws.unit(Draw.STALE, station.index()) < 0.01;
    }

    /**
     * The episode of kind {@code draw} a station has on {@code day}, if it has one: with {@code probability}, it
     * starts between {@code earliestHour} and {@code latestHour} (Paris time) and lasts {@code minHours} to
     * {@code maxHours}.
     */
    private Optional<Window> episode(
            SimulatedStation station,
            LocalDate day,
            Draw draw,
            double probability,
            int earliestHour,
            int latestHour,
            int minHours,
            int maxHours) {
        long epochDay = day.toEpochDay();
        if (draws.unit(draw, station.index(), epochDay, 0) >= probability) {
            return Optional.empty();
        }
        long startSeconds = (long)
                ((earliestHour + draws.unit(draw, station.index(), epochDay, 1) * (latestHour - earliestHour)) * 3600);
        long lengthSeconds =
                (long) ((minHours + draws.unit(draw, station.index(), epochDay, 2) * (maxHours - minHours)) * 3600);
        Instant start = day.atStartOfDay(PARIS).toInstant().plusSeconds(startSeconds);
        return Optional.of(new Window(start, start.plusSeconds(lengthSeconds)));
    }

    private record Window(Instant start, Instant end) {
        boolean contains(Instant time) {
            return !time.isBefore(start) && time.isBefore(end);
        }
    }

    private static double smoothstep(double from, double to, double x) {
        double t = Math.max(0, Math.min(1, (x - from) / (to - from)));
        return t * t * (3 - 2 * t);
    }
}
