package org.velibstream.job.ingest;

import java.time.Instant;
import javax.annotation.Nullable;
import org.apache.flink.util.Collector;
import org.velibstream.gbfs.GbfsFeedHeader;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationInformation;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.model.DeadLetter;

/**
 * Decodes GBFS station payloads into {@link FeedItem}s, with a dead letter for every rejected entry or document.
 * Shared by every input (HTTP polling, Kafka, files) so that they all decode alike.
 */
final class FeedItemCollector {

    private final String systemId;
    private final String source;
    private final Collector<FeedItem> out;

    FeedItemCollector(String systemId, String source, Collector<FeedItem> out) {
        this.systemId = systemId;
        this.source = source;
        this.out = out;
    }

    /**
     * A listener for the statuses of one payload: a whole document, whose {@code last_updated} becomes every
     * status's event time, or a single entry, which takes {@code fallbackTime}.
     */
    StationListener<StationStatus> statuses(Instant fallbackTime, Instant receivedAt) {
        return new StationListener<>() {
            private boolean document;

            @Nullable
            private Instant lastUpdated;

            @Override
            public void onDocument(GbfsFeedHeader header) {
                document = true;
                lastUpdated = header.lastUpdated();
            }

            @Override
            public void onStation(StationStatus status) {
                Instant observedAt = lastUpdated != null ? lastUpdated : fallbackTime;
                out.collect(FeedItem.status(systemId, status, observedAt, lastUpdated, document));
            }

            @Override
            public void onRejected(Rejection rejection) {
                rejected(rejection, receivedAt);
            }
        };
    }

    StationListener<StationInformation> information(Instant observedAt, Instant receivedAt) {
        return new StationListener<>() {
            @Override
            public void onStation(StationInformation information) {
                out.collect(FeedItem.information(systemId, information, observedAt));
            }

            @Override
            public void onRejected(Rejection rejection) {
                rejected(rejection, receivedAt);
            }
        };
    }

    void rejected(Rejection rejection, Instant receivedAt) {
        out.collect(FeedItem.deadLetter(
                systemId, new DeadLetter(source, rejection.reason(), rejection.rawEntry(), receivedAt)));
    }

    void rejectedDocument(String reason, byte[] payload, Instant receivedAt) {
        out.collect(FeedItem.deadLetter(systemId, DeadLetter.of(source, reason, payload, receivedAt)));
    }
}
