package org.velibstream.job.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.velibstream.job.ingest.MaxClockSkew;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.model.LateObservationToDeadLetter.RejectedBy;

/**
 * Passes every dead letter on unchanged and counts it by the class of its reason: in Prometheus, {@code
 * flink_taskmanager_job_task_operator_reason_deadLetters{reason="invalid"}}. The reason text itself varies too much
 * to be a label. Stateless, so adding it kept every savepoint usable.
 */
public final class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {

    public static final String NAME = "Count dead letters";
    public static final String UID = "count-dead-letters";
    public static final String METRIC = "deadLetters";

    private static final long serialVersionUID = 1L;

    /** The {@code reason} label's values. */
    public enum ReasonClass {
        /** Stamped too far ahead of the job's clock ({@code --max-clock-skew}). */
        CLOCK_AHEAD,
        /** Arrived after the statistics window or the alert judgement it belonged to. */
        LATE,
        /** Anything the decoder refused: a malformed document or an entry with missing or impossible fields. */
        INVALID;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static ReasonClass of(DeadLetter deadLetter) {
            String reason = deadLetter.reason();
            if (reason.startsWith(MaxClockSkew.REASON_PREFIX)) {
                return CLOCK_AHEAD;
            }
            for (RejectedBy rejectedBy : RejectedBy.values()) {
                if (reason.startsWith(rejectedBy.reasonPrefix())) {
                    return LATE;
                }
            }
            return INVALID;
        }
    }

    private transient Map<ReasonClass, Counter> counters;

    @Override
    public void open(OpenContext openContext) {
        counters = new EnumMap<>(ReasonClass.class);
        // All of them at once, so that a rule on one of them sees 0 before the first dead letter, not nothing.
        for (ReasonClass reasonClass : ReasonClass.values()) {
            counters.put(
                    reasonClass,
                    getRuntimeContext()
                            .getMetricGroup()
                            .addGroup("reason", reasonClass.label())
                            .counter(METRIC));
        }
    }

    @Override
    public DeadLetter map(DeadLetter deadLetter) {
        counters.get(ReasonClass.of(deadLetter)).inc();
        return deadLetter;
    }
}
