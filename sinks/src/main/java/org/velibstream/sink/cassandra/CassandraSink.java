package org.velibstream.sink.cassandra;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink writing each record to Cassandra as one prepared, idempotent statement, at least once: a checkpoint
 * completes only after its records are acknowledged, and idempotent upserts turn the replays after a restart into
 * rewrites of the same rows. Build it with {@link #builder()}:
 *
 * <pre>{@code
 * CassandraSink<Reading> sink = CassandraSink.<Reading>builder()
 *         .setContactPoints("127.0.0.1:9042")
 *         .setLocalDatacenter("datacenter1")
 *         .setKeyspace("sensors")
 *         .setStatementMapper(CassandraStatementMapper.of(
 *                 "INSERT INTO readings (sensor, day, at, value) VALUES (?, ?, ?, ?)",
 *                 reading -> new Object[] {reading.sensor(), reading.day(), reading.at(), reading.value()}))
 *         .build();
 * }</pre>
 *
 * @param <T> the record type
 */
public final class CassandraSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final CassandraConnectionOptions connectionOptions;
    private final CassandraWriteOptions writeOptions;
    private final CassandraStatementMapper<T> statementMapper;

    CassandraSink(
            CassandraConnectionOptions connectionOptions,
            CassandraWriteOptions writeOptions,
            CassandraStatementMapper<T> statementMapper) {
        this.connectionOptions = Objects.requireNonNull(connectionOptions, "connectionOptions");
        this.writeOptions = Objects.requireNonNull(writeOptions, "writeOptions");
        this.statementMapper = Objects.requireNonNull(statementMapper, "statementMapper");
    }

    public static <T> CassandraSinkBuilder<T> builder() {
        return new CassandraSinkBuilder<>();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new CassandraSinkWriter<>(
                connectionOptions,
                writeOptions,
                statementMapper,
                context.metricGroup(),
                context.getTaskInfo().getTaskNameWithSubtasks());
    }

    public CassandraConnectionOptions connectionOptions() {
        return connectionOptions;
    }

    public CassandraWriteOptions writeOptions() {
        return writeOptions;
    }

    public CassandraStatementMapper<T> statementMapper() {
        return statementMapper;
    }

    @Override
    public String toString() {
        return "CassandraSink[" + connectionOptions + ", " + writeOptions + ", cql=" + statementMapper.cql() + "]";
    }
}
