package org.velibstream.job.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.model.ImpossibleCounts;
import org.velibstream.job.model.StationObservation;

/**
 * What {@link StationAlertDetector} knows of one station, and the rule of each alert type, applied to the station's
 * observations one at a time in event-time order. Its state is the station's keyed state of the detector; the
 * detector decides when an observation is judged.
 *
 * <p><b>Alert types</b> ({@link AlertThresholds} holds the numbers):
 * <ul>
 *   <li>{@link AlertType#EMPTY}: installed and renting with 0 bikes in every observation from the first 0 until one
 *       at least {@code empty} later. Resolves at the first observation with bikes. A station that stops renting
 *       interrupts the run, but an open alert stays open until bikes come back.
 *   <li>{@link AlertType#FULL}: the same with 0 docks while installed and returning, and {@code full}.
 *   <li>{@link AlertType#STALE}: {@code last_reported} lags at least {@code stale} behind the feed document's
 *       {@code last_updated} (the observation time when the document has none). Judging against the document, not
 *       the clock, means a station is stale only while the feed keeps updating, and covers a station already that
 *       old when first seen. {@code since} is the last report. Resolves when the lag falls below the threshold.
 *       An observation without {@code last_reported} changes nothing.
 *   <li>{@link AlertType#OFFLINE}: not installed, or not renting. Resolves when both are true again.
 *   <li>{@link AlertType#SUDDEN_DROP}: while installed, bikes fall by at least
 *       {@link AlertThresholds#suddenDropFrom(int) max(suddenDropMinBikes, suddenDropFraction × earlier)} from an
 *       observation at most {@code suddenDropWithin} earlier. {@code since} is that earlier observation. Resolves at
 *       the first observation of an installed station that shows no such fall any more (bikes came back, or the
 *       fall is older than {@code suddenDropWithin}).
 *   <li>{@link AlertType#INCONSISTENT}: the decoder's consistency checks failed, or the station has more free docks
 *       than its known capacity ({@link ImpossibleCounts#docksBeyondCapacity}; bikes + docks above the capacity is
 *       no inconsistency: real stations park bikes in overflow). Resolves at the first consistent observation.
 * </ul>
 * An observation whose counts are impossible ({@link ImpossibleCounts}: negative, or bike types not adding up) opens
 * {@code INCONSISTENT} and is not judged on its counts: it neither opens nor resolves {@code EMPTY}, {@code FULL} or
 * {@code SUDDEN_DROP}, does not interrupt their runs, and is no baseline for a later drop (−3 bikes is wrong data,
 * not a fall of the bikes). {@code OFFLINE} and {@code STALE} are judged as usual: its flags and its clock are not in
 * question. More free docks than the capacity leaves the counts judged: the capacity may be the stale number.
 * There is at most one open alert per type: a condition that holds again while its alert is open emits nothing.
 * A tombstone resolves every open alert of the station and clears its state.
 */
final class StationJudgement {

    private final AlertThresholds thresholds;

    /** The open alerts, read only to resolve one: {@link StationMemory} says which are open. */
    private final MapState<AlertType, StationAlert> openAlerts;
    /** Everything else the station's judgement needs, in one value: one read and one write per observation. */
    private final ValueState<long[]> memory;

    private final StationJudgementBeforeIssue14 beforeIssue14;

