package org.velibstream.replay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;

/**
 * A real HTTP server on the JDK's {@code com.sun.net.httpserver} that serves GBFS feeds, so that the job runs with no
 * internet: recorded snapshots replayed in time order, or a simulated system (see {@link ReplayServerOptions#USAGE}).
 * Needs no Flink, and runs from its own jar: {@code java -jar tools/gbfs-replay/target/gbfs-replay.jar --simulate
 * data/stations.csv --seed 42}. The first system's discovery file is {@code /gbfs.json}; system {@code i}'s is
 * {@code /systems/<i>/gbfs.json}.
 */
public final class GbfsReplayServer implements AutoCloseable {

    private static final int REQUEST_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final URI base;
    private final List<GbfsFeeds> systems;

    @Nullable
    private final RequestLog requestLog;

    private GbfsReplayServer(
            HttpServer server,
            ExecutorService requestThreads,
            URI base,
            List<GbfsFeeds> systems,
            @Nullable RequestLog requestLog) {
        this.server = server;
        this.requestThreads = requestThreads;
        this.base = base;
        this.systems = systems;
        this.requestLog = requestLog;
    }

    /**
     * Starts serving {@code systems} on {@code address} (port 0: any free port).
     *
     * @param clock the clock the replay and the simulation follow, asked once per request
     * @throws IOException if the address cannot be bound
     */
    public static GbfsReplayServer start(InetSocketAddress address, List<? extends GbfsFeeds> systems, Clock clock)
            throws IOException {
        return start(address, systems, clock, null);
    }

