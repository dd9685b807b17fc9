package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.gbfs.BikeType;

class ReadSnapshotFileTest {

    @TempDir
    Path folder;

    private final List<FeedItem> items = new ArrayList<>();

    @Test
    void aJsonThatIsNoStationStatusAmongTheSnapshotsIsADeadLetterWithTheReason() throws Exception {
        Path alerts = Files.writeString(
                folder.resolve("1654562012.json"), "{\"last_updated\":1654562012,\"data\":{\"alerts\":[]}}");

        ReadSnapshotFile.statuses("fgb").flatMap(alerts.toString(), new ListCollector<>(items));

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo(FeedItem.Kind.DEAD_LETTER);
            assertThat(item.systemId()).isEqualTo("fgb");
            assertThat(item.deadLetter().reason()).isNotBlank();
        });
    }

    @Test
    void statusesAreDecodedWithTheRecordedVehicleTypes() throws Exception {
        Path status = Files.writeString(folder.resolve("1654562012.json"), """
                {"last_updated":1654562012,"ttl":0,"data":{"stations":[{"station_id":"s1",
                 "num_bikes_available":3,"num_docks_available":3,"last_reported":1654562012,
                 "vehicle_types_available":[{"vehicle_type_id":"e","count":2},{"vehicle_type_id":"m","count":1}]}]}}""");

        ReadSnapshotFile.statuses("x", Map.of("e", BikeType.EBIKE, "m", BikeType.MECHANICAL))
                .flatMap(status.toString(), new ListCollector<>(items));

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.status().ebikes()).isEqualTo(2);
            assertThat(item.status().mechanicalBikes()).isEqualTo(1);
        });
    }
}
