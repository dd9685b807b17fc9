package org.velibstream.job.settings;

import java.util.EnumSet;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;

/**
 * Where the results go.
 *
 * @param sinks the sinks, each once, in {@link SinkKind}'s order
 * @param output with {@link SinkKind#JSONL}: the directory of the files; null when not given
 * @param publishRaw whether polled statuses are republished to the raw topic
 */
public record OutputSettings(List<SinkKind> sinks, @Nullable String output, boolean publishRaw) {

    public OutputSettings {
        EnumSet<SinkKind> distinct = EnumSet.noneOf(SinkKind.class);
        distinct.addAll(sinks);
        sinks = List.copyOf(distinct);
    }

    static OutputSettings from(Configuration config) {
        return new OutputSettings(
                config.get(OutputOptions.SINK), config.get(OutputOptions.OUTPUT), config.get(KafkaOptions.PUBLISH_RAW));
    }
}