    /**
     * Starts serving, and records every request in {@code requestLog} (see {@link ReplayServerOptions#USAGE}).
     *
     * @param requestLog the file requests are appended to; null for none
     */
    public static GbfsReplayServer start(
            InetSocketAddress address, List<? extends GbfsFeeds> systems, Clock clock, @Nullable Path requestLog)
            throws IOException {
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("Nothing to serve: no systems");
        }
        RequestLog log = requestLog == null ? null : RequestLog.appendingTo(requestLog);
        HttpServer server = HttpServer.create(address, 0);
        InetSocketAddress bound = server.getAddress();
        URI base = URI.create("http://" + hostForUrl(bound) + ':' + bound.getPort() + '/');
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService requestThreads = Executors.newFixedThreadPool(
                REQUEST_THREADS, task -> new Thread(task, "gbfs-replay-" + threadNumber.incrementAndGet()));
        server.createContext("/", new FeedRequestHandler(base, systems, clock, log));
        server.setExecutor(requestThreads);
        server.start();
        return new GbfsReplayServer(server, requestThreads, base, List.copyOf(systems), log);
    }

    /** The feeds {@code options} ask for, with the replay or simulation starting at {@code now}. */
    public static List<GbfsFeeds> feeds(ReplayServerOptions options, Instant now) throws IOException {
        if (!options.simulates()) {
            List<SnapshotRecording> recordings = options.snapshots() != null
                    ? SnapshotRecordings.load(options.snapshots())
                    : SnapshotRecordings.loadStatusFolder(options.recordings());
            SnapshotTimeline timeline = new SnapshotTimeline(
                    recordings.stream().map(SnapshotRecording::time).toList(),
                    options.step(),
                    options.speed(),
                    options.loop());
            return List.of(new SnapshotFeeds(recordings, timeline, now));
        }
        List<StationRow> rows;
        try (Reader in = Files.newBufferedReader(options.stationsCsv(), StandardCharsets.UTF_8)) {
            rows = StationTableCsv.read(in, options.stationsCsv().toString());
        }
        SimulatedClock clock =
                new SimulatedClock(options.start() != null ? options.start() : now, now, options.speed());
        List<GbfsFeeds> systems = new ArrayList<>();
        for (int i = 0; i < options.systems(); i++) {
            SystemDialect dialect = options.dialectOf(i);
            systems.add(new SimulationFeeds(
                    new StationSimulation(stationsOfSystem(rows, i, options.stationsPerSystem()), options.seed(), i),
                    clock,
                    options.interval(),
                    SystemProfile.of("simulated-" + i, dialect.dialect(), dialect.timeZone())));
        }
        return systems;
    }

    /**
     * The stations of system {@code index}: all rows, or the {@code perSystem} rows from {@code index * perSystem} on,
     * wrapping around the table, so that many small systems together cover the table's mix of postal codes.
     */
    static List<StationRow> stationsOfSystem(List<StationRow> rows, int index, int perSystem) {
        if (perSystem == 0) {
            return rows;
        }
        List<StationRow> own = new ArrayList<>(perSystem);
        long first = (long) index * perSystem;
        for (int i = 0; i < perSystem; i++) {
            own.add(rows.get((int) ((first + i) % rows.size())));
        }
        return own;
    }

    public URI discoveryUri() {
        return discoveryUri(0);
    }

    /** The {@code gbfs.json} of system {@code index}. */
    public URI discoveryUri(int index) {
        if (index < 0 || index >= systems.size()) {
            throw new IndexOutOfBoundsException("system " + index + " of " + systems.size());
        }
        return FeedRequestHandler.systemBase(base, index).resolve(FeedRequestHandler.DISCOVERY);
    }

    /**
     * Every system served, as a catalog in MobilityData's {@code systems.csv} shape (Country Code, Name, Location,
     * System ID, URL, Auto-Discovery URL, ...) whose discovery URLs are this server's.
     */
    public String catalogCsv() {
        List<URI> discoveries = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            discoveries.add(discoveryUri(i));
        }
        return CatalogCsv.of(systems, discoveries);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening and lets the requests in progress finish, for at most five seconds. */
    @Override
    public void close() {
        server.stop(0);
        requestThreads.shutdown();
        try {
            if (!requestThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                requestThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            requestThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (requestLog != null) {
            try {
                requestLog.close();
            } catch (IOException e) {
                System.getLogger(GbfsReplayServer.class.getName())
                        .log(System.Logger.Level.WARNING, "Closing the request log failed", e);
            }
        }
    }

    private static String hostForUrl(InetSocketAddress bound) {
        String host = bound.getAddress().getHostAddress();
        return host.contains(":") ? '[' + host + ']' : host;
    }

    /** Runs until SIGTERM (or Ctrl-C), which stops the server through a shutdown hook. */
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(ReplayServerOptions.USAGE);
            return;
        }
        ReplayServerOptions options;
        try {
            options = ReplayServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gbfs-replay: " + e.getMessage());
            System.err.println(ReplayServerOptions.USAGE);
            System.exit(2);
            return;
        }
        Clock clock = Clock.systemUTC();
        GbfsReplayServer server;
        try {
            server = start(
                    new InetSocketAddress(options.host(), options.port()),
                    feeds(options, clock.instant()),
                    clock,
                    options.requestLog());
        } catch (IOException | RuntimeException e) {
            System.err.println("gbfs-replay: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options.catalog() != null) {
            try {
                Files.writeString(options.catalog(), server.catalogCsv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                server.close();
                System.err.println("gbfs-replay: cannot write the catalog " + options.catalog() + ": " + e);
                System.exit(1);
                return;
            }
        }
        // Printed, not logged: the JDK's logging may already be shut down when this hook runs.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            System.out.println("GBFS replay server stopped");
                        },
                        "gbfs-replay-shutdown"));
        String mode = options.simulates()
                ? "simulating " + options.stationsCsv() + " with seed " + options.seed() + ", " + options.systems()
                        + " system(s)"
                        + (options.stationsPerSystem() > 0 ? " of " + options.stationsPerSystem() + " stations" : "")
                        + (options.dialects().equals(List.of(SystemDialect.VELIB))
                                ? ""
                                : " in dialects " + options.dialects())
                : "replaying " + (options.snapshots() != null ? options.snapshots() : options.recordings());
        System.out.println("GBFS replay server ready: " + server.discoveryUri() + " (" + mode + ", speed "
                + options.speed() + ")");
    }
}
