package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.velibstream.console.PublishedJson;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.sink.kafka.KeyedJsonSerializationSchema;

/**
 * The job's published output is a contract with its consumers: the results console (tools/results-console) reads the
 * statistics and alerts topics with records of its own, as any external consumer would. Written with the job's own
 * Kafka serialization, every field of the job's records must read back, with the same value, into the console's.
 */
class PublishedOutputContractTest {

    private static final Instant START = Instant.parse("2024-11-19T08:22:00Z");
    private final PublishedJson console = new PublishedJson();

    @Test
    void theConsoleReadsEveryFieldOfTheStatistics() throws Exception {
        AreaStats stats = new AreaStats(
                "velib",
                AreaKind.POSTAL_CODE,
                "75011",
                START,
                START.plusSeconds(60),
                40,
                300,
                180,
                120,
                410,
                720,
                3,
                2,
                1,
                4);

        Record read = console.readStats(published(stats));

        assertThat(fields(read)).isEqualTo(fields(stats));
    }

    @Test
    void theConsoleReadsEveryFieldOfTheAlerts() throws Exception {
        for (AlertType type : AlertType.values()) {
            StationAlert alert = new StationAlert(
                    "velib",
                    "16107",
                    AreaKind.POSTAL_CODE,
                    "75016",
                    type,
                    AlertState.OPEN,
                    START,
                    START.plusSeconds(300),
                    "0 bikes, 35 docks");
            for (StationAlert published : new StationAlert[] {alert, alert.resolved(START.plusSeconds(900), "back")}) {
                Record read = console.readAlert(published(published));

                assertThat(fields(read)).as("%s read by the console", published).isEqualTo(fields(published));
            }
        }
    }

    /** The JSON value the job's Kafka sink writes for {@code value}. */
    private static <T> String published(T value) {
        KeyedJsonSerializationSchema<T> schema = new KeyedJsonSerializationSchema<>("topic", ignored -> "key");
        schema.open(null, null);
        ProducerRecord<byte[], byte[]> record = schema.serialize(value, null, START.toEpochMilli());
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    /** A record's components by name, enums as their names (the console keeps alert types and states as text). */
    private static Map<String, Object> fields(Record record) throws ReflectiveOperationException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = component.getAccessor().invoke(record);
            fields.put(component.getName(), value instanceof Enum<?> e ? e.name() : value);
        }
        return fields;
    }
}
