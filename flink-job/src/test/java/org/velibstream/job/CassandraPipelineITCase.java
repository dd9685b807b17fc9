package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.io.cassandra.VelibTable;
import org.velibstream.job.io.cassandra.VelibTableRows;
import org.velibstream.job.io.cassandra.VelibTables;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.PostalCodeStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.sink.cassandra.CassandraSchema;

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
        runReplay();
        List<StationAlert> alerts = ReplayFixture.readAlerts(output);
        assertThat(alerts).as("the replay's alerts").singleElement().satisfies(alert -> {
            assertThat(alert.stationCode()).isEqualTo("32017");
            assertThat(alert.type()).isEqualTo(AlertType.SUDDEN_DROP);
            assertThat(alert.state()).isEqualTo(AlertState.OPEN);
            assertThat(alert.postalCode()).isEqualTo("93200");
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
        // The example queries ask about system velib, postal code 75011, station 11104 and day 2026-11-23 (Paris).
        CassandraSchema schema = VelibTables.schemaFile().keyspace(KEYSPACE).build();
        schema.applyTo(session);
        Instant noon = Instant.parse("2026-11-23T12:00:00Z");
        for (int minute = 0; minute < 3; minute++) {
            Instant end = noon.plusSeconds(60L * minute);
            insert(
                    VelibTables.POSTAL_CODE_STATS,
                    new PostalCodeStats(
                            "velib", "75011", end.minusSeconds(60), end, 1, 2 + minute, 2, minute, 10, 12, 0, 0, 0));
        }
        StationAlert empty = new StationAlert(
                "velib", "11104", "75011", AlertType.EMPTY, AlertState.OPEN, noon, noon.plusSeconds(30), "empty");
        StationAlert stale = new StationAlert(
                        "velib",
                        "11104",
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
        List<String> queries = schema.exampleQueries();

        assertThat(queries).hasSize(5);
        assertThat(session.execute(queries.get(0)).all()).singleElement().satisfies(row -> {
            assertThat(row.getInstant("window_end")).isEqualTo(noon.plusSeconds(120));
            assertThat(row.getInt("bikes")).isEqualTo(4);
        });
        assertThat(session.execute(queries.get(1)).all())
                .extracting(row -> row.getInt("bikes"))
                .containsExactly(4, 3, 2);
        assertThat(session.execute(queries.get(2)).all())
                .extracting(row -> row.getString("station_code"))
                .containsExactly("11104", "11104");
        assertThat(session.execute(queries.get(3)).all())
                .extracting(row -> row.getString("type"), row -> row.getString("state"))
                .containsExactly(tuple("EMPTY", "OPEN"));
        assertThat(session.execute(queries.get(4)).all())
                .extracting(row -> row.getString("type"))
                .containsExactly("EMPTY", "STALE");
    }

    private void assertTablesHoldTheReplay(StationAlert alert) {
        assertThat(VelibTableRows.read(session, KEYSPACE, VelibTables.POSTAL_CODE_STATS))
                .as("postal_code_stats")
                .containsExactlyInAnyOrderElementsOf(
                        VelibTableRows.expected(VelibTables.POSTAL_CODE_STATS, ReplayFixture.EXPECTED_STATS));
        assertThat(VelibTableRows.read(session, KEYSPACE, VelibTables.STATION_ALERTS))
                .as("station_alerts")
                .containsExactly(VelibTableRows.expected(VelibTables.STATION_ALERTS, alert));
        assertThat(VelibTableRows.read(
                        session, KEYSPACE, VelibTables.ALERTS_BY_DAY, "day = '2024-11-19' AND state = 'OPEN'"))
                .as("open alerts of the day")
                .containsExactly(VelibTableRows.expected(VelibTables.ALERTS_BY_DAY, alert));
    }

    private static <T> void insert(VelibTable<T> table, T record) {
        session.execute(session.prepare(table.insert(KEYSPACE)).bind(table.values(record, VelibTableRows.SYSTEM_ZONE)));
    }

    private void runReplay() throws Exception {
        List<String> args = new ArrayList<>(List.of(ReplayFixture.replayArgs(output)));
        args.set(args.indexOf("jsonl"), "cassandra;jsonl");
        args.addAll(List.of("--cassandra-contact-points", CONTACT_POINT, "--cassandra-keyspace", KEYSPACE));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(env, JobConfiguration.fromArgs(args.toArray(String[]::new)));
        env.execute("replay to cassandra");
    }
}
