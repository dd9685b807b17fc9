package org.velibstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodingInputTest {

    @TempDir
    Path noSharedData;

    @AfterEach
    void forgetOverride() {
        System.clearProperty(BenchmarkPaths.SHARED_DATA_PROPERTY);
    }

    @Test
    void withoutTheRecordingsTheSimulationIsDecodedAndSaysSo() throws Exception {
        System.setProperty(BenchmarkPaths.SHARED_DATA_PROPERTY, noSharedData.toString());

        DecodingInput input = DecodingInput.load();

        int stations = SimulatedSystem.fromStationTable().stations();
        assertThat(input.description()).startsWith("simulated").contains("../shared/data absent");
        assertThat(input.statusStations()).isEqualTo(stations);
        assertThat(input.informationStations()).isEqualTo(stations);
    }

    @Test
    void withTheRecordingsTheNewestOneIsDecoded() throws Exception {
        Assumptions.assumeTrue(
                BenchmarkPaths.sharedSnapshots().isPresent(),
                "../shared/data/gbfs_snapshots is absent: real-data check skipped");

        DecodingInput input = DecodingInput.load();

        assertThat(input.description()).contains(DecodingInput.REAL_SNAPSHOT);
        assertThat(input.statusStations()).isEqualTo(1485);
        assertThat(input.informationStations()).isEqualTo(1485);
    }

    @Test
    void aDocumentTheDecodersRejectIsAClearError() {
        byte[] notGbfs = "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> DecodingInput.of("a test document", notGbfs, notGbfs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a test document")
                .hasMessageContaining("StationStatusDecoder")
                .hasMessageContaining("no top-level \"data\"");
    }
}
