package org.velibstream.job.stats;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.model.StationObservation;
import org.velibstream.sink.json.JsonCodec;

/** Late observations are kept: they go to the dead-letter output with the observation as JSON. */
public final class LateObservationToDeadLetter extends RichMapFunction<StationObservation, DeadLetter> {

    public static final String NAME = "Late observations to dead letters";
    public static final String UID = "late-observations-to-dead-letters";
    public static final String REASON_PREFIX = "late: the statistics window of this observation was already emitted";

    private static final long serialVersionUID = 1L;

    private transient ObjectWriter json;

    @Override
    public void open(OpenContext openContext) {
        json = JsonCodec.newMapper().writer();
    }

    @Override
    public DeadLetter map(StationObservation late) throws Exception {
        return new DeadLetter(
                "postal-code-stats " + late.postalCode(),
                REASON_PREFIX + " (observed at " + late.observedAt() + ")",
                json.writeValueAsString(late),
                Instant.now());
    }
}
