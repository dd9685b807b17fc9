package org.velibstream.bench.kafka;

import java.util.Objects;

/**
 * One record of the raw topic as the benchmarks produce and read it: the job's raw format (one Vélib' station entry
 * as JSON, keyed by station code, timestamped with the observation time).
 *
 * @param timestamp the Kafka timestamp, epoch milliseconds: the observation time, which the job takes as event time
 */
public record RawRecord(long timestamp, byte[] key, byte[] value) {

    public RawRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
