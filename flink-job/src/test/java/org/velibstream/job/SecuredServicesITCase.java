package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.io.cassandra.VelibTable;
import org.velibstream.job.io.cassandra.VelibTableRows;
import org.velibstream.job.io.cassandra.VelibTables;
import org.velibstream.job.stack.LocalStack;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.Polling;
import org.velibstream.job.testing.StationTables;
import org.velibstream.job.testing.TestFiles;
import org.velibstream.sink.cassandra.CassandraConnectionOptions;
import org.velibstream.sink.cassandra.CassandraCredentials;
import org.velibstream.sink.cassandra.CassandraSessionFactory;
import org.velibstream.sink.cassandra.CassandraTlsOptions;
import org.velibstream.sink.json.JsonCodec;

/**
 * The job, run as a user runs it ({@code java -jar}, secrets in environment variables and files), against a Kafka
 * broker that takes clients only over SASL_SSL (SCRAM-SHA-512, self-signed certificate) and a Cassandra node with
 * PasswordAuthenticator behind TLS; both are started here with {@code bin/kafka} and {@code bin/cassandra}. With the
 * right secrets the statistics reach both; with a wrong password or an untrusted certificate the job stops before it
 * is submitted, with one message; and no secret shows in the web UI's REST API or in the job's log.
 *
 * <p>Ports: {@code velib.it.secured.base.port} (27000 by default, {@code -Dit.secured.base.port} in Maven) plus fixed
 * offsets, clear of the other integration tests' 30xxx, 29xxx and 28xxx.
 */
class SecuredServicesITCase {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path JAR = MODULE.resolve("target/velib-stream-job.jar");
    private static final Path WORK = MODULE.resolve("target/secured-services");
    private static final Path LOG4J_CONFIG = testResource("secured-job-log4j2.properties");

    private static final int BASE_PORT = Integer.getInteger("velib.it.secured.base.port", 27000);
    private static final int KAFKA_PLAINTEXT_PORT = BASE_PORT + 92;
    private static final int KAFKA_SASL_SSL_PORT = BASE_PORT + 94;
    private static final int CASSANDRA_PORT = BASE_PORT + 42;
    private static final int WEB_UI_PORT = BASE_PORT + 81;
    private static final String KAFKA_BOOTSTRAP = "127.0.0.1:" + KAFKA_SASL_SSL_PORT;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String KAFKA_USER = "velib";
    private static final String KAFKA_PASSWORD = "kafka-secret-" + UUID.randomUUID();
    private static final String CASSANDRA_USER = "velib_job";
    private static final String CASSANDRA_PASSWORD = "cassandra-secret-" + UUID.randomUUID();
    private static final CassandraCredentials CASSANDRA_SUPERUSER = new CassandraCredentials("cassandra", "cassandra");
    private static final String KEYSPACE = "velib_secured";
    private static final String RAW_TOPIC = "raw-" + RUN;
    private static final String STATS_TOPIC = "stats-" + RUN;
    private static final Duration FAIL_FAST_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(3);

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");
    /** What the raw records below give once the watermark (the last record's time minus 30 s) passes 08:04. */
    private static final List<AreaStats> EXPECTED_STATS = List.of(
            new AreaStats(
                    "velib", AreaKind.POSTAL_CODE, "75016", T0, T0.plusSeconds(60), 1, 5, 3, 2, 30, 35, 0, 0, 0, 0),
            new AreaStats(
                    "velib", AreaKind.POSTAL_CODE, "93200", T0, T0.plusSeconds(60), 1, 10, 4, 6, 12, 22, 0, 0, 0, 0),
            new AreaStats(
                    "velib",
                    AreaKind.POSTAL_CODE,
                    "75016",
                    T0.plusSeconds(60),
                    T0.plusSeconds(120),
                    1,
                    4,
                    2,
                    2,
                    31,
                    35,
                    0,
                    0,
                    0,
                    0),
            new AreaStats(
                    "velib",
                    AreaKind.POSTAL_CODE,
                    "75016",
                    T0.plusSeconds(180),
                    T0.plusSeconds(240),
                    1,
                    6,
                    3,
                    3,
                    29,
                    35,
                    0,
                    0,
                    0,
                    0));

