package org.velibstream.job.model;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.velibstream.sink.json.JsonCodec;

/**
 * Late observations are kept: an operator that rejects an observation behind the watermark sends it to a side output,
 * and this turns it into a dead letter with the observation as JSON and a reason that names who rejected it.
 */
public final class LateObservationToDeadLetter extends RichMapFunction<StationObservation, DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** The operators whose late observations become dead letters, with the name and uid of their mapper. */
    public enum RejectedBy {
        /** {@code AreaStatsFunction}: the dead letter's source is {@code area-stats <system>/<area kind>/<area>}. */
        STATISTICS(
                "Late observations to dead letters",
                "late-observations-to-dead-letters",
                "late: the statistics window of this observation was already emitted"),
        /** {@code StationAlertDetector}: the dead letter's source is {@code station-alerts <system>/<station>}. */
        ALERTS(
                "Late alert observations to dead letters",
                "late-alert-observations-to-dead-letters",
                "late: the station alerts had already judged this station past the time of this observation");

        private final String operatorName;
        private final String uid;
        private final String reasonPrefix;

        RejectedBy(String operatorName, String uid, String reasonPrefix) {
            this.operatorName = operatorName;
            this.uid = uid;
            this.reasonPrefix = reasonPrefix;
        }

        /** The name of this mapper in the job graph. */
        public String operatorName() {
            return operatorName;
        }

        /** The stable uid of this mapper. */
        public String uid() {
            return uid;
        }

        /** How the reason of every dead letter of this operator begins. */
        public String reasonPrefix() {
            return reasonPrefix;
        }

        String sourceOf(StationObservation late) {
            return switch (this) {
                case STATISTICS -> "area-stats " + late.systemId() + '/' + late.areaKind() + '/' + late.area();
                case ALERTS -> "station-alerts " + late.stateKey();
            };
        }
    }

    private final RejectedBy rejectedBy;

    private transient ObjectWriter json;

    public LateObservationToDeadLetter(RejectedBy rejectedBy) {
        this.rejectedBy = Objects.requireNonNull(rejectedBy, "rejectedBy");
    }

    @Override
    public void open(OpenContext openContext) {
        json = JsonCodec.newMapper().writer();
    }

    @Override
    public DeadLetter map(StationObservation late) throws Exception {
        return new DeadLetter(
                rejectedBy.sourceOf(late),
                rejectedBy.reasonPrefix() + " (observed at " + late.observedAt() + ")",
                json.writeValueAsString(late),
                Instant.now());
    }
}
