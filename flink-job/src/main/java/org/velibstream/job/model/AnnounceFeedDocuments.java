package org.velibstream.job.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Puts every observation of a whole feed document in its station's bucket for {@link FeedRemovalTracker}, and
 * announces each document to every bucket of its system, so that a bucket none of whose stations is in a document
 * still closes it and tombstones its stations.
 *
 * <p>An announcement goes out just before the first observation of a document, in the same call: no watermark can
 * come between them, so an announcement is late at the tracker exactly when that observation is. The announcement
 * repeats whenever a system's observations switch document (interleaved documents, a restart, another system in
 * between on a shared subtask): the tracker opens a document twice as it opens it once. So this keeps only the
 * document last seen per system in memory, nothing in state: after a restore it announces once more.
 *
 * <p>The announcements of a document travel on the same channels as the observations of the same buckets, one
 * {@link SystemBucket#BUCKETS} per document: every bucket learns of a document no later than the whole-system
 * tracker did.
 */
public final class AnnounceFeedDocuments extends ProcessFunction<StationObservation, TrackerInput> {

    public static final String NAME = "Announce feed documents to every bucket of stations";
    public static final String UID = "announce-feed-documents";

    private static final long serialVersionUID = 1L;

    /** The document last announced, by system; as many entries as systems this subtask reads. */
    private transient Map<String, Instant> lastAnnounced;

    @Override
    public void open(OpenContext openContext) {
        lastAnnounced = new HashMap<>();
    }

    @Override
    public void processElement(StationObservation observation, Context context, Collector<TrackerInput> out) {
        if (!observation.removed()) {
            announce(observation, out);
        }
        out.collect(TrackerInput.of(observation));
    }

    private void announce(StationObservation observation, Collector<TrackerInput> out) {
        Instant documentAt = observation.observedAt();
        Instant previous = lastAnnounced.put(observation.systemId(), documentAt);
        if (documentAt.equals(previous)) {
            return;
        }
        for (int bucket = 0; bucket < SystemBucket.BUCKETS; bucket++) {
            out.collect(TrackerInput.documentSeen(observation.systemId(), bucket, documentAt));
        }
    }
}