    private StationJudgement(AlertThresholds thresholds, RuntimeContext runtimeContext) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        // The state names are those of the detector's savepoints: never rename them.
        openAlerts = runtimeContext.getMapState(new MapStateDescriptor<>(
                "open-alerts", TypeInformation.of(AlertType.class), TypeInformation.of(StationAlert.class)));
        memory = runtimeContext.getState(
                new ValueStateDescriptor<>("station-memory", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        beforeIssue14 = new StationJudgementBeforeIssue14(runtimeContext);
    }

    /** Binds to the keyed state of the detector that owns {@code runtimeContext}. */
    static StationJudgement inState(AlertThresholds thresholds, RuntimeContext runtimeContext) {
        return new StationJudgement(thresholds, runtimeContext);
    }

    void judge(StationObservation observation, Collector<StationAlert> out) throws Exception {
        long[] stored = memory.value();
        StationMemory station = stored != null ? StationMemory.of(stored) : beforeIssue14.convert(openAlerts.keys());
        judge(observation, station, out);
        memory.update(station.toStored());
    }

    private void judge(StationObservation observation, StationMemory station, Collector<StationAlert> out)
            throws Exception {
        StationStatus status = observation.status();
        Instant now = observation.observedAt();

        boolean offline = !status.installed() || !status.renting();
        update(
                station,
                AlertType.OFFLINE,
                offline ? now : null,
                observation,
                () -> "installed=" + status.installed() + ", renting=" + status.renting(),
                out);

        // Impossible counts say nothing about bikes or docks: they are reported as INCONSISTENT only.
        boolean countsPossible = !ImpossibleCounts.in(observation);
        if (countsPossible) {
            judgeEmptyAndFull(observation, station, out);
        }
        judgeStale(observation, station, out);
        if (countsPossible && status.installed()) {
            judgeSuddenDrop(observation, station, out);
        }
        judgeInconsistent(observation, station, out);
    }

    private void judgeEmptyAndFull(StationObservation observation, StationMemory station, Collector<StationAlert> out)
            throws Exception {
        StationStatus status = observation.status();
        Instant now = observation.observedAt();
        Instant emptySince = runStart(
                station.emptySince(), status.installed() && status.renting() && status.bikesAvailable() == 0, now);
        station.setEmptySince(emptySince);
        Instant fullSince = runStart(
                station.fullSince(), status.installed() && status.returning() && status.docksAvailable() == 0, now);
        station.setFullSince(fullSince);
        update(
                station,
                AlertType.EMPTY,
                thresholdMet(emptySince, thresholds.empty(), now),
                status.bikesAvailable() > 0,
                observation,
                () -> "bikes available: " + status.bikesAvailable(),
                out);
        update(
                station,
                AlertType.FULL,
                thresholdMet(fullSince, thresholds.full(), now),
                status.docksAvailable() > 0,
                observation,
                () -> "docks available: " + status.docksAvailable(),
                out);
    }

    private void judgeInconsistent(StationObservation observation, StationMemory station, Collector<StationAlert> out)
            throws Exception {
        List<String> inconsistencies = inconsistenciesOf(observation);
        update(
                station,
                AlertType.INCONSISTENT,
                inconsistencies.isEmpty() ? null : observation.observedAt(),
                observation,
                () -> inconsistencies.isEmpty() ? "consistent" : String.join(", ", inconsistencies),
                out);
    }

    /** The start of a run of observations showing a condition that {@code holds} now or not; null when none. */
    @Nullable
    private static Instant runStart(@Nullable Instant start, boolean holds, Instant now) {
        return !holds ? null : start != null ? start : now;
    }

    /** The run's start once the run has lasted {@code threshold} by {@code now}, else null. */
    @Nullable
    private static Instant thresholdMet(@Nullable Instant runStart, Duration threshold, Instant now) {
        return runStart != null && Duration.between(runStart, now).compareTo(threshold) >= 0 ? runStart : null;
    }

    private void judgeStale(StationObservation observation, StationMemory station, Collector<StationAlert> out)
            throws Exception {
        Instant lastReported = observation.status().lastReported();
        if (lastReported == null) {
            return;
        }
        Instant feedUpdatedAt =
                observation.feedUpdatedAt() != null ? observation.feedUpdatedAt() : observation.observedAt();
        boolean stale = Duration.between(lastReported, feedUpdatedAt).compareTo(thresholds.stale()) >= 0;
        update(
                station,
                AlertType.STALE,
                stale ? lastReported : null,
                observation,
                () -> "last reported " + lastReported + ", feed updated " + feedUpdatedAt,
                out);
    }

    /**
     * Measures the fall from the earliest of the largest counts within {@code suddenDropWithin}: it is the largest
     * fall, and when a fall from any count in the window is large enough, so is this one ({@link StationMemory}
     * says why). So {@code since} is that count's time, as when every count was scanned.
     */
    private void judgeSuddenDrop(StationObservation observation, StationMemory station, Collector<StationAlert> out)
            throws Exception {
        Instant now = observation.observedAt();
        int bikes = observation.status().bikesAvailable();
        station.forgetCountsBefore(now.minus(thresholds.suddenDropWithin()));
        StationMemory.Count largest = station.largestCount();
        station.addCount(now, bikes);

        StationMemory.Count from =
                largest != null && largest.bikes() - bikes >= thresholds.suddenDropFrom(largest.bikes())
                        ? largest
                        : null;
        Supplier<String> details = () -> from != null
                ? "bikes fell from " + from.bikes() + " to " + bikes
                : "bikes available: " + bikes + ", no sudden drop within " + thresholds.suddenDropWithin();
        update(station, AlertType.SUDDEN_DROP, from != null ? from.at() : null, observation, details, out);
    }

    private List<String> inconsistenciesOf(StationObservation observation) {
        List<String> found = new ArrayList<>();
        observation.status().inconsistencies().forEach(inconsistency -> found.add(inconsistency.name()));
        String docksBeyondCapacity = ImpossibleCounts.docksBeyondCapacity(observation);
        if (docksBeyondCapacity != null) {
            found.add(docksBeyondCapacity);
        }
        return found;
    }

    /** Opens the alert of {@code type} since {@code openSince} when that is not null, else resolves it. */
    private void update(
            StationMemory station,
            AlertType type,
            @Nullable Instant openSince,
            StationObservation observation,
            Supplier<String> details,
            Collector<StationAlert> out)
            throws Exception {
        update(station, type, openSince, openSince == null, observation, details, out);
    }

    /**
     * Opens the alert of {@code type} since {@code openSince} when that is not null and it is not open yet;
     * resolves an open one when {@code resolves}. {@code details} is built only for an alert that is emitted: most
     * observations change no alert, and the profile of the Kafka benchmark showed this operator's per-observation
     * string building among its hot spots. The open alert itself is read only to resolve it.
     */
    private void update(
            StationMemory station,
            AlertType type,
            @Nullable Instant openSince,
            boolean resolves,
            StationObservation observation,
            Supplier<String> details,
            Collector<StationAlert> out)
            throws Exception {
        boolean isOpen = station.isOpen(type);
        if (openSince != null && !isOpen) {
            StationAlert opened = new StationAlert(
                    observation.systemId(),
                    observation.stationKey(),
                    observation.areaKind(),
                    observation.area(),
                    type,
                    AlertState.OPEN,
                    openSince,
                    observation.observedAt(),
                    details.get());
            openAlerts.put(type, opened);
            station.setOpen(type, true);
            out.collect(opened);
        } else if (resolves && isOpen) {
            StationAlert open = openAlerts.get(type);
            openAlerts.remove(type);
            station.setOpen(type, false);
            out.collect(open.resolved(observation.observedAt(), details.get()));
        }
    }

    /** Resolves every open alert of the station removed by {@code tombstone}, and forgets the station. */
    void resolveAll(StationObservation tombstone, Collector<StationAlert> out) throws Exception {
        for (StationAlert open : openAlerts.values()) {
            out.collect(open.resolved(tombstone.observedAt(), "station removed from the feed"));
        }
        forget();
    }

    /** Forgets the station without a word: its open alerts, runs and recent bike counts. */
    void forget() {
        openAlerts.clear();
        memory.clear();
        beforeIssue14.clear();
    }
}
