package org.velibstream.bench.scale;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The GBFS replay server as a process of its own, started and stopped by PID with {@code bin/gbfs-replay}, so that
 * its CPU is measured apart from the job's.
 */
public final class ReplayServerProcess implements AutoCloseable {

    /** The server's own jar (tools/gbfs-replay), relative to the repository; bin/gbfs-replay runs it. */
    public static final String JAR = "tools/gbfs-replay/target/gbfs-replay.jar";

    /** Overrides the server's port (default: a free one). */
    public static final String PORT_PROPERTY = "velib.bench.replay-port";

    private final Path repository;
    private final Map<String, String> environment;
    private final int port;
    private final long pid;

    private ReplayServerProcess(Path repository, Map<String, String> environment, int port, long pid) {
        this.repository = repository;
        this.environment = environment;
        this.port = port;
        this.pid = pid;
    }

    /**
     * Starts {@code bin/gbfs-replay} with {@code serverArgs}, its work folder (PID file, output) under {@code work},
     * and waits until it answers.
     */
    public static ReplayServerProcess start(Path repository, Path work, List<String> serverArgs, String heap)
            throws IOException, InterruptedException {
        Path jar = repository.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build it with 'mvn -B -pl tools/gbfs-replay -am -DskipTests package'");
        }
        int port = Integer.getInteger(PORT_PROPERTY, freePort());
        Map<String, String> environment = Map.of(
                "VELIB_WORK", work.toAbsolutePath().toString(),
                "GBFS_REPLAY_PORT", Integer.toString(port),
                "GBFS_REPLAY_ARGS", String.join(" ", serverArgs),
                "GBFS_REPLAY_HEAP", heap);
        BinScript.run(repository, environment, "gbfs-replay", "start");
        long pid = Long.parseLong(
                Files.readString(work.resolve("gbfs-replay/gbfs-replay.pid")).trim());
        return new ReplayServerProcess(repository, environment, port, pid);
    }

    public long pid() {
        return pid;
    }

    /** The {@code gbfs.json} of system {@code index}. */
    public URI discoveryUri(int index) {
        return URI.create("http://127.0.0.1:" + port + "/systems/" + index + "/gbfs.json");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        BinScript.run(repository, environment, "gbfs-replay", "stop");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
