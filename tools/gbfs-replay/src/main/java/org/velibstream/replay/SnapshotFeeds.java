package org.velibstream.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Replays recorded moments, in time order, as the {@link SnapshotTimeline} says, serving the recorded bytes. A
 * moment without some feed serves the latest earlier recording of it (else the first later one), as a real system
 * keeps serving a feed it did not update. When no recording has a {@code system_information}, one is written.
 * {@code vehicle_types} and {@code system_regions} are served (and listed in {@code gbfs.json}) when recorded.
 */
public final class SnapshotFeeds implements GbfsFeeds {

    static final String SYSTEM_ID = "Paris";
    static final String SYSTEM_NAME = "Vélib' Métropole (replay)";
    static final String TIMEZONE = "Europe/Paris";
    /** What Vélib' sends as {@code ttl}, for the {@code system_information} written in its place. */
    static final int VELIB_TTL_SECONDS = 3600;

    private final List<SnapshotRecording> recordings;
    private final SnapshotTimeline timeline;
    private final Instant replayStart;
    /** For each recording, feed name → the document served while it is on air. */
    private final List<Map<String, FeedDocument>> served;

    private final List<String> feedNames;

    /** @param replayStart the server-clock instant at which the first recording goes on air */
    public SnapshotFeeds(List<SnapshotRecording> recordings, SnapshotTimeline timeline, Instant replayStart) {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("Nothing to replay: no recordings");
        }
        this.recordings = List.copyOf(recordings);
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.replayStart = Objects.requireNonNull(replayStart, "replayStart");
        this.served = servedDocuments(this.recordings);
        this.feedNames = GbfsFeeds.ALL_NAMES.stream()
                .filter(name -> NAMES.contains(name) || served.get(0).containsKey(name))
                .toList();
    }

    /** {@link GbfsFeeds#NAMES}, and {@code vehicle_types} and {@code system_regions} when recorded. */
    @Override
    public List<String> feedNames() {
        return feedNames;
    }

    @Override
    public Optional<FeedDocument> feed(String name, Instant now) {
        return Optional.ofNullable(served.get(indexAt(now)).get(name));
    }

    /** The recording on air at {@code now}. */
    public SnapshotRecording recordingAt(Instant now) {
        return recordings.get(indexAt(now));
    }

    private int indexAt(Instant now) {
        return timeline.indexAt(Duration.between(replayStart, now));
    }

    private static List<Map<String, FeedDocument>> servedDocuments(List<SnapshotRecording> recordings) {
        List<Map<String, FeedDocument>> served = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) {
            Map<String, FeedDocument> documents = new HashMap<>();
            for (String name : GbfsFeeds.ALL_NAMES) {
                nearestRecorded(recordings, i, name).ifPresent(document -> documents.put(name, document));
            }
            if (!documents.containsKey(SYSTEM_INFORMATION)) {
                Instant time = recordings.get(0).time();
                documents.put(
                        SYSTEM_INFORMATION,
                        new FeedDocument(
                                VelibJson.systemInformation(time, VELIB_TTL_SECONDS, SYSTEM_ID, SYSTEM_NAME, TIMEZONE),
                                time,
                                VELIB_TTL_SECONDS));
            }
            served.add(Map.copyOf(documents));
        }
        return List.copyOf(served);
    }

    private static Optional<FeedDocument> nearestRecorded(List<SnapshotRecording> recordings, int index, String name) {
        IntStream earlierFirst = IntStream.concat(
                IntStream.iterate(index, i -> i >= 0, i -> i - 1), IntStream.range(index + 1, recordings.size()));
        return earlierFirst
                .mapToObj(i -> recordings.get(i).documents().get(name))
                .filter(Objects::nonNull)
                .findFirst();
    }
}
