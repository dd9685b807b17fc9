package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.velibstream.gbfs.GbfsDiscovery;

/**
 * The packaged server as bin/gbfs-replay runs it: {@code java -jar target/gbfs-replay.jar --simulate ...} in a process
 * of its own, with nothing but the jar on its class path, serves gbfs.json and station_status over HTTP; and the jar
 * holds no Flink class.
 */
class GbfsReplayJarITCase {

    private static final Path JAR = Path.of(System.getProperty("velib.it.gbfs-replay.jar", "target/gbfs-replay.jar"));
    private static final Path STATIONS_CSV = SimulationFixtures.STATIONS_CSV;
    private static final String READY = "GBFS replay server ready";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theJarHoldsNoFlinkClass() throws IOException {
        assertThat(JAR)
                .as("the shaded jar (built in package, before the ITCases)")
                .isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> flink = jar.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.startsWith("org/apache/flink/"))
                    .toList();
            assertThat(flink).as("Flink entries in %s", JAR).isEmpty();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(GbfsReplayServer.class.getName());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theJarServesASimulatedSystemOnItsOwn() throws Exception {
        int port = freePort();
        Path output = Files.createDirectories(Path.of("target", "gbfs-replay-jar-itcase"))
                .resolve("server-" + port + ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-jar",
                        JAR.toString(),
                        "--simulate",
                        STATIONS_CSV.toString(),
                        "--seed",
                        "42",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        // An interrupted build skips @AfterEach; the JVM's shutdown still stops the server.
        Process started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "stop-gbfs-replay-jar"));
        awaitReady(output);

        URI discoveryUri = URI.create("http://127.0.0.1:" + port + "/gbfs.json");
        GbfsDiscovery discovery = GbfsDiscovery.decode(get(discoveryUri).getBytes(StandardCharsets.UTF_8), null);
        URI statusUri = discovery.feed(GbfsFeeds.STATION_STATUS).orElseThrow();
        String status = get(statusUri);

        assertThat(statusUri.getPort()).isEqualTo(port);
        assertThat(status).contains("\"stations\"").contains("\"num_bikes_available\"");
    }

    private void awaitReady(Path output) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!Files.readString(output).contains(READY)) {
            assertThat(server.isAlive())
                    .as("the server exited early:%n%s", Files.readString(output))
                    .isTrue();
            assertThat(Instant.now())
                    .as("'%s' within 60 s:%n%s", READY, Files.readString(output))
                    .isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
