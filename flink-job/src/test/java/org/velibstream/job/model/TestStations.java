package org.velibstream.job.model;

import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.Inconsistency;
import org.velibstream.gbfs.StationStatus;

/** Builds station observations for tests: a healthy station by default, changed one field at a time. */
public final class TestStations {

    public static final String SYSTEM_ID = "velib";

    private final String stationCode;
    private AreaKind areaKind = AreaKind.POSTAL_CODE;
    private String area = "75001";

    @Nullable
    private Integer capacity = 20;

    private int mechanical = 5;
    private int ebikes = 5;
    private int docks = 10;
    private boolean installed = true;
    private boolean renting = true;
    private boolean returning = true;

    @Nullable
    private Instant lastReported;

    private List<Inconsistency> inconsistencies = List.of();

    private TestStations(String stationCode) {
        this.stationCode = stationCode;
    }

    /** A station known by Vélib' code {@code stationCode}; its station_id is derived from it. */
    public static TestStations station(String stationCode) {
        return new TestStations(stationCode);
    }

    /** An instant on a fixed test day, for example {@code at("08:01:30")}. */
    public static Instant at(String time) {
        return Instant.parse("2024-11-19T" + time + "Z");
    }

    /** Placed in postal code {@code postalCode}; {@code UNKNOWN} places it nowhere. */
    public TestStations postalCode(String postalCode) {
        return postalCode.equals(StationObservation.UNKNOWN_AREA)
                ? area(AreaKind.UNKNOWN, postalCode)
                : area(AreaKind.POSTAL_CODE, postalCode);
    }

    public TestStations area(AreaKind areaKind, String area) {
        this.areaKind = areaKind;
        this.area = area;
        return this;
    }

    public TestStations capacity(@Nullable Integer capacity) {
        this.capacity = capacity;
        return this;
    }

    public TestStations bikes(int mechanical, int ebikes) {
        this.mechanical = mechanical;
        this.ebikes = ebikes;
        return this;
    }

    public TestStations docks(int docks) {
        this.docks = docks;
        return this;
    }

    public TestStations installed(boolean installed) {
        this.installed = installed;
        return this;
    }

    public TestStations renting(boolean renting) {
        this.renting = renting;
        return this;
    }

    public TestStations returning(boolean returning) {
        this.returning = returning;
        return this;
    }

    public TestStations lastReported(@Nullable Instant lastReported) {
        this.lastReported = lastReported;
        return this;
    }

    public TestStations inconsistencies(Inconsistency... inconsistencies) {
        this.inconsistencies = List.of(inconsistencies);
        return this;
    }

    /** The observation of this station in the feed document of {@code observedAt}. */
    public StationObservation observedAt(Instant observedAt) {
        StationStatus status = new StationStatus(
                "9" + stationCode,
                stationCode,
                mechanical + ebikes,
                mechanical,
                ebikes,
                docks,
                installed,
                renting,
                returning,
                lastReported != null ? lastReported : observedAt,
                inconsistencies);
        return StationObservation.of(SYSTEM_ID, status, areaKind, area, capacity, observedAt, observedAt);
    }

    public StationObservation observedAt(String time) {
        return observedAt(at(time));
    }
}
