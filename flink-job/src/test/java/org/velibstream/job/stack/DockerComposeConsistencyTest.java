package org.velibstream.job.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.velibstream.job.settings.CassandraOptions;
import org.velibstream.job.settings.KafkaOptions;
import org.velibstream.job.settings.RuntimeOptions;
import org.w3c.dom.Document;

/**
 * docker-compose.yaml cannot run here (no Docker engine), so this reads it, with flink-conf/config.yaml, the
 * monitoring configuration, the job's option defaults and the build, and checks they agree: image versions, ports,
 * topic names, mounted paths, the jar the build produces, the Prometheus reporter's port.
 */
class DockerComposeConsistencyTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode services;
    private static JsonNode flinkConfig;
    private static Properties brokerEnvironment;
    private static String submitScript;

    @BeforeAll
    static void readFiles() throws IOException {
        services = YAML.readTree(REPOSITORY.resolve("docker-compose.yaml").toFile())
                .path("services");
        flinkConfig = YAML.readTree(REPOSITORY.resolve("flink-conf/config.yaml").toFile());
        brokerEnvironment = new Properties();
        try (Reader reader = Files.newBufferedReader(
                REPOSITORY.resolve(services.path("kafka-1").path("env_file").asText()))) {
            brokerEnvironment.load(reader);
        }
        submitScript = services.path("job-submitter").path("command").path(0).asText();
    }

    @Test
    void imagesArePinnedToTheVersionsTheBuildAndTheLocalStackUse() throws Exception {
        Document parent = xml(REPOSITORY.resolve("pom.xml"));
        services.properties()
                .forEach(service -> assertThat(service.getValue().path("image").asText())
                        .as("image of %s", service.getKey())
                        .matches("[a-z0-9./-]+:[^:]*\\d[^:]*")
                        .doesNotEndWith(":latest"));
        for (String flink : List.of("jobmanager", "taskmanager", "job-submitter")) {
            assertThat(image(flink)).isEqualTo("flink:" + property(parent, "flink.version") + "-scala_2.12-java17");
        }
        for (String kafka : List.of("kafka-1", "kafka-2", "kafka-3", "kafka-topics")) {
            assertThat(image(kafka)).isEqualTo("apache/kafka:" + property(parent, "kafka.server.version"));
        }
        assertThat(image("cassandra")).isEqualTo("cassandra:" + property(parent, "cassandra.server.version"));
    }

    @Test
    void everyMountedPathIsInTheRepositoryOrIsTheJarTheBuildProduces() throws Exception {
        String jar = "flink-job/target/"
                + xpath(xml(REPOSITORY.resolve("flink-job/pom.xml")), "/project/build/finalName") + ".jar";
        List<String> bindMounts = new ArrayList<>();
        services.forEach(service -> service.path("volumes").forEach(volume -> {
            if (volume.asText().startsWith("./")) {
                bindMounts.add(volume.asText());
            }
        }));
        assertThat(bindMounts).isNotEmpty();
        for (String mount : bindMounts) {
            String source = mount.split(":")[0].substring(2);
            if (source.endsWith(".jar")) {
                assertThat(source).as("the job jar mounted by %s", mount).isEqualTo(jar);
            } else {
                assertThat(REPOSITORY.resolve(source)).as("source of %s", mount).exists();
            }
        }
        assertThat(services.path("job-submitter").path("volumes").toString()).contains("./" + jar + ":");
    }

    @Test
    void submitterRunsTheMountedJarOnTheJobManagersRestPort() {
        String jarInContainer = mountTarget("job-submitter", ".jar");
        int restPort = flinkConfig.path("rest.port").asInt();

        assertThat(submitScript).contains("flink run -d -m jobmanager:" + restPort + " " + jarInContainer + " ");
        assertThat(restPort).isEqualTo(RuntimeOptions.WEB_UI_PORT.defaultValue());
        assertThat(services.path("jobmanager").path("ports").path(0).asText())
                .endsWith(":" + restPort + ":" + restPort);
    }

    @Test
    void topicsAreTheJobsDefaultsReplicatedThreeTimes() {
        Matcher loop = Pattern.compile("for topic in ([^;]+);")
                .matcher(services.path("kafka-topics").path("command").path(0).asText());
        assertThat(loop.find())
                .as("kafka-topics creates its topics in a for loop")
                .isTrue();

        assertThat(Set.of(loop.group(1).trim().split("\\s+")))
                .containsExactlyInAnyOrder(
                        KafkaOptions.RAW_TOPIC.defaultValue(), KafkaOptions.STATS_TOPIC.defaultValue(),
                        KafkaOptions.ALERTS_TOPIC.defaultValue(), KafkaOptions.DEADLETTER_TOPIC.defaultValue());
        assertThat(services.path("kafka-topics").path("command").path(0).asText())
                .contains("--replication-factor 3")
                .contains("--config min.insync.replicas=2");
        assertThat(brokerEnvironment)
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
        assertThat(option(submitScript, "topic-replication")).isEqualTo("3");
    }

    @Test
    void jobBootstrapListsEveryBrokersInternalListenerAndTheFirstBrokerIsWhereTheDefaultPoints() {
        Set<String> advertisedInternal = new HashSet<>();
        Map<String, String> external = new HashMap<>();
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            for (String listener : services.path(broker)
                    .path("environment")
                    .path("KAFKA_ADVERTISED_LISTENERS")
                    .asText()
                    .split(",")) {
                String[] nameAndAddress = listener.split("://");
                if (nameAndAddress[0].equals(brokerEnvironment.getProperty("KAFKA_INTER_BROKER_LISTENER_NAME"))) {
                    advertisedInternal.add(nameAndAddress[1]);
                } else if (nameAndAddress[0].equals("EXTERNAL")) {
                    external.put(broker, nameAndAddress[1]);
                }
            }
            assertThat(brokerEnvironment.getProperty("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .contains(broker + ":9093");
        }

        assertThat(Set.of(option(submitScript, "kafka-bootstrap").split(",")))
                .isEqualTo(advertisedInternal)
                .hasSize(3);
        // A job or console started on the host with the default bootstrap reaches the first broker.
        String defaultPort = KafkaOptions.KAFKA_BOOTSTRAP.defaultValue().split(":")[1];
        assertThat(external.get("kafka-1")).isEqualTo("localhost:" + defaultPort);
        assertThat(services.path("kafka-1").path("ports").path(0).asText())
                .isEqualTo("127.0.0.1:" + defaultPort + ":" + defaultPort);
    }

    @Test
    void jobWritesToTheCassandraServiceOnThePortOfTheDefault() {
        String defaultPort =
                CassandraOptions.CASSANDRA_CONTACT_POINTS.defaultValue().get(0).split(":")[1];

        assertThat(option(submitScript, "cassandra-contact-points")).isEqualTo("cassandra:" + defaultPort);
        assertThat(services.path("cassandra").path("ports").path(0).asText())
                .isEqualTo("127.0.0.1:" + defaultPort + ":" + defaultPort);
        assertThat(option(submitScript, "sink")).isEqualTo("'kafka;cassandra'");
    }

    @Test
    void jobPostsItsAlertsToTheAlertmanagerServiceWithTheRoutesExample() {
        assertThat(option(submitScript, "alertmanager-url")).isEqualTo("http://alertmanager:9093");
        assertThat(services.path("alertmanager").path("ports").path(0).asText()).isEqualTo("127.0.0.1:9093:9093");
        assertThat(mountTarget("alertmanager", "monitoring/alertmanager/alertmanager.yml"))
                .isEqualTo(services.path("alertmanager")
                        .path("command")
                        .path(0)
                        .asText()
                        .replace("--config.file=", ""));
    }

    @Test
    void grafanaHasNoDefaultAdminPassword() {
        assertThat(services.path("grafana")
                        .path("environment")
                        .path("GF_SECURITY_ADMIN_PASSWORD")
                        .asText())
                .as("a required variable (${NAME:?message}), never a default")
                .startsWith("${GRAFANA_ADMIN_PASSWORD:?")
                .doesNotContain(":-");
    }

    @Test
    void prometheusScrapesEachFlinkContainerOnTheReportersPort() throws IOException {
        String reporterPort =
                flinkConfig.path("metrics.reporter.prom.port").asText().split("-")[0];
        JsonNode prometheus = YAML.readTree(
                REPOSITORY.resolve("monitoring/prometheus/prometheus.yml").toFile());

        assertThat(flinkConfig.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(prometheus.path("scrape_configs").findValues("targets").stream()
                        .flatMap(targets -> stream(targets).stream())
                        .toList())
                .containsExactly("jobmanager:" + reporterPort);
        assertThat(prometheus.path("alerting").findValues("targets").stream()
                        .flatMap(targets -> stream(targets).stream())
                        .toList())
                .as("the health rules fire to the compose Alertmanager")
                .containsExactly("alertmanager:9093");
        JsonNode taskManagers = prometheus.findValue("dns_sd_configs").path(0);
        assertThat(stream(taskManagers.path("names"))).containsExactly("taskmanager");
        assertThat(taskManagers.path("port").asText()).isEqualTo(reporterPort);
        assertThat(mountTarget("prometheus", "prometheus.yml"))
                .isEqualTo(services.path("prometheus")
                        .path("command")
                        .path(0)
                        .asText()
                        .replace("--config.file=", ""));
    }

    @Test
    void checkpointingAgreesWithTheJobAndGoesToTheVolumeBothFlinkContainersShare() {
        assertThat(TimeUtils.parseDuration(
                        flinkConfig.path("execution.checkpointing.interval").asText()))
                .isEqualTo(RuntimeOptions.CHECKPOINT_INTERVAL.defaultValue());
        assertThat(flinkConfig.path("execution.checkpointing.mode").asText()).isEqualTo("EXACTLY_ONCE");
        assertThat(flinkConfig
                        .path("execution.checkpointing.externalized-checkpoint-retention")
                        .asText())
                .isEqualTo("RETAIN_ON_CANCELLATION");
        // RocksDB: the flink image has it in flink-dist, bin/flink-cluster in bin/servers/flink/pom.xml.
        assertThat(flinkConfig.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(flinkConfig.path("execution.checkpointing.incremental").asBoolean())
                .isTrue();
        assertThat(flinkConfig.path("restart-strategy.type").asText()).isEqualTo("exponential-delay");
        // Left to the launchers: bin/flink-cluster and FLINK_PROPERTIES below.
        assertThat(flinkConfig.has("execution.checkpointing.dir")).isFalse();

        for (String flink : List.of("jobmanager", "taskmanager")) {
            Properties properties = flinkProperties(flink);
            String stateVolume = mountTarget(flink, "flink-state");
            assertThat(properties.getProperty("execution.checkpointing.dir")).startsWith("file://" + stateVolume + "/");
            assertThat(properties.getProperty("execution.checkpointing.savepoint-dir"))
                    .startsWith("file://" + stateVolume + "/");
        }
        assertThat(flinkProperties("jobmanager").getProperty("execution.checkpointing.dir"))
                .isEqualTo(flinkProperties("taskmanager").getProperty("execution.checkpointing.dir"));
    }

    @Test
    void grafanaDashboardsUseTheProvisionedDatasources() throws IOException {
        JsonNode datasources = YAML.readTree(REPOSITORY
                .resolve("monitoring/grafana/provisioning/datasources/datasources.yaml")
                .toFile());
        Set<String> provisioned = new HashSet<>(datasources.path("datasources").findValuesAsText("uid"));
        ObjectMapper json = JsonMapper.builder().build();
        List<Path> dashboards;
        try (var files = Files.list(REPOSITORY.resolve("monitoring/grafana/dashboards"))) {
            dashboards = files.filter(file -> file.toString().endsWith(".json")).toList();
        }

        assertThat(dashboards).hasSize(2);
        for (Path dashboard : dashboards) {
            List<String> used = json.readTree(dashboard.toFile()).findValues("datasource").stream()
                    .map(datasource -> datasource.path("uid").asText())
                    .toList();
            assertThat(used)
                    .as("data sources of %s", dashboard.getFileName())
                    .isNotEmpty()
                    .allMatch(provisioned::contains);
        }
    }

    // ---- helpers

    private static String image(String service) {
        return services.path(service).path("image").asText();
    }

    /** Where the volume of {@code service} whose source contains {@code source} is mounted in the container. */
    private static String mountTarget(String service, String source) {
        for (JsonNode volume : services.path(service).path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].contains(source)) {
                return parts[1];
            }
        }
        throw new AssertionError(service + " mounts nothing from " + source);
    }

    /** The value of {@code --name value} in a shell command line. */
    private static String option(String commandLine, String name) {
        Matcher value = Pattern.compile("--" + Pattern.quote(name) + " (\\S+)").matcher(commandLine);
        assertThat(value.find()).as("--%s in:%n%s", name, commandLine).isTrue();
        return value.group(1);
    }

    private static Properties flinkProperties(String service) {
        Properties properties = new Properties();
        for (String line : services.path(service)
                .path("environment")
                .path("FLINK_PROPERTIES")
                .asText()
                .split("\n")) {
            if (!line.isBlank()) {
                String[] keyValue = line.split(":", 2);
                properties.setProperty(keyValue[0].trim(), keyValue[1].trim());
            }
        }
        return properties;
    }

    private static List<String> stream(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String property(Document pom, String name) throws Exception {
        return xpath(pom, "/project/properties/" + name);
    }

    private static String xpath(Document document, String expression) throws Exception {
        String value = XPathFactory.newInstance().newXPath().evaluate(expression, document);
        assertThat(value).as(expression).isNotBlank();
        return value.trim();
    }
}
