package org.velibstream.job.model;

import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.StationStatus;

/**
 * What the job knows about one station at one instant: its status as the feed reported it, enriched with the
 * area the station is placed in and its capacity, or a tombstone saying that the station disappeared from the feed.
 *
 * <p>Flink serializes it with {@link StationObservationSerializer}, named here by {@code @TypeInfo}, never by Kryo
 * nor by the record {@code PojoSerializer} of the versions before issue 14 (about three times the bytes; its state
 * migrates on restore). {@code RecordTypeInformationTest} keeps it that way.
 *
 * @param systemId the bike-share system the station belongs to (for example {@code "velib"})
 * @param stationId the feed's {@code station_id}
 * @param stationCode Vélib's {@code stationCode}; null when the feed has none
 * @param stationKey {@code stationCode} when present, else {@code stationId}: the key of per-station state
 * @param areaKind what kind of area {@code area} is; {@link AreaKind#UNKNOWN} before placement or when no layer
 *     places the station
 * @param area the code of the station's area (a postal code, a user polygon's code, a region's name), or
 *     {@link #UNKNOWN_AREA}
 * @param capacity the number of docks from {@code station_information}; null or 0 when unknown
 * @param observedAt the event time: the feed document's {@code last_updated}, or the Kafka record timestamp
 * @param status the station's status as decoded; for a tombstone, the last status seen before the removal
 * @param feedUpdatedAt the feed document's {@code last_updated}; null when the document has none
 * @param removed true for a tombstone: the station was absent from the feed document at {@code observedAt}
 */
@TypeInfo(StationObservationTypeInfo.Factory.class)
public record StationObservation(
        String systemId,
        String stationId,
        @Nullable String stationCode,
        String stationKey,
        AreaKind areaKind,
        String area,
        @Nullable Integer capacity,
        Instant observedAt,
        StationStatus status,
        @Nullable Instant feedUpdatedAt,
        boolean removed) {

    public static final String UNKNOWN_AREA = AreaKind.UNKNOWN_CODE;

    public StationObservation {
        // A savepoint of a version before areas restores waiting observations without these two fields.
        areaKind = areaKind != null ? areaKind : AreaKind.UNKNOWN;
        area = area != null ? area : UNKNOWN_AREA;
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(stationKey, "stationKey");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(status, "status");
        if (!stationKey.equals(stationCode != null ? stationCode : stationId)) {
            throw new IllegalArgumentException("stationKey '" + stationKey + "' is neither stationCode '" + stationCode
                    + "' nor, without a code, stationId '" + stationId + "'");
        }
        if (!stationId.equals(status.stationId())) {
            throw new IllegalArgumentException(
                    "stationId '" + stationId + "' differs from the status's '" + status.stationId() + "'");
        }
    }

    /** An observation of a station present in the feed, not placed yet; ids and key are taken from the status. */
    public static StationObservation of(
            String systemId,
            StationStatus status,
            @Nullable Integer capacity,
            Instant observedAt,
            @Nullable Instant feedUpdatedAt) {
        return of(systemId, status, AreaKind.UNKNOWN, UNKNOWN_AREA, capacity, observedAt, feedUpdatedAt);
    }

    /** An observation of a station present in the feed; ids and key are taken from the status. */
    public static StationObservation of(
            String systemId,
            StationStatus status,
            AreaKind areaKind,
            String area,
            @Nullable Integer capacity,
            Instant observedAt,
            @Nullable Instant feedUpdatedAt) {
        return new StationObservation(
                systemId,
                status.stationId(),
                status.stationCode(),
                status.stationKey(),
                areaKind,
                area,
                capacity,
                observedAt,
                status,
                feedUpdatedAt,
                false);
    }

    /** This observation placed in {@code area}, with the station's capacity as far as it is known. */
    public StationObservation located(AreaKind areaKind, String area, @Nullable Integer capacity) {
        return new StationObservation(
                systemId,
                stationId,
                stationCode,
                stationKey,
                areaKind,
                area,
                capacity,
                observedAt,
                status,
                feedUpdatedAt,
                removed);
    }

    /** A tombstone for this station: it was absent from the feed document of {@code removedAt}. */
    public StationObservation removedAt(Instant removedAt) {
        return new StationObservation(
                systemId, stationId, stationCode, stationKey, areaKind, area, capacity, removedAt, status, null, true);
    }

    /** The key of per-station state: station keys are unique only within their system. */
    public String stateKey() {
        return stateKey(systemId, stationKey);
    }

    public static String stateKey(String systemId, String stationKey) {
        return systemId + '/' + stationKey;
    }

    /** The capacity when known: null for an absent or zero capacity (some real feeds say 0 for docked stations). */
    @Nullable
    public Integer knownCapacity() {
        return capacity != null && capacity > 0 ? capacity : null;
    }
}
