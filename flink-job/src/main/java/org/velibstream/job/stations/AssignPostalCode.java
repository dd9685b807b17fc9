package org.velibstream.job.stations;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import org.velibstream.gbfs.StationInformation;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.model.StationObservation;

import javax.annotation.Nullable;

import java.util.Objects;

/**
 * Gives each station observation its postal code and capacity. Keyed by {@link FeedItem#stationStateKey}; the
 * second input is the station's {@code station_information}.
 *
 * <p>The postal code comes from the {@link StationDirectory} table; a station missing from it takes the postal
 * code of the nearest known station within 1 km of its coordinates from station_information, else
 * {@value StationObservation#UNKNOWN_POSTAL_CODE}. No station is dropped. When a station's postal code changes (its
 * information arrived after its first status, or it moved), a tombstone for the old postal code goes out first, so
 * the station never counts in two postal codes. The capacity is station_information's, else the table's.
 */
public class AssignPostalCode extends KeyedCoProcessFunction<String, StationObservation, FeedItem, StationObservation> {

    public static final String NAME = "Assign postal codes";
    public static final String UID = "assign-postal-code";
    public static final String UNKNOWN_POSTAL_CODES_METRIC = "unknownPostalCodes";

    private static final long serialVersionUID = 1L;

    private final StationDirectory directory;

    private transient ValueState<StationInformation> information;
    private transient ValueState<String> assignedPostalCode;
    private transient Counter unknownPostalCodes;

    public AssignPostalCode(StationDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public void open(OpenContext openContext) {
        information = getRuntimeContext().getState(
                new ValueStateDescriptor<>("station-information", TypeInformation.of(StationInformation.class)));
        assignedPostalCode = getRuntimeContext().getState(new ValueStateDescriptor<>("postal-code", Types.STRING));
        unknownPostalCodes = getRuntimeContext().getMetricGroup().counter(UNKNOWN_POSTAL_CODES_METRIC);
    }

    @Override
    public void processElement1(StationObservation observation, Context context, Collector<StationObservation> out)
            throws Exception {
        String previous = assignedPostalCode.value();
        if (observation.removed()) {
            out.collect(withPostalCode(observation, previous != null ? previous : observation.postalCode(), observation.capacity()));
            assignedPostalCode.clear();
            return;
        }
        StationInformation info = information.value();
        String postalCode = directory.postalCode(observation.stationCode(), observation.stationId(),
                info != null ? info.lat() : null, info != null ? info.lon() : null);
        if (StationObservation.UNKNOWN_POSTAL_CODE.equals(postalCode)) {
            unknownPostalCodes.inc();
        }
        if (previous != null && !previous.equals(postalCode)) {
            out.collect(withPostalCode(observation, previous, observation.capacity()).removedAt(observation.observedAt()));
        }
        assignedPostalCode.update(postalCode);
        Integer capacity = info != null && info.capacity() != null
                ? info.capacity()
                : directory.capacity(observation.stationCode(), observation.stationId());
        out.collect(withPostalCode(observation, postalCode, capacity));
    }

    @Override
    public void processElement2(FeedItem item, Context context, Collector<StationObservation> out) throws Exception {
        information.update(Objects.requireNonNull(item.information(), "station information item"));
    }

    private static StationObservation withPostalCode(
            StationObservation observation, String postalCode, @Nullable Integer capacity) {
        return new StationObservation(
                observation.systemId(),
                observation.stationId(),
                observation.stationCode(),
                observation.stationKey(),
                postalCode,
                capacity,
                observation.observedAt(),
                observation.status(),
                observation.feedUpdatedAt(),
                observation.removed());
    }
}
