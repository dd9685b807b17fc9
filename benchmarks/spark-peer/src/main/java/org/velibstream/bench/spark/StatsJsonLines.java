package org.velibstream.bench.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The query's sink ({@code foreachBatch}): appends each micro-batch's rows to a JSON-lines file, one object per
 * (window, postal code) with the field names and time format of velib-stream's statistics topic, sorted by window
 * and postal code within a batch; and counts the rows and distinct windows emitted.
 */
final class StatsJsonLines implements VoidFunction2<Dataset<Row>, Long> {

    private static final long serialVersionUID = 1L;

    /** ISO-8601 UTC as {@code Instant.toString()} writes a whole second ({@code 2024-11-19T08:00:00Z}). */
    private static final Map<String, String> JSON_OPTIONS = Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ssXXX");

    @Nullable
    private final String output;

    private final AtomicLong rows = new AtomicLong();
    private final Set<Long> windowStarts = ConcurrentHashMap.newKeySet();

    /** @param output the file to append to (created when missing); null to only count */
    StatsJsonLines(@Nullable Path output) {
        this.output = output != null ? output.toString() : null;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        List<Row> emitted = batch.orderBy("windowStart", "postalCode")
                .select(
                        col("windowStart").cast("long").as("windowStart"),
                        to_json(struct(col("*")), JSON_OPTIONS).as("json"))
                .collectAsList();
        if (emitted.isEmpty()) {
            return;
        }
        if (output != null) {
            List<String> lines = emitted.stream().map(row -> row.getString(1)).toList();
            try {
                Files.write(
                        Path.of(output),
                        lines,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append micro-batch " + batchId + " to " + output, e);
            }
        }
        emitted.forEach(row -> windowStarts.add(row.getLong(0)));
        rows.addAndGet(emitted.size());
    }

    long rows() {
        return rows.get();
    }

    int windows() {
        return windowStarts.size();
    }
}
