package org.velibstream.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.velibstream.bench.PostalCodeFloor;
import org.velibstream.bench.PostalCodeTotals;
import org.velibstream.bench.SimulatedSystem;

class RecordFloorTest {

    private static final long T0 = SimulatedSystem.START.toEpochMilli();

    @Test
    void eachWindowOfTheLoadSumsAsTheDocumentFloorSumsItsTick() throws Exception {
        SimulatedSystem system = SimulatedSystem.fromStationTable();
        RawTopicLoad load = RawTopicLoad.simulate(system, 3);
        PostalCodeIndex postalCodes = new PostalCodeIndex(SimulatedSystem.stationRows());

        RecordFloor.Result result = new RecordFloor(postalCodes, RawTopicLoad.TICK).aggregate(load.records());

        assertThat(load.size()).isEqualTo(3 * system.stations());
        assertThat(result.unreadable()).isZero();
        PostalCodeFloor documentFloor = new PostalCodeFloor(SimulatedSystem.stationRows());
        for (int tick = 0; tick < 3; tick++) {
            Instant window = SimulatedSystem.START.plus(RawTopicLoad.TICK.multipliedBy(tick));
            List<PostalCodeTotals> fromRecords = new ArrayList<>();
            result.sums().stream()
                    .filter(sums -> sums.windowStart().equals(window))
                    .forEach(sums -> fromRecords.add(new PostalCodeTotals(
                            sums.postalCode(),
                            sums.stations(),
                            sums.bikes(),
                            sums.mechanical(),
                            sums.ebikes(),
                            sums.docks())));
            assertThat(fromRecords)
                    .as("tick %d", tick)
                    .containsExactlyInAnyOrderElementsOf(documentFloor.aggregate(system.stationStatus(tick)));
        }
    }

    @Test
    void aStationCountsOnceAWindowWithItsLatestReading() {
        PostalCodeIndex postalCodes = new PostalCodeIndex(List.of());
        List<RawRecord> records = List.of(
                record(T0 + 1_000, "16107", 5, 30, 1),
                record(T0 + 2_000, "16107", 0, 35, 1),
                record(T0 + 2_000, "16107", 0, 35, 1),
                record(T0 + 1_500, "32017", 7, 0, 1),
                record(T0 + 61_000, "16107", 3, 32, 0));

        RecordFloor.Result result = new RecordFloor(postalCodes, RawTopicLoad.TICK).aggregate(records);

        assertThat(result.sums())
                .containsExactlyInAnyOrder(
                        new WindowedSums(Instant.ofEpochMilli(T0), "UNKNOWN", 2, 7, 0, 0, 35, 1, 1),
                        new WindowedSums(Instant.ofEpochMilli(T0 + 60_000), "UNKNOWN", 1, 3, 0, 0, 32, 0, 0));
    }

    @Test
    void aRecordThatIsNotAStationEntryIsCountedNotSummed() {
        RecordFloor.Result result = new RecordFloor(new PostalCodeIndex(List.of()), RawTopicLoad.TICK)
                .aggregate(List.of(
                        new RawRecord(T0, new byte[0], "this is not JSON".getBytes(StandardCharsets.UTF_8)),
                        new RawRecord(
                                T0, new byte[0], "{\"num_bikes_available\": 3}".getBytes(StandardCharsets.UTF_8))));

        assertThat(result.unreadable()).isEqualTo(2);
        assertThat(result.sums()).isEmpty();
    }

    private static RawRecord record(long timestamp, String code, int bikes, int docks, int installed) {
        String json = "{\"station_id\": 1, \"num_bikes_available\": " + bikes + ", \"num_docks_available\": " + docks
                + ", \"is_installed\": " + installed + ", \"stationCode\": \"" + code + "\"}";
        return new RawRecord(timestamp, code.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }
}
