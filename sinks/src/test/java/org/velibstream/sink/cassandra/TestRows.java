package org.velibstream.sink.cassandra;

import java.time.Instant;

/** Small records shaped like the job's outputs, and the statement mappers writing them to the velib tables. */
final class TestRows {

    /** Every test row belongs to this bike-share system. */
    static final String SYSTEM_ID = "velib";

    private TestRows() {}

    record PostalCodeStats(
            String postalCode,
            String day,
            Instant windowStart,
            Instant windowEnd,
            int stations,
            int bikes,
            int mechanical,
            int ebike,
            int docks,
            int capacity,
            int emptyStations,
            int fullStations,
            int outOfServiceStations) {}

    record Alert(
            String stationCode,
            String type,
            Instant since,
            String day,
            String postalCode,
            String state,
            Instant detectedAt,
            String details) {}

    static final CassandraStatementMapper<PostalCodeStats> POSTAL_CODE_STATS = CassandraStatementMapper.of(
            "INSERT INTO postal_code_stats (system_id, postal_code, day, window_end, window_start, stations, bikes,"
                    + " mechanical, ebike, docks, capacity, empty_stations, full_stations, out_of_service_stations)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            stats -> new Object[] {
                SYSTEM_ID,
                stats.postalCode(),
                stats.day(),
                stats.windowEnd(),
                stats.windowStart(),
                stats.stations(),
                stats.bikes(),
                stats.mechanical(),
                stats.ebike(),
                stats.docks(),
                stats.capacity(),
                stats.emptyStations(),
                stats.fullStations(),
                stats.outOfServiceStations()
            });

    static final CassandraStatementMapper<Alert> STATION_ALERTS = CassandraStatementMapper.of(
            "INSERT INTO station_alerts (system_id, station_code, type, since, postal_code, state, detected_at,"
                    + " details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            alert -> new Object[] {
                SYSTEM_ID,
                alert.stationCode(),
                alert.type(),
                alert.since(),
                alert.postalCode(),
                alert.state(),
                alert.detectedAt(),
                alert.details()
            });

    static final CassandraStatementMapper<Alert> ALERTS_BY_DAY = CassandraStatementMapper.of(
            "INSERT INTO alerts_by_day (day, since, system_id, station_code, type, postal_code, state, detected_at,"
                    + " details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            alert -> new Object[] {
                alert.day(),
                alert.since(),
                SYSTEM_ID,
                alert.stationCode(),
                alert.type(),
                alert.postalCode(),
                alert.state(),
                alert.detectedAt(),
                alert.details()
            });

    /** Statistics for one window whose counts all derive from {@code seed}, so a read can be checked field by field. */
    static PostalCodeStats stats(String postalCode, String day, Instant windowEnd, int seed) {
        return new PostalCodeStats(
                postalCode,
                day,
                windowEnd.minusSeconds(60),
                windowEnd,
                seed,
                seed + 1,
                seed + 2,
                seed + 3,
                seed + 4,
                seed + 5,
                seed + 6,
                seed + 7,
                seed + 8);
    }
}
