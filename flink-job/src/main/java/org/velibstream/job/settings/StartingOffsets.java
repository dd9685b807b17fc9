package org.velibstream.job.settings;

import java.util.Locale;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Where the raw-topic source starts in a partition without committed offsets ({@code --kafka-starting-offsets}). */
public enum StartingOffsets {
    EARLIEST(OffsetResetStrategy.EARLIEST),
    LATEST(OffsetResetStrategy.LATEST);

    private final OffsetResetStrategy resetStrategy;

    StartingOffsets(OffsetResetStrategy resetStrategy) {
        this.resetStrategy = resetStrategy;
    }

    public OffsetResetStrategy resetStrategy() {
        return resetStrategy;
    }

    /** The spelling of the options ({@code earliest}), which Flink reads in any case. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
