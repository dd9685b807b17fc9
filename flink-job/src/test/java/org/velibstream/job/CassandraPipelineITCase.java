package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.PostalCodeStats;
import org.velibstream.job.testing.MiniClusters;

/**
 * The job writing statistics and alerts to a real Cassandra node (started by the build on 127.0.0.1): every table
 * holds exactly the replay's rows, and replaying the same input again leaves the same rows.
 */
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
    void everyTableHoldsExactlyTheReplaysRowsAndAReplayRewritesThem() throws Exception {
        runReplay();
        assertTablesHoldTheReplay();

        runReplay();
        assertTablesHoldTheReplay();
    }

    private void assertTablesHoldTheReplay() {
        List<PostalCodeStats> stats = new ArrayList<>();
        for (Row row : session.execute("SELECT * FROM " + KEYSPACE + ".postal_code_stats")) {
            assertThat(row.getString("day")).isEqualTo("2024-11-19");
            stats.add(stats(row));
        }
        assertThat(stats).as("postal_code_stats").containsExactlyInAnyOrderElementsOf(ReplayFixture.EXPECTED_STATS);

        List<Row> byStation =
                session.execute("SELECT * FROM " + KEYSPACE + ".station_alerts").all();
        assertThat(byStation).as("station_alerts").hasSize(1);
        assertThat(byStation.get(0).getString("station_code")).isEqualTo("32017");
        assertThat(byStation.get(0).getString("type")).isEqualTo("SUDDEN_DROP");
        assertThat(byStation.get(0).getString("state")).isEqualTo("OPEN");

        List<Row> today = session.execute(
                        "SELECT * FROM " + KEYSPACE + ".alerts_by_day WHERE day = '2024-11-19' AND state = 'OPEN'")
                .all();
        assertThat(today).as("open alerts of the day").hasSize(1);
        assertThat(today.get(0).getString("postal_code")).isEqualTo("93200");
    }

    /** A row of {@code postal_code_stats} as the job's record. */
    static PostalCodeStats stats(Row row) {
        return new PostalCodeStats(
                row.getString("system_id"),
                row.getString("postal_code"),
                row.getInstant("window_start"),
                row.getInstant("window_end"),
                row.getInt("stations"),
                row.getInt("bikes"),
                row.getInt("mechanical"),
                row.getInt("ebike"),
                row.getInt("docks"),
                row.getInt("capacity"),
                row.getInt("empty_stations"),
                row.getInt("full_stations"),
                row.getInt("out_of_service_stations"));
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
