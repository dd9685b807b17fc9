package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Payloads that are not a GBFS object at all: each refused as a whole with its own reason. */
class HostileShapesTest {

    private final StationStatusDecoder decoder = new StationStatusDecoder();

    @ParameterizedTest(name = "[{0}] is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                   | empty payload",
                "'  \n\t '                            | empty payload",
                "'[{\"station_id\": 1}]'              | expected a JSON object at the top level, found START_ARRAY",
                "'{\"station_id\": 1} {}'             | unexpected content after the top-level object",
                "'{\"station_id\": 1, \"num_bikes_available\": NaN}' | not valid JSON: Non-standard token 'NaN'",
                "'{\"station_id\": 1, \"num_bikes_available\": 1' | truncated JSON",
                "'{\"data\": {\"stations\": [{\"station_id\": 1}'   | truncated JSON",
                "'{\"data\": {\"stations\": []}, \"data\": \"\"}' | the field \"data\" appears twice in the top level",
                "'{\"ttl\": 1, \"data\": {\"stations\": []}, \"ttl\": 2}' | the field \"ttl\" appears twice in the top level",
                "'{\"data\": {\"stations\": [], \"stations\": [{\"station_id\": 1}]}}' | the field \"stations\" appears twice in \"data\""
            })
    void refusesWithAReason(String payload, String reason) {
        assertThatThrownBy(() -> decoder.decode(payload.getBytes(StandardCharsets.UTF_8), new CollectingListener<>()))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void refusesANumberOfMoreThan100Digits() {
        byte[] entry = ("{\"station_id\": 1, \"num_bikes_available\": " + "1".repeat(101) + "}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decoder.decode(entry, new CollectingListener<>()))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessageStartingWith(
                        "beyond the parser's limits: Number value length (101) exceeds the maximum" + " allowed (100");
    }

    @Test
    void skipsAUtf8ByteOrderMark() throws Exception {
        byte[] entry = "\uFEFF{\"station_id\": 1, \"num_bikes_available\": 1, \"num_docks_available\": 2}"
                .getBytes(StandardCharsets.UTF_8);
        CollectingListener<StationStatus> listener = new CollectingListener<>();

        decoder.decode(entry, listener);

        assertThat(listener.stations).extracting(StationStatus::stationId).containsExactly("1");
    }
}
