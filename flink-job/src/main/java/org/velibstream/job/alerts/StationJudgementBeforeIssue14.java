package org.velibstream.job.alerts;

import java.time.Instant;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.velibstream.job.alerts.StationAlertDetector.BikeCount;

/**
 * The states in which {@link StationJudgement} kept a station before issue 14, declared with their names and types
 * so that a savepoint of that time restores: a station's old state is converted into a {@link StationMemory} the
 * first time the station is judged after the restore, and cleared (lazy migration, once per station). A station
 * with no observation after the restore keeps its old state until its tombstone or its idle cleanup clears it.
 * Keep this class as long as savepoints of before issue 14 may be restored: undeclared, these states would still be
 * restored and carried in every checkpoint, and nothing would clear them.
 */
final class StationJudgementBeforeIssue14 {

    private final ValueState<Instant> emptySince;
    private final ValueState<Instant> fullSince;
    private final ListState<BikeCount> recentBikes;

    StationJudgementBeforeIssue14(RuntimeContext runtimeContext) {
        emptySince = runtimeContext.getState(new ValueStateDescriptor<>("empty-since", Types.INSTANT));
        fullSince = runtimeContext.getState(new ValueStateDescriptor<>("full-since", Types.INSTANT));
        recentBikes = runtimeContext.getListState(
                new ListStateDescriptor<>("recent-bikes", TypeInformation.of(BikeCount.class)));
    }

    /**
     * The current station's memory converted from its old state, which is cleared; {@code openTypes} are the types
     * of its open alerts (their state kept its shape). For a station without old state: an empty memory.
     */
    StationMemory convert(Iterable<AlertType> openTypes) throws Exception {
        StationMemory memory = StationMemory.empty();
        for (AlertType type : openTypes) {
            memory.setOpen(type, true);
        }
        Instant empty = emptySince.value();
        if (empty != null) {
            memory.setEmptySince(empty);
            emptySince.clear();
        }
        Instant full = fullSince.value();
        if (full != null) {
            memory.setFullSince(full);
            fullSince.clear();
        }
        Iterable<BikeCount> counts = recentBikes.get();
        if (counts != null && counts.iterator().hasNext()) {
            for (BikeCount count : counts) {
                memory.addCount(count.at(), count.bikes());
            }
            recentBikes.clear();
        }
        return memory;
    }

    void clear() {
        emptySince.clear();
        fullSince.clear();
        recentBikes.clear();
    }
}
