package org.velibstream.gbfs;

import java.nio.file.Files;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The station-feed properties of {@link HostileGbfsInputTest} on the real Vélib' recordings of
 * {@code ../shared/data/gbfs_snapshots}, read and mutated at test time: mostly excerpts of a few real entries, now and
 * then a whole real document. Skipped, saying so, when the shared data is absent.
 */
@AddLifecycleHook(HostileSharedSnapshotsTest.RequiresSharedSnapshots.class)
class HostileSharedSnapshotsTest {

    private static final String SNAPSHOT = "2022-02-23_samhrrl";

    @Property
    void stationStatusDecoderSurvivesMutatedRealFeeds(@ForAll("realStatusPayloads") byte[] payload) {
        HostileGbfsInputTest.checkStationFeed(new StationStatusDecoder(), payload);
    }

    @Property
    void stationInformationDecoderSurvivesMutatedRealFeeds(@ForAll("realInformationPayloads") byte[] payload) {
        HostileGbfsInputTest.checkStationFeed(new StationInformationDecoder(), payload);
    }

    @Provide
    Arbitrary<byte[]> realStatusPayloads() {
        return realPayloads("station_status.json");
    }

    @Provide
    Arbitrary<byte[]> realInformationPayloads() {
        return realPayloads("station_information.json");
    }

    private static Arbitrary<byte[]> realPayloads(String feed) {
        byte[] document = HostilePayloads.sharedSnapshot(SNAPSHOT, feed).orElseThrow();
        return HostilePayloads.mutationsOf(Arbitraries.frequencyOf(
                Tuple.of(100, HostilePayloads.excerptsOf(document)), Tuple.of(1, Arbitraries.just(document))));
    }

    /** Skips the properties when the real recordings are not beside the project. */
    static final class RequiresSharedSnapshots implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Files.isDirectory(HostilePayloads.SHARED_SNAPSHOTS.resolve(SNAPSHOT))
                    ? SkipResult.doNotSkip()
                    : SkipResult.skip(HostilePayloads.SHARED_SNAPSHOTS + "/" + SNAPSHOT
                            + " is absent: the real Vélib' recordings are not mutated in this run");
        }
    }
}
