package org.velibstream.bench.kafka;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor of the Kafka benchmarks: one thread, no framework, over the same record bytes as read from the raw
 * topic. It decodes each record with one plain Jackson pass ({@link StationReading#parse}), keeps the latest reading
 * of each station per tumbling event-time window and postal code, and sums them: the cost of the work itself.
 * A record it cannot read is counted in {@link Result#unreadable()}, never silently dropped.
 */
public final class RecordFloor {

    /** The sums of every (window, postal code) with a reading, and the records that could not be read. */
    public record Result(List<WindowedSums> sums, long unreadable) {}

    private final PostalCodeIndex postalCodes;
    private final long windowMillis;

    public RecordFloor(PostalCodeIndex postalCodes, Duration window) {
        this.postalCodes = postalCodes;
        this.windowMillis = window.toMillis();
    }

    public Result aggregate(List<RawRecord> records) {
        Map<Long, Map<String, LatestReadings>> windows = new HashMap<>();
        long unreadable = 0;
        for (RawRecord record : records) {
            StationReading reading;
            try {
                reading = StationReading.parse(record.value(), record.timestamp());
            } catch (IOException e) {
                unreadable++;
                continue;
            }
            long windowStart = record.timestamp() - Math.floorMod(record.timestamp(), windowMillis);
            windows.computeIfAbsent(windowStart, start -> new HashMap<>())
                    .computeIfAbsent(postalCodes.postalCode(reading.stationKey()), code -> new LatestReadings())
                    .add(reading);
        }
        List<WindowedSums> sums = new ArrayList<>();
        windows.forEach((windowStart, byPostalCode) -> byPostalCode.forEach(
                (postalCode, latest) -> sums.add(latest.sums(Instant.ofEpochMilli(windowStart), postalCode))));
        return new Result(sums, unreadable);
    }
}