    private static final ObjectMapper JSON = JsonCodec.newMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalStack servers;
    private static Thread stopOnExit;
    private static Path kafkaPasswordFile;

    @BeforeAll
    static void startSecuredServers() throws Exception {
        assertThat(JAR).as("the job jar, built by the package phase").isRegularFile();
        Files.createDirectories(WORK.resolve("secrets"));
        kafkaPasswordFile = Files.writeString(WORK.resolve("secrets/kafka.password"), KAFKA_PASSWORD + "\n");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("VELIB_WORK", WORK.toString());
        environment.put("KAFKA_PORT", String.valueOf(KAFKA_PLAINTEXT_PORT));
        environment.put("KAFKA_CONTROLLER_PORT", String.valueOf(BASE_PORT + 93));
        environment.put("KAFKA_SASL_SSL_PORT", String.valueOf(KAFKA_SASL_SSL_PORT));
        environment.put("KAFKA_SCRAM_USER", KAFKA_USER);
        environment.put("KAFKA_SCRAM_PASSWORD_FILE", kafkaPasswordFile.toString());
        environment.put("CASSANDRA_PORT", String.valueOf(CASSANDRA_PORT));
        environment.put("CASSANDRA_STORAGE_PORT", String.valueOf(BASE_PORT + 70));
        environment.put("CASSANDRA_JMX_PORT", String.valueOf(BASE_PORT + 71));
        environment.put("CASSANDRA_AUTH", "password");
        environment.put("CASSANDRA_TLS", "on");
        servers = new LocalStack(MODULE.getParent(), environment, WORK.resolve("servers.log"));
        // The SCRAM user is added when Kafka formats its folder, and the role below must be new: fresh data each run.
        stopServers();
        TestFiles.deleteRecursively(WORK.resolve("kafka/data"));
        TestFiles.deleteRecursively(WORK.resolve("cassandra/data"));
        stopOnExit = new Thread(SecuredServicesITCase::stopServers, "secured-services-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);

        servers.run(Duration.ofMinutes(3), "kafka", "start");
        servers.run(Duration.ofMinutes(4), "cassandra", "start");
        createJobRole();
        produceRawRecords();
    }

    @AfterAll
    static void stopSecuredServers() {
        if (stopOnExit != null) {
            stopServers();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
    }

    @Test
    void withTheRightSecretsStatisticsReachKafkaAndCassandraAndNoSecretLeaks() throws Exception {
        Path console = WORK.resolve("job-console.log");
        Path log = WORK.resolve("job.log");
        Files.deleteIfExists(log);
        Process job = startJob(jobOptions(), rightSecrets(), console, log);
        try {
            String jobId = awaitRunningJob(job, console);

            assertThat(readCommittedStats()).containsExactlyInAnyOrderElementsOf(EXPECTED_STATS);
            try (CqlSession session = CassandraSessionFactory.open(cassandra(CASSANDRA_USER, CASSANDRA_PASSWORD))) {
                VelibTable<AreaStats> table = VelibTables.AREA_STATS;
                Polling.await(
                        "4 rows in " + KEYSPACE + "." + table.name(),
                        RESULT_TIMEOUT,
                        () -> VelibTableRows.read(session, KEYSPACE, table).size() == 4);
                assertThat(VelibTableRows.read(session, KEYSPACE, table))
                        .containsExactlyInAnyOrderElementsOf(VelibTableRows.expected(table, EXPECTED_STATS));
            }

            for (String path : List.of(
                    "/jobs/" + jobId + "/config",
                    "/jobs/" + jobId + "/jobmanager/config",
                    "/jobmanager/config",
                    "/jobs/" + jobId,
                    "/jobs/" + jobId + "/exceptions",
                    "/taskmanagers")) {
                String body = get(path);
                assertThat(body).as("GET %s", path).isNotBlank();
                assertNoSecretIn("GET " + path, body);
            }
            assertThat(get("/jobs/" + jobId + "/config"))
                    .as("the job's configuration page")
                    .contains("execution-config");

            HttpResponse<String> cancel = HTTP.send(
                    HttpRequest.newBuilder(webUi("/jobs/" + jobId + "?mode=cancel"))
                            .method("PATCH", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cancel.statusCode()).as("cancel: %s", cancel.body()).isEqualTo(202);
            assertThat(job.waitFor(2, TimeUnit.MINUTES))
                    .as("java -jar ends once its job is cancelled")
                    .isTrue();
        } finally {
            job.destroyForcibly().waitFor();
        }

        String jobLog = Files.readString(log);
        assertThat(jobLog)
                .as("the job's log holds the Kafka clients' settings, passwords hidden")
                .contains("sasl.jaas.config = [hidden]")
                .contains("ssl.truststore.password = [hidden]");
        assertNoSecretIn("the job's log " + log, jobLog);
        assertNoSecretIn("the job's console output " + console, Files.readString(console));
    }

    @Test
    void aWrongKafkaPasswordStopsTheJobBeforeSubmissionSayingWhatToCheck() throws Exception {
        Map<String, String> secrets = rightSecrets();
        secrets.remove("VELIB_KAFKA_SASL_PASSWORD_FILE");
        secrets.put("VELIB_KAFKA_SASL_PASSWORD", "not-the-kafka-password");

        String output = runUntilItFails(jobOptions(), secrets);

        assertThat(output)
                .contains("velib-stream: Kafka rejected the SASL credentials of user velib (SCRAM-SHA-512) at "
                        + KAFKA_BOOTSTRAP + ": Authentication failed during authentication due to invalid credentials "
                        + "with SASL mechanism SCRAM-SHA-512")
                .contains(
                        "Check --kafka-sasl-username, --kafka-sasl-mechanism and the password in VELIB_KAFKA_SASL_PASSWORD")
                .doesNotContain("not-the-kafka-password");
    }

    @Test
    void aWrongCassandraPasswordStopsTheJobBeforeSubmissionSayingWhatToCheck() throws Exception {
        Map<String, String> secrets = rightSecrets();
        secrets.put("VELIB_CASSANDRA_PASSWORD", "not-the-cassandra-password");

        String output = runUntilItFails(jobOptions(), secrets);

        assertThat(output)
                .contains("velib-stream: Could not open a Cassandra session to [127.0.0.1:" + CASSANDRA_PORT + "]")
                .contains("Provided username " + CASSANDRA_USER + " and/or password are incorrect")
                .contains("Check the sink's Cassandra username and password.")
                .doesNotContain("not-the-cassandra-password");
    }

    @Test
    void anUntrustedKafkaCertificateStopsTheJobNamingTheTruststore() throws Exception {
        // The Cassandra node's self-signed certificate is not the broker's.
        Map<String, String> options = jobOptions();
        options.put("kafka-truststore", cassandraTls().truststorePath());
        Map<String, String> secrets = rightSecrets();
        secrets.put(
                "VELIB_KAFKA_TRUSTSTORE_PASSWORD_FILE",
                WORK.resolve("cassandra/tls/store.password").toString());

        String output = runUntilItFails(options, secrets);

        assertThat(output)
                .contains("velib-stream: The TLS handshake with Kafka at " + KAFKA_BOOTSTRAP
                        + " failed: SSL handshake failed " + "(PKIX path")
                .contains("Check that the truststore " + cassandraTls().truststorePath()
                        + " holds the CA of the brokers' certificates");
    }

    @Test
    void anUntrustedCassandraCertificateStopsTheJobSayingWhatToCheck() throws Exception {
        Map<String, String> options = jobOptions();
        options.put(
                "cassandra-truststore", WORK.resolve("kafka/tls/truststore.p12").toString());
        Map<String, String> secrets = rightSecrets();
        secrets.put(
                "VELIB_CASSANDRA_TRUSTSTORE_PASSWORD_FILE",
                WORK.resolve("kafka/tls/store.password").toString());

        String output = runUntilItFails(options, secrets);

        assertThat(output)
                .contains("velib-stream: Could not open a Cassandra session to [127.0.0.1:" + CASSANDRA_PORT + "]")
                .contains("TLS handshake failed: PKIX path")
                .contains("Check that the TLS truststore holds the CA of the nodes' certificates");
    }

    /** The options of a job reading the raw topic over SASL_SSL and writing to Kafka and Cassandra; no secret. */
    private static Map<String, String> jobOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("source", "kafka");
        // The raw topic carries no station_information: the table places the stations.
        options.put("stations", StationTables.DATA_TABLE.toString());
        options.put("kafka-bootstrap", KAFKA_BOOTSTRAP);
        options.put("kafka-sasl-username", KAFKA_USER);
        options.put("kafka-truststore", WORK.resolve("kafka/tls/truststore.p12").toString());
        options.put("raw-topic", RAW_TOPIC);
        options.put("kafka-group-id", "secured-" + RUN);
        options.put("sink", "kafka;cassandra");
        options.put("stats-topic", STATS_TOPIC);
        options.put("alerts-topic", "alerts-" + RUN);
        options.put("deadletter-topic", "deadletter-" + RUN);
        options.put("topic-partitions", "1");
        options.put("transactional-id-prefix", "secured-" + RUN);
        options.put("transaction-timeout", "1 min");
        options.put("cassandra-contact-points", "127.0.0.1:" + CASSANDRA_PORT);
        options.put("cassandra-username", CASSANDRA_USER);
        options.put("cassandra-truststore", cassandraTls().truststorePath());
        options.put("cassandra-keyspace", KEYSPACE);
        options.put("checkpoint-interval", "2 s");
        options.put("parallelism", "1");
        options.put("web-ui-port", String.valueOf(WEB_UI_PORT));
        return options;
    }

    /** Secrets as an operator passes them: one password in a variable, the others in files named by variables. */
    private static Map<String, String> rightSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("VELIB_KAFKA_SASL_PASSWORD_FILE", kafkaPasswordFile.toString());
        secrets.put(
                "VELIB_KAFKA_TRUSTSTORE_PASSWORD_FILE",
                WORK.resolve("kafka/tls/store.password").toString());
        secrets.put("VELIB_CASSANDRA_PASSWORD", CASSANDRA_PASSWORD);
        secrets.put(
                "VELIB_CASSANDRA_TRUSTSTORE_PASSWORD_FILE",
                WORK.resolve("cassandra/tls/store.password").toString());
        return secrets;
    }

    private static Process startJob(Map<String, String> options, Map<String, String> secrets, Path console, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dlog4j2.configurationFile=" + LOG4J_CONFIG,
                "-Dvelib.log.file=" + log,
                "-jar",
                JAR.toString()));
        options.forEach((name, value) -> command.addAll(List.of("--" + name, value)));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("VELIB_"));
        builder.environment().putAll(secrets);
        return builder.start();
    }

    /** Runs the job, expects it to exit 1 before it starts running, and returns what it printed. */
    private static String runUntilItFails(Map<String, String> options, Map<String, String> secrets) throws Exception {
        Path console = Files.createTempFile(WORK, "failing-job", ".log");
        long started = System.nanoTime();
        Process job = startJob(options, secrets, console, WORK.resolve("failing-job.log"));
        boolean exited = job.waitFor(FAIL_FAST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        job.destroyForcibly().waitFor();
        String output = Files.readString(console);
        System.out.printf(
                "%s: exit %s after %.1f s%n",
                console.getFileName(), exited ? job.exitValue() : "none", (System.nanoTime() - started) / 1e9);
        assertThat(exited)
                .as("the job gives up by itself, without retrying; output:%n%s", output)
                .isTrue();
        assertThat(job.exitValue()).as("exit code; output:%n%s", output).isEqualTo(1);
        assertNoSecretIn("the failing job's output", output);
        return output;
    }

    private static String awaitRunningJob(Process job, Path console) throws Exception {
        String[] jobId = new String[1];
        Polling.await("a RUNNING job in the web UI of java -jar", RESULT_TIMEOUT, () -> {
            if (!job.isAlive()) {
                throw new AssertionError("java -jar exited with " + job.exitValue() + ":\n" + readQuietly(console));
            }
            try {
                for (JsonNode listed : JSON.readTree(get("/jobs")).path("jobs")) {
                    if (listed.path("status").asText().equals("RUNNING")) {
                        jobId[0] = listed.path("id").asText();
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        return jobId[0];
    }

    private static List<AreaStats> readCommittedStats() throws IOException {
        Properties config = kafkaClient();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<AreaStats> stats = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(STATS_TOPIC));
            long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    stats.add(JSON.readValue(record.value(), AreaStats.class));
                }
                if (stats.size() >= EXPECTED_STATS.size() && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return stats;
    }

    private static void produceRawRecords() throws Exception {
        try (Admin admin = Admin.create(kafkaClient())) {
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, 1, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        Properties config = kafkaClient();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            send(producer, 10, KafkaPipelineITCase.entry(213688169L, "16107", 5, 3, 2, 30, 5));
            send(producer, 20, KafkaPipelineITCase.entry(2515829865L, "32017", 10, 4, 6, 12, 15));
            send(producer, 70, KafkaPipelineITCase.entry(213688169L, "16107", 4, 2, 2, 31, 65));
            send(producer, 200, KafkaPipelineITCase.entry(213688169L, "16107", 6, 3, 3, 29, 195));
            send(producer, 300, KafkaPipelineITCase.entry(2515829865L, "32017", 9, 4, 5, 13, 295));
        }
    }

    private static void send(KafkaProducer<String, String> producer, long secondsAfterT0, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        RAW_TOPIC, null, T0.plusSeconds(secondsAfterT0).toEpochMilli(), null, value))
                .get(60, TimeUnit.SECONDS);
    }

    /** The test's own Kafka clients: the same SASL_SSL login as the job's, written out by hand. */
    private static Properties kafkaClient() {
        Properties config = new Properties();
        config.put("bootstrap.servers", KAFKA_BOOTSTRAP);
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + KAFKA_USER
                        + "\" password=\"" + KAFKA_PASSWORD + "\";");
        config.put("ssl.truststore.type", "PKCS12");
        config.put(
                "ssl.truststore.location",
                WORK.resolve("kafka/tls/truststore.p12").toString());
        config.put("ssl.truststore.password", storePassword("kafka"));
        return config;
    }

    /** A login role for the job, so that its password is one no other log line could hold by chance. */
    private static void createJobRole() throws Exception {
        try (CqlSession session = CassandraSessionFactory.open(
                cassandra(CASSANDRA_SUPERUSER.username(), CASSANDRA_SUPERUSER.password()))) {
            session.execute(
                    "CREATE ROLE " + CASSANDRA_USER + " WITH PASSWORD = '" + CASSANDRA_PASSWORD + "' AND LOGIN = true");
            session.execute("GRANT ALL PERMISSIONS ON ALL KEYSPACES TO " + CASSANDRA_USER);
        }
    }

    private static CassandraConnectionOptions cassandra(String username, String password) {
        return new CassandraConnectionOptions(
                List.of("127.0.0.1:" + CASSANDRA_PORT),
                "datacenter1",
                null,
                new CassandraCredentials(username, password),
                cassandraTls());
    }

    private static CassandraTlsOptions cassandraTls() {
        return new CassandraTlsOptions(
                WORK.resolve("cassandra/tls/truststore.p12").toString(), storePassword("cassandra"), true);
    }

    private static String storePassword(String server) {
        return readQuietly(WORK.resolve(server + "/tls/store.password")).strip();
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret :
                List.of(KAFKA_PASSWORD, CASSANDRA_PASSWORD, storePassword("kafka"), storePassword("cassandra"))) {
            assertThat(text.contains(secret))
                    .as("%s holds a secret (%s...)", where, secret.substring(0, 3))
                    .isFalse();
        }
    }

    private static String get(String path) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(webUi(path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static URI webUi(String path) {
        return URI.create("http://127.0.0.1:" + WEB_UI_PORT + path);
    }

    private static void stopServers() {
        for (String server : List.of("cassandra", "kafka")) {
            try {
                servers.run(Duration.ofMinutes(2), server, "stop");
            } catch (Exception e) {
                System.err.println("Could not stop " + server + ": " + e.getMessage());
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static Path testResource(String name) {
        try {
            return Path.of(SecuredServicesITCase.class
                    .getClassLoader()
                    .getResource(name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
