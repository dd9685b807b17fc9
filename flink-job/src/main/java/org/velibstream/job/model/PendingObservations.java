package org.velibstream.job.model;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;

/**
 * Observations held in keyed state until the watermark reaches the instant they wait for (a feed document's
 * time, a window's end). At most one observation per station and instant is held: the one observed last, a later
 * arrival winning a tie. Held in one {@link MapState} entry per station and instant, so adding is constant work
 * on any state backend and nothing grows beyond the stations times the instants still open.
 */
public final class PendingObservations {

    private final MapState<StationAt, StationObservation> state;

    private PendingObservations(MapState<StationAt, StationObservation> state) {
        this.state = state;
    }

    /** Binds to the keyed map state {@code stateName} of the function that owns {@code runtimeContext}. */
    public static PendingObservations inState(RuntimeContext runtimeContext, String stateName) {
        return new PendingObservations(runtimeContext.getMapState(new MapStateDescriptor<>(
                stateName, TypeInformation.of(StationAt.class), TypeInformation.of(StationObservation.class))));
    }

    /**
     * Holds {@code observation} until {@code dueAt} (epoch milliseconds) and sets an event-time timer then, unless
     * the watermark has passed {@code dueAt} already: then nothing is held and this returns false, for the caller
     * to deal with the late observation.
     */
    public boolean holdUntil(long dueAt, StationObservation observation, TimerService timerService) throws Exception {
        if (dueAt <= timerService.currentWatermark()) {
            return false;
        }
        add(dueAt, observation);
        // Registering the same timer again is a no-op, so every observation due then may do it.
        timerService.registerEventTimeTimer(dueAt);
        return true;
    }

    private void add(long dueAt, StationObservation observation) throws Exception {
        StationAt slot = new StationAt(dueAt, observation.stateKey());
        StationObservation held = state.get(slot);
        if (held == null || !observation.observedAt().isBefore(held.observedAt())) {
            state.put(slot, observation);
        }
    }

    /** Removes and returns the observations held until {@code dueAt}, by station key. */
    public Map<String, StationObservation> take(long dueAt) throws Exception {
        Map<String, StationObservation> due = new HashMap<>();
        for (Map.Entry<StationAt, StationObservation> entry : state.entries()) {
            if (entry.getKey().dueAt() == dueAt) {
                due.put(entry.getKey().stateKey(), entry.getValue());
            }
        }
        for (String stateKey : due.keySet()) {
            state.remove(new StationAt(dueAt, stateKey));
        }
        return due;
    }

    /** True when nothing is held for the current key. */
    public boolean isEmpty() throws Exception {
        return state.isEmpty();
    }

    /** The state key: a station waiting for the instant {@code dueAt} (epoch milliseconds). */
    public record StationAt(long dueAt, String stateKey) {}
}
