package org.velibstream.job.io.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.model.SystemTimeZones;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.sink.cassandra.CassandraSchema;
import org.velibstream.sink.cassandra.CassandraStatementMapper;

/** The table definitions against the schema file, without a server. */
class VelibTablesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS velib\\.(\\w+) \\(");
    private static final Pattern COLUMN = Pattern.compile("^\\s+(\\w+)\\s+(\\w+),$");
    private static final Map<String, Class<?>> JAVA_TYPE_OF_CQL =
            Map.of("text", String.class, "timestamp", Instant.class, "int", Integer.class);

    /** 23:30 UTC is already the next day in Paris: a {@code day} column dated in UTC would show. */
    private static final Instant LATE_EVENING_UTC = Instant.parse("2026-11-23T23:30:00Z");

    private static final AreaStats STATS = new AreaStats(
            "velib",
            AreaKind.POSTAL_CODE,
            "75011",
            LATE_EVENING_UTC.minusSeconds(60),
            LATE_EVENING_UTC,
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            8,
            9,
            10);
    private static final StationAlert ALERT = new StationAlert(
            "velib",
            "11104",
            AreaKind.POSTAL_CODE,
            "75011",
            AlertType.EMPTY,
            AlertState.OPEN,
            LATE_EVENING_UTC,
            LATE_EVENING_UTC.plusSeconds(30),
            "empty for 2 hours");

    @Test
    void everyTableOfTheSchemaFileHasADefinitionWithExactlyItsColumns() {
        Map<String, Map<String, String>> fileTables = tablesOfTheSchemaFile();

        assertThat(VelibTables.ALL)
                .extracting(VelibTable::name)
                .as("the tables of %s, in order", VelibTables.SCHEMA_RESOURCE)
                .containsExactlyElementsOf(fileTables.keySet());
        for (VelibTable<?> table : VelibTables.ALL) {
            assertThat(table.columnNames())
                    .as("the columns the job writes to %s, against its CREATE TABLE", table.name())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            fileTables.get(table.name()).keySet());
        }
    }

    @Test
    void everyColumnsValueHasTheJavaTypeOfItsCqlType() {
        Map<String, Map<String, String>> fileTables = tablesOfTheSchemaFile();

        assertValueTypes(VelibTables.AREA_STATS, STATS, fileTables);
        assertValueTypes(VelibTables.STATION_ALERTS, ALERT, fileTables);
        assertValueTypes(VelibTables.ALERTS_BY_DAY, ALERT, fileTables);
    }

    @Test
    void theMappersInsertEveryColumnFromTheRecord() {
        CassandraStatementMapper<AreaStats> stats =
                VelibTables.AREA_STATS.mapper("velib_test", SystemTimeZones.of(PARIS));
        CassandraStatementMapper<StationAlert> byDay =
                VelibTables.ALERTS_BY_DAY.mapper("velib_test", SystemTimeZones.of(PARIS));

        assertThat(stats.cql())
                .isEqualTo("INSERT INTO velib_test.area_stats (system_id, area_kind, area, day, window_end,"
                        + " window_start, stations, bikes, mechanical, ebike, docks, capacity, empty_stations,"
                        + " full_stations, out_of_service_stations, inconsistent_stations)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        assertThat(stats.bindValues(STATS))
                .containsExactly(
                        "velib",
                        "POSTAL_CODE",
                        "75011",
                        "2026-11-24",
                        LATE_EVENING_UTC,
                        LATE_EVENING_UTC.minusSeconds(60),
                        1,
                        2,
                        3,
                        4,
                        5,
                        6,
                        7,
                        8,
                        9,
                        10);
        assertThat(VelibTables.STATION_ALERTS
                        .mapper("velib_test", SystemTimeZones.of(PARIS))
                        .cql())
                .isEqualTo("INSERT INTO velib_test.station_alerts (system_id, station_code, type, since, area_kind,"
                        + " area, state, detected_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        assertThat(byDay.cql())
                .isEqualTo("INSERT INTO velib_test.alerts_by_day (day, since, system_id, station_code, type,"
                        + " area_kind, area, state, detected_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        assertThat(byDay.bindValues(ALERT))
                .containsExactly(
                        "2026-11-24",
                        LATE_EVENING_UTC,
                        "velib",
                        "11104",
                        "EMPTY",
                        "POSTAL_CODE",
                        "75011",
                        "OPEN",
                        LATE_EVENING_UTC.plusSeconds(30),
                        "empty for 2 hours");
        assertThat(VelibTables.ALERTS_BY_DAY.select("velib_test"))
                .isEqualTo("SELECT day, since, system_id, station_code, type, area_kind, area, state, detected_at,"
                        + " details"
                        + " FROM velib_test.alerts_by_day");
    }

    @Test
    void dayIsTheLocalDateInTheSystemsZone() {
        assertThat(VelibTables.day(LATE_EVENING_UTC, PARIS)).isEqualTo("2026-11-24");
        assertThat(VelibTables.day(LATE_EVENING_UTC, ZoneOffset.UTC)).isEqualTo("2026-11-23");
        assertThat(VelibTables.AREA_STATS.values(STATS, ZoneOffset.UTC)[3]).isEqualTo("2026-11-23");
    }

    @Test
    void eachSystemsDayIsDatedInItsOwnZoneElseInTheFallback() {
        SystemTimeZones zones = SystemTimeZones.of(PARIS).with("baywheels", ZoneId.of("America/Los_Angeles"));
        AreaStats bayWheels = new AreaStats(
                "baywheels",
                AreaKind.REGION,
                "San Francisco",
                LATE_EVENING_UTC.minusSeconds(60),
                LATE_EVENING_UTC,
                1,
                2,
                null,
                null,
                5,
                6,
                7,
                8,
                9,
                0);

        assertThat(VelibTables.AREA_STATS.values(bayWheels, zones)[3])
                .as("15:30 in San Francisco")
                .isEqualTo("2026-11-23");
        assertThat(VelibTables.AREA_STATS.values(STATS, zones)[3])
                .as("00:30 in Paris")
                .isEqualTo("2026-11-24");
        assertThat(VelibTables.AREA_STATS.values(bayWheels, zones)[8])
                .as("unknown e-bikes stay null")
                .isNull();
    }

    @Test
    void theSchemaFileAsItIs() {
        CassandraSchema schema = VelibTables.schemaFile().build();

        assertThat(schema.keyspace()).isEqualTo("velib");
        assertThat(schema.statements()).hasSize(5);
        assertThat(schema.statements().get(0))
                .startsWith("CREATE KEYSPACE IF NOT EXISTS velib")
                .contains("'replication_factor': 1");
        assertThat(schema.statements().get(1))
                .contains(
                        "PRIMARY KEY ((system_id, area_kind, area, day), window_end)",
                        "CLUSTERING ORDER BY (window_end DESC)",
                        "default_time_to_live = 7776000");
        assertThat(schema.statements().get(2)).contains("default_time_to_live = 31536000");
        assertThat(schema.statements().get(3)).contains("default_time_to_live = 31536000");
        assertThat(schema.statements().get(4))
                .isEqualTo("CREATE CUSTOM INDEX IF NOT EXISTS alerts_by_day_state ON velib.alerts_by_day (state)"
                        + " USING 'StorageAttachedIndex'");
        assertThat(schema.exampleQueries())
                .hasSize(6)
                .allMatch(query -> query.startsWith("SELECT ") && query.contains(" FROM velib."));
    }

    @Test
    void theJobsSchemaTakesItsKeyspaceReplicationAndTtls() {
        CassandraSchema schema = VelibTables.schema("velib_test", 3, Duration.ofDays(1), Duration.ZERO);

        assertThat(schema.keyspace()).isEqualTo("velib_test");
        assertThat(schema.statements().get(0))
                .isEqualTo("CREATE KEYSPACE IF NOT EXISTS velib_test\n"
                        + "    WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
        assertThat(String.join("\n", schema.statements()))
                .doesNotContain("velib.")
                .contains("velib_test.station_alerts");
        assertThat(schema.statements().get(1)).contains("default_time_to_live = 86400");
        assertThat(schema.statements().get(2)).contains("default_time_to_live = 0");
        assertThat(schema.statements().get(3)).contains("default_time_to_live = 0");
        assertThat(schema.statements().get(4)).contains("ON velib_test.alerts_by_day (state)");
        assertThat(schema.exampleQueries()).allMatch(query -> query.contains(" FROM velib_test."));
        assertThatThrownBy(() -> VelibTables.schema("velib-test", 1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'velib-test'");
    }

    private static <T> void assertValueTypes(
            VelibTable<T> table, T record, Map<String, Map<String, String>> fileTables) {
        Object[] values = table.values(record, PARIS);
        for (int i = 0; i < values.length; i++) {
            String column = table.columnNames().get(i);
            String cqlType = fileTables.get(table.name()).get(column);
            assertThat(values[i])
                    .as("%s.%s, a CQL %s", table.name(), column, cqlType)
                    .isInstanceOf(JAVA_TYPE_OF_CQL.get(cqlType));
        }
    }

    /** Table → column → CQL type, as the CREATE TABLE statements of the schema file declare them, in file order. */
    private static Map<String, Map<String, String>> tablesOfTheSchemaFile() {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        for (String statement : VelibTables.schemaFile().build().statements()) {
            Matcher table = CREATE_TABLE.matcher(statement);
            if (!table.lookingAt()) {
                continue;
            }
            Map<String, String> columns = new LinkedHashMap<>();
            List<String> lines = statement.lines().skip(1).toList();
            for (String line : lines) {
                Matcher column = COLUMN.matcher(line);
                if (column.matches()) {
                    columns.put(column.group(1), column.group(2));
                }
            }
            assertThat(columns).as("columns of %s", table.group(1)).isNotEmpty();
            tables.put(table.group(1), columns);
        }
        return tables;
    }
}
