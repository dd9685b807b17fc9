package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.io.cassandra.VelibTable;
import org.velibstream.job.io.cassandra.VelibTableRows;
import org.velibstream.job.io.cassandra.VelibTables;
import org.velibstream.job.model.SystemTimeZones;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.sink.cassandra.CassandraSchema;
import org.velibstream.sink.cassandra.SharedCassandraSessions;

/**
 * The job writing statistics and alerts to a real Cassandra node (started by the build on 127.0.0.1): every table
 * holds exactly the replay's rows, and replaying the same input again leaves the same rows; then the schema file's
 * example queries answer their questions. Rows are read and expected through {@link VelibTables}, the definitions the
 * job writes with.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraPipelineITCase {

    private static final String CONTACT_POINT =
            System.getProperty("velib.it.cassandra.contact-point", "127.0.0.1:30042");
    private static final String KEYSPACE =
            "velib_it_" + UUID.randomUUID().toString().substring(0, 8);

    private static final int PARALLELISM = MiniClusters.SLOTS;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static CqlSession session;

    @TempDir
    Path output;

    @BeforeAll
    static void connect() {
        int colon = CONTACT_POINT.lastIndexOf(':');
        session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(
                        CONTACT_POINT.substring(0, colon), Integer.parseInt(CONTACT_POINT.substring(colon + 1))))
                .withLocalDatacenter("datacenter1")
                // Schema changes take seconds on a busy 2-core machine; the driver's default is 2 s.
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .build())
                .build();
    }

    @AfterAll
    static void dropKeyspace() {
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.close();
    }

    @Test
    @Order(1)
    void everyTableHoldsExactlyTheReplaysRowsAndAReplayRewritesThem() throws Exception {
        long sessionsBefore = SharedCassandraSessions.shared().sessionsOpened();
        runReplay();
        assertThat(SharedCassandraSessions.shared().sessionsOpened() - sessionsBefore)
                .as("sessions opened by the 3 Cassandra sinks x %d subtasks of the job's one TaskManager", PARALLELISM)
                .isEqualTo(1);
        List<StationAlert> alerts = ReplayFixture.readAlerts(output);
        assertThat(alerts).as("the replay's alerts").singleElement().satisfies(alert -> {
            assertThat(alert.stationCode()).isEqualTo("32017");
            assertThat(alert.type()).isEqualTo(AlertType.SUDDEN_DROP);
            assertThat(alert.state()).isEqualTo(AlertState.OPEN);
            assertThat(alert.area()).isEqualTo("93200");
            assertThat(VelibTables.day(alert.since(), VelibTableRows.SYSTEM_ZONE))
                    .isEqualTo("2024-11-19");
        });
        assertTablesHoldTheReplay(alerts.get(0));

        runReplay();
        assertTablesHoldTheReplay(alerts.get(0));
    }

    @Test
    @Order(2)
    void theSchemaFilesExampleQueriesAnswerTheirQuestions() {
        // The example queries ask about system velib, postal code 75011, station 11104 and day 2026-11-23 (Paris),
        // and about Bay Wheels' region San Francisco on 2023-01-08 (Los Angeles).
        CassandraSchema schema = VelibTables.schemaFile().keyspace(KEYSPACE).build();
        schema.applyTo(session);
        Instant noon = Instant.parse("2026-11-23T12:00:00Z");
        for (int minute = 0; minute < 3; minute++) {
            Instant end = noon.plusSeconds(60L * minute);
            insert(
                    VelibTables.AREA_STATS,
                    new AreaStats(
                            "velib",
                            AreaKind.POSTAL_CODE,
                            "75011",
                            end.minusSeconds(60),
                            end,
                            1,
                            2 + minute,
                            2,
                            minute,
                            10,
                            12,
                            0,
                            0,
                            0,
                            0));
        }
        StationAlert empty = new StationAlert(
                "velib",
                "11104",
                AreaKind.POSTAL_CODE,
                "75011",
                AlertType.EMPTY,
                AlertState.OPEN,
                noon,
                noon.plusSeconds(30),
                "empty");
        StationAlert stale = new StationAlert(
                        "velib",
                        "11104",
                        AreaKind.POSTAL_CODE,
                        "75011",
                        AlertType.STALE,
                        AlertState.OPEN,
                        noon.minusSeconds(3600),
                        noon.minusSeconds(3000),
                        "stale")
                .resolved(noon.minusSeconds(600), "fresh again");
        for (StationAlert alert : List.of(empty, stale)) {
            insert(VelibTables.STATION_ALERTS, alert);
            insert(VelibTables.ALERTS_BY_DAY, alert);
        }
        // 02:00 UTC on the 9th is still the 8th in San Francisco, whose system's zone dates the row.
        insert(
                VelibTables.AREA_STATS,
                new AreaStats(
                        "baywheels",
                        AreaKind.REGION,
                        "San Francisco",
                        Instant.parse("2023-01-09T01:59:00Z"),
                        Instant.parse("2023-01-09T02:00:00Z"),
                        300,
                        1200,
                        null,
                        null,
                        3000,
                        4500,
                        3,
                        1,
                        2,
                        0));
        List<String> queries = schema.exampleQueries();

        assertThat(queries).hasSize(6);
        assertThat(session.execute(queries.get(0)).all()).singleElement().satisfies(row -> {
            assertThat(row.getInstant("window_end")).isEqualTo(noon.plusSeconds(120));
            assertThat(row.getInt("bikes")).isEqualTo(4);
        });
        assertThat(session.execute(queries.get(1)).all())
                .extracting(row -> row.getInt("bikes"))
                .containsExactly(4, 3, 2);
        assertThat(session.execute(queries.get(2)).all())
                .extracting(row -> row.getInt("bikes"), row -> row.getObject("ebike"))
                .as("a region of a system in another time zone, e-bikes unknown")
                .containsExactly(tuple(1200, null));
        assertThat(session.execute(queries.get(3)).all())
                .extracting(row -> row.getString("station_code"))
                .containsExactly("11104", "11104");
        assertThat(session.execute(queries.get(4)).all())
                .extracting(row -> row.getString("type"), row -> row.getString("state"))
                .containsExactly(tuple("EMPTY", "OPEN"));
        assertThat(session.execute(queries.get(5)).all())
                .extracting(row -> row.getString("type"))
                .containsExactly("EMPTY", "STALE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"before-system-id.cql", "before-areas.cql", "before-inconsistent-stations.cql"})
    @Order(3)
    void tablesOfAnEarlierVersionAreBroughtUpToDateAndTakeTheReplay(String earlierSchema) throws Exception {
        // The schema as an earlier release created it (from git history: before system_id was in the keys, and
        // before areas), then the job over it: it must add what is missing instead of failing.
        String keyspace = "velib_it_old_" + UUID.randomUUID().toString().substring(0, 8);
        CassandraSchema.fromResource(CassandraPipelineITCase.class, "/cassandra/earlier-schemas/" + earlierSchema)
                .keyspace(keyspace)
                .build()
                .applyTo(session);
        try {
            runReplay(keyspace);

            List<StationAlert> alerts = ReplayFixture.readAlerts(output);
            assertThat(alerts).as("the replay's alerts").hasSize(1);
            assertTablesHoldTheReplay(keyspace, alerts.get(0));
        } finally {
            session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        }
    }

    @Test
    @Order(4)
    void aSystemsDaysAreItsOwnTimeZones() throws Exception {
        // Three real Bay Wheels snapshots around midnight in Los Angeles (08:00 UTC, already the next day in Paris),
        // with the system's other feeds beside them: its system_information says America/Los_Angeles.
        Path bayWheels = Path.of(System.getProperty("user.dir"))
                .resolve("../../shared/data/other_systems/2023-01-08_baywheels_3days")
                .normalize();
        Assumptions.assumeTrue(Files.isDirectory(bayWheels), "../shared/data is absent: real-data check skipped");
        Path recording = Files.createDirectories(output.resolve("baywheels/status"));
        for (String file : List.of("station_information.json", "system_information.json")) {
            Files.copy(bayWheels.resolve(file), recording.getParent().resolve(file));
        }
        for (String time : List.of("1673250116", "1673250633", "1673251940")) {
            String file = time + "_station_status.json";
            Files.copy(bayWheels.resolve("status").resolve(file), recording.resolve(file));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
            "--source",
            "files",
            "--status",
            recording.toString(),
            "--sink",
            "cassandra",
            "--cassandra-contact-points",
            CONTACT_POINT,
            "--cassandra-keyspace",
            KEYSPACE,
            "--checkpoint-interval",
            "0 s"
        }));
        env.execute("Bay Wheels to cassandra");

        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        List<Row> rows = session.execute("SELECT day, window_end FROM " + KEYSPACE
                        + ".area_stats WHERE system_id = 'fgb'" + " ALLOW FILTERING")
                .all();
        assertThat(rows).isNotEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(row.getString("day"))
                .isEqualTo(LocalDate.ofInstant(row.getInstant("window_end"), losAngeles)
                        .toString()));
        assertThat(rows)
                .extracting(row -> row.getString("day"))
                .as("windows before and after midnight in Los Angeles, all on 2023-01-09 in Paris")
                .contains("2023-01-08", "2023-01-09");
    }

    private void assertTablesHoldTheReplay(StationAlert alert) {
        assertTablesHoldTheReplay(KEYSPACE, alert);
    }

    private void assertTablesHoldTheReplay(String keyspace, StationAlert alert) {
        assertThat(VelibTableRows.read(session, keyspace, VelibTables.AREA_STATS))
                .as("area_stats")
                .containsExactlyInAnyOrderElementsOf(
                        VelibTableRows.expected(VelibTables.AREA_STATS, ReplayFixture.EXPECTED_STATS));
        assertThat(VelibTableRows.read(session, keyspace, VelibTables.STATION_ALERTS))
                .as("station_alerts")
                .containsExactly(VelibTableRows.expected(VelibTables.STATION_ALERTS, alert));
        assertThat(VelibTableRows.read(
                        session, keyspace, VelibTables.ALERTS_BY_DAY, "day = '2024-11-19' AND state = 'OPEN'"))
                .as("open alerts of the day")
                .containsExactly(VelibTableRows.expected(VelibTables.ALERTS_BY_DAY, alert));
    }

    private static <T> void insert(VelibTable<T> table, T record) {
        session.execute(session.prepare(table.insert(KEYSPACE))
                .bind(table.values(
                        record,
                        SystemTimeZones.of(VelibTableRows.SYSTEM_ZONE)
                                .with("baywheels", ZoneId.of("America/Los_Angeles")))));
    }

    private void runReplay() throws Exception {
        runReplay(KEYSPACE);
    }

    private void runReplay(String keyspace) throws Exception {
        List<String> args = new ArrayList<>(List.of(ReplayFixture.replayArgs(output)));
        args.set(args.indexOf("jsonl"), "cassandra;jsonl");
        args.addAll(List.of(
                "--cassandra-contact-points",
                CONTACT_POINT,
                "--cassandra-keyspace",
                keyspace,
                "--parallelism",
                Integer.toString(PARALLELISM)));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(args.toArray(String[]::new)));
        env.execute("replay to cassandra");
    }
}
