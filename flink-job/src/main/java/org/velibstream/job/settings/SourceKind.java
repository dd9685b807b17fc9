package org.velibstream.job.settings;

import java.util.Locale;

/** Which inputs feed the job ({@code --source}); written in lower case, read in any case. */
public enum SourceKind {
    /** Poll the GBFS systems given by {@code gbfs}. */
    HTTP,
    /** Read station-status records from the raw Kafka topic. */
    KAFKA,
    /** Both of the above, unioned. */
    BOTH,
    /** A bounded replay of recorded station_status snapshots ({@code status}, {@code information}). */
    FILES;

    /** True when the job polls GBFS systems over HTTP. */
    public boolean polls() {
        return this == HTTP || this == BOTH;
    }

    /** True when the job reads the raw Kafka topic. */
    public boolean readsKafka() {
        return this == KAFKA || this == BOTH;
    }

    /** The spelling of the options, of README's table and of error messages. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
