package org.velibstream.job.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Grafana dashboard of {@code monitoring/grafana/dashboards}, checked on reading for what Grafana needs to load
 * it (uid, title, schemaVersion, panels whose data sources are provisioned), and its panels' queries.
 */
record Dashboard(String uid, String title, List<Query> queries) {

    static final String PROMETHEUS_TYPE = "prometheus";

    /** One target of one panel: PromQL ({@code expr}) or raw CQL ({@code target}). */
    record Query(String panel, String datasourceType, String text) {

        boolean isPromQl() {
            return datasourceType.equals(PROMETHEUS_TYPE);
        }

        /** Grafana's interval variables, as Grafana sets them for a range of hours and a 15 s scrape interval. */
        String promQl() {
            return text.replace("$__rate_interval", "1m").replace("$__interval", "15s");
        }

        /**
         * The query as Grafana sends it to the Cassandra data source: template variables substituted ({@code
         * ${name:singlequote}} as a list of quoted values), {@code ${__to:date:YYYY-MM-DD}} as the range's end day
         * in UTC, and the data source's macros {@code $__timeFrom}/{@code $__timeTo} as epoch milliseconds.
         */
        String cql(Map<String, List<String>> variables, Instant from, Instant to) {
            String cql = text.replace(
                            "${__to:date:YYYY-MM-DD}",
                            DateTimeFormatter.ISO_LOCAL_DATE
                                    .withZone(ZoneOffset.UTC)
                                    .format(to))
                    .replace(
                            "${__from:date:YYYY-MM-DD}",
                            DateTimeFormatter.ISO_LOCAL_DATE
                                    .withZone(ZoneOffset.UTC)
                                    .format(from))
                    .replace("$__timeFrom", String.valueOf(from.toEpochMilli()))
                    .replace("$__timeTo", String.valueOf(to.toEpochMilli()));
            Matcher matcher = VARIABLE.matcher(cql);
            StringBuilder substituted = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
                List<String> values = variables.get(name);
                assertThat(values)
                        .as("a value for variable %s of %s", name, panel)
                        .isNotNull();
                String format = matcher.group(2);
                String value = "singlequote".equals(format)
                        ? values.stream()
                                .map(v -> "'" + v.replace("'", "\\'") + "'")
                                .collect(Collectors.joining(","))
                        : String.join(",", values);
                matcher.appendReplacement(substituted, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(substituted);
            assertThat(substituted.toString()).as("every variable substituted").doesNotContain("$");
            return substituted.toString();
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(\\w+)");

    static List<Dashboard> readAll(Path grafana, ObjectMapper json) throws IOException {
        Map<String, String> datasourceTypes = provisionedDatasources(grafana);
        List<Dashboard> dashboards = new ArrayList<>();
        try (Stream<Path> files = Files.list(grafana.resolve("dashboards"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(read(file, json.readTree(file.toFile()), datasourceTypes));
            }
        }
        assertThat(dashboards.stream().map(Dashboard::uid)).as("dashboard uids").doesNotHaveDuplicates();
        return dashboards;
    }

    /** The provisioned data sources: uid to type. */
    static Map<String, String> provisionedDatasources(Path grafana) throws IOException {
        JsonNode provisioning = new ObjectMapper(new YAMLFactory())
                .readTree(grafana.resolve("provisioning/datasources/datasources.yaml")
                        .toFile());
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (JsonNode datasource : provisioning.path("datasources")) {
            types.put(datasource.path("uid").asText(), datasource.path("type").asText());
        }
        return types;
    }

    private static Dashboard read(Path file, JsonNode dashboard, Map<String, String> datasourceTypes) {
        String name = file.getFileName().toString();
        String uid = dashboard.path("uid").asText();
        String title = dashboard.path("title").asText();
        assertThat(uid)
                .as("uid of %s (at most 40 characters)", name)
                .isNotBlank()
                .hasSizeLessThanOrEqualTo(40);
        assertThat(title).as("title of %s", name).isNotBlank();
        assertThat(dashboard.path("schemaVersion").isInt())
                .as("schemaVersion of %s", name)
                .isTrue();
        assertThat(dashboard.path("panels").size()).as("panels of %s", name).isPositive();
        Set<Integer> panelIds = new HashSet<>();
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String panelTitle = panel.path("title").asText();
            assertThat(panelIds.add(panel.path("id").asInt(-1)))
                    .as("a unique id for panel %s of %s", panelTitle, name)
                    .isTrue();
            assertThat(panel.path("type").asText())
                    .as("type of panel %s", panelTitle)
                    .isNotBlank();
            assertThat(panel.path("gridPos").path("w").asInt())
                    .as("gridPos of panel %s", panelTitle)
                    .isPositive();
            JsonNode panelSource = panel.path("datasource");
            assertProvisioned(panelSource, datasourceTypes, panelTitle);
            assertThat(panel.path("targets").size())
                    .as("targets of panel %s", panelTitle)
                    .isPositive();
            for (JsonNode target : panel.path("targets")) {
                JsonNode source = target.has("datasource") ? target.path("datasource") : panelSource;
                String type = assertProvisioned(source, datasourceTypes, panelTitle);
                String text = type.equals(PROMETHEUS_TYPE)
                        ? target.path("expr").asText()
                        : target.path("target").asText();
                assertThat(text)
                        .as("the query of panel %s of %s", panelTitle, name)
                        .isNotBlank();
                queries.add(new Query(panelTitle, type, text));
            }
        }
        return new Dashboard(uid, title, queries);
    }

    private static String assertProvisioned(JsonNode source, Map<String, String> datasourceTypes, String panel) {
        String uid = source.path("uid").asText();
        assertThat(datasourceTypes).as("the data source of panel %s", panel).containsKey(uid);
        assertThat(source.path("type").asText())
                .as("the data source type of panel %s", panel)
                .isEqualTo(datasourceTypes.get(uid));
        return datasourceTypes.get(uid);
    }
}
