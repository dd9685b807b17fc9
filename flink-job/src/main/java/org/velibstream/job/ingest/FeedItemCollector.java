package org.velibstream.job.ingest;

import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.util.Collector;
import org.velibstream.gbfs.GbfsDecodingException;
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
     * status's event time, or a single entry, which takes {@code fallbackTime}. No time is checked against a clock:
     * for a replay of recorded files, whose times are historical.
     */
    StatusListener statuses(Instant fallbackTime, Instant receivedAt) {
        return new StatusListener(fallbackTime, receivedAt, null, null);
    }

    /**
     * As {@link #statuses(Instant, Instant)}, for live input: a payload whose time is further ahead of
     * {@code receivedAt} than {@code maxClockSkew} becomes one dead letter, with {@code payload}, and none of its
     * statuses is emitted.
     */
    StatusListener statusesNotAhead(
            byte[] payload, Instant fallbackTime, Instant receivedAt, MaxClockSkew maxClockSkew) {
        return new StatusListener(fallbackTime, receivedAt, payload, maxClockSkew);
    }

    /** The statuses of one payload. */
    final class StatusListener implements StationListener<StationStatus> {
        private final Instant fallbackTime;
        private final Instant receivedAt;

        @Nullable
        private final byte[] payload;

        @Nullable
        private final MaxClockSkew maxClockSkew;

        private boolean document;

        @Nullable
        private Instant lastUpdated;

        @Nullable
        private String clockAhead;

        private StatusListener(
                Instant fallbackTime,
                Instant receivedAt,
                @Nullable byte[] payload,
                @Nullable MaxClockSkew maxClockSkew) {
            this.fallbackTime = fallbackTime;
            this.receivedAt = receivedAt;
            this.payload = payload;
            this.maxClockSkew = maxClockSkew;
        }

        @Override
        public void onDocument(GbfsFeedHeader header) {
            document = true;
            lastUpdated = header.lastUpdated();
            if (lastUpdated != null) {
                checkClock(lastUpdated);
            }
        }

        @Override
        public void onStation(StationStatus status) {
            if (!document && clockAhead == null) {
                checkClock(fallbackTime);
            }
            if (clockAhead != null) {
                return;
            }
            Instant observedAt = lastUpdated != null ? lastUpdated : fallbackTime;
            out.collect(FeedItem.status(systemId, status, observedAt, lastUpdated, document));
        }

        @Override
        public void onRejected(Rejection rejection) {
            if (clockAhead == null) {
                rejected(rejection, receivedAt);
            }
        }

        /**
         * The payload could not be decoded: one dead letter with the reason, unless it is one already for its time
         * (one payload, one dead letter). For the listeners of {@link #statusesNotAhead}, which hold the payload.
         */
        void decodingFailed(GbfsDecodingException e) {
            if (clockAhead == null) {
                rejectedDocument(e.getMessage(), Objects.requireNonNull(payload, "payload"), receivedAt);
            }
        }

        /** Why the payload was a dead letter for its time; null when its time was not ahead of the clock. */
        @Nullable
        String clockAhead() {
            return clockAhead;
        }

        /** The first time found ahead makes the whole payload one dead letter; what follows of it is dropped. */
        private void checkClock(Instant observedAt) {
            if (maxClockSkew == null || payload == null) {
                return;
            }
            clockAhead = maxClockSkew.aheadReason(observedAt, receivedAt);
            if (clockAhead != null) {
                rejectedDocument(clockAhead, payload, receivedAt);
            }
        }
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
