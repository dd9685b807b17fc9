package org.velibstream.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Holds the statistics rows read until the windows they belong to are known to be complete, then releases each
 * window whole, in window order, so that the console never shows a window with only some of its areas.
 *
 * <p><b>Why a window arrives in pieces.</b> The job emits every area's row of a window when its watermark passes
 * the window's end, on each of its parallel subtasks; with aligned checkpoints every subtask sees the same
 * watermarks between two barriers, so all rows of one window belong to the same checkpoint. Each subtask of the
 * exactly-once Kafka sink writes them in a transaction of its own, and the transactions of that checkpoint commit
 * one after the other once it completes. A {@code read_committed} reader sees the first commit before the next: on
 * a partition, everything up to the other transaction's first record (the last stable offset), which may be a
 * single area's row.
 *
 * <p><b>The rule.</b> Everything read is complete when the reader has read every partition of the statistics topic
 * up to its {@code read_committed} end and that end is the end of the log: no transaction is open on the topic, so
 * no row written is waiting for its commit ({@link #settled}). A sink subtask's records of a checkpoint are all
 * written (flushed) before it acknowledges that checkpoint, and a transaction commits only after the checkpoint
 * completed, so once any row of a window is readable, the other subtasks' rows of that window are in the log: either
 * committed or in a transaction still open, which the rule waits for. Neither a delay nor the rows of a later window
 * would do: the subtasks of one checkpoint may commit its windows in any order, and a jump of the watermark (at the
 * start, or after a restore) fires several windows in one checkpoint. Nor would the set of areas of the window
 * before: there is none before the first, and stations (so areas) come and go. The rule needs the job's exactly-once sink;
 * without checkpoints ({@code --checkpoint-interval 0}) the sinks are at-least-once, without transactions, and a
 * window may show before all its rows are flushed.
 */
public final class CompleteWindows {

    /** The rows of one window of one system: one per area. */
    public record Window(String systemId, Instant windowEnd, List<PublishedStats> rows) {

        public Window {
            Objects.requireNonNull(systemId, "systemId");
            Objects.requireNonNull(windowEnd, "windowEnd");
            rows = List.copyOf(rows);
        }
    }

    private record WindowKey(Instant windowEnd, String systemId) {}

    private static final Comparator<WindowKey> WINDOW_ORDER =
            Comparator.comparing(WindowKey::windowEnd).thenComparing(WindowKey::systemId);

    private final Map<WindowKey, List<PublishedStats>> pending = new TreeMap<>(WINDOW_ORDER);

    /** Holds {@code row} until {@link #release()}. */
    public void add(PublishedStats row) {
        pending.computeIfAbsent(new WindowKey(row.windowEnd(), row.systemId()), key -> new ArrayList<>())
                .add(row);
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * The windows held, whole, by window end and then system: call it only when everything read is complete
     * ({@link #settled}).
     */
    public List<Window> release() {
        List<Window> windows = new ArrayList<>();
        pending.forEach((key, rows) -> windows.add(new Window(key.systemId(), key.windowEnd(), rows)));
        pending.clear();
        return windows;
    }

    /**
     * Whether everything written to the topic so far has been read and committed, so that every window read is
     * complete.
     *
     * @param positions the reader's next offset on each partition of the topic
     * @param committedEnds each partition's {@code read_committed} end offset (its last stable offset)
     * @param logEnds each partition's end offset for {@code read_uncommitted} (its high watermark)
     */
    public static <P> boolean settled(Map<P, Long> positions, Map<P, Long> committedEnds, Map<P, Long> logEnds) {
        return positions.entrySet().stream().allMatch(position -> {
            Long committedEnd = committedEnds.get(position.getKey());
            return committedEnd != null
                    && position.getValue() >= committedEnd
                    && committedEnd.equals(logEnds.get(position.getKey()));
        });
    }
}
