package org.velibstream.source.http.reader;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;

/** Keeps what the emitter emits, with timestamps. */
final class CollectingSourceOutput<T> implements SourceOutput<T> {

    final List<T> records = new ArrayList<>();
    final List<Long> timestamps = new ArrayList<>();

    @Override
    public void collect(T record) {
        throw new AssertionError("records must be emitted with the fetch time as timestamp");
    }

    @Override
    public void collect(T record, long timestamp) {
        records.add(record);
        timestamps.add(timestamp);
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
}
