package org.velibstream.bench.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one run of the peer measured, printed as one JSON line.
 *
 * @param records records read from the raw topic
 * @param seconds from the start of the first micro-batch that read data to the end of the last one that emitted
 *     windows
 * @param recordsPerSecond records / seconds
 * @param cpuSeconds the process's CPU time from the query's start to the last window emitted (all threads: tasks, driver, Kafka consumers, GC)
 * @param recordsPerCpuSecond records / cpuSeconds: the cost of the work, less sensitive than the rate to other
 *     processes competing for the cores
 * @param windows distinct windows emitted
 * @param rows (window, postal code) rows emitted
 * @param rejected records without the fields a station status needs (not JSON, no station_id, no counts)
 * @param droppedByWatermark rows dropped by the stateful operators as later than the watermark
 * @param batches micro-batches run
 * @param master Spark's master URL
 */
public record RunResult(
        long records,
        double seconds,
        double recordsPerSecond,
        double cpuSeconds,
        double recordsPerCpuSecond,
        int windows,
        long rows,
        long rejected,
        long droppedByWatermark,
        long batches,
        String master) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record of numbers always serializes", e);
        }
    }
}
