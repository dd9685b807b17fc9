package org.velibstream.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Alertmanager run by {@code bin/alertmanager} on 127.0.0.1 ({@code -Dit.alertmanager.port}), with the
 * configuration the test gives, and what its v2 API and metrics say.
 */
public final class LocalAlertmanager implements AutoCloseable {

    private static final Path SCRIPT = Path.of("..", "bin", "alertmanager").toAbsolutePath();
    private static final Pattern RECEIVED =
            Pattern.compile("alertmanager_alerts_received_total\\{status=\"(\\w+)\",version=\"v2\"} (\\d+)");

    private final Path work;
    private final Path config;
    private final int port = Integer.getInteger("velib.it.alertmanager.port", 30193);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** Writes {@code configYaml} to the work folder {@code work}; {@link #start()} runs it. */
    public LocalAlertmanager(Path work, String configYaml) throws IOException {
        this.work = work.toAbsolutePath();
        Files.createDirectories(this.work);
        this.config = this.work.resolve("alertmanager.yml");
        Files.writeString(config, configYaml);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        run("start");
    }

    public void stop() throws IOException, InterruptedException {
        run("stop");
    }

    /** The alerts Alertmanager holds as active (not resolved, not expired). */
    public List<JsonNode> activeAlerts() throws IOException, InterruptedException {
        List<JsonNode> alerts = new ArrayList<>();
        json.readTree(get("/api/v2/alerts?active=true&silenced=true&inhibited=true"))
                .forEach(alerts::add);
        return alerts;
    }

    /** Alerts received since it started, by status (firing, resolved): its {@code alerts_received_total}. */
    public Map<String, Long> received() throws IOException, InterruptedException {
        Matcher matcher = RECEIVED.matcher(get("/metrics"));
        Map<String, Long> received = new java.util.TreeMap<>();
        while (matcher.find()) {
            received.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return received;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private void run(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), command).redirectErrorStream(true);
        builder.environment().put("VELIB_WORK", work.toString());
        builder.environment().put("ALERTMANAGER_PORT", String.valueOf(port));
        builder.environment().put("ALERTMANAGER_CONFIG", config.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("bin/alertmanager " + command + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
