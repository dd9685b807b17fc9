package org.velibstream.job.settings;

import java.util.Locale;

/** Where results, alerts and dead letters go ({@code --sink}); several may be chosen. Read in any case. */
public enum SinkKind {
    /** Kafka topics, exactly-once. */
    KAFKA,
    /** Cassandra tables (statistics and alerts), idempotent upserts. */
    CASSANDRA,
    /** One JSON object per line in {@code output}/stats.jsonl, alerts.jsonl, deadletter.jsonl. */
    JSONL,
    /** Standard output of the TaskManagers, for trying things out. */
    PRINT;

    /** The spelling of the options, of README's table and of error messages. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
