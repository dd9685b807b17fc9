package org.velibstream.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The command line of {@link GbfsReplayServer}: one mode ({@code --snapshots DIR}, {@code --recordings DIR} or
 * {@code --simulate CSV}) and its
 * settings. Invalid input fails in {@link #parse} with an {@link IllegalArgumentException} naming the option.
 *
 * @param snapshots the folder of recorded moments to replay; null in the other modes
 * @param recordings the folder of station_status snapshots to replay, any file names, the system's other feeds beside
 *     them; null in the other modes
 * @param stationsCsv the station table to simulate; null in replay mode
 * @param start the simulated instant the simulation starts at; null for the time the server starts
 * @param speed recorded or simulated seconds per real second
 * @param step how long each recording is shown; null to follow the recorded times divided by {@code speed}
 * @param interval how often the simulated feed updates, in simulated time
 * @param systems how many independent simulated systems to serve (under {@code /systems/<i>/})
 * @param stationsPerSystem how many stations of the table each simulated system has; 0 for all of them
 * @param dialects the shape and time zone of the simulated systems: system {@code i} takes item {@code i} modulo the
 *     list's size
 * @param requestLog a file to append one line per request to; null for none
 * @param catalog a file to write the served systems to, as MobilityData's {@code systems.csv}; null for none
 * @param port the port on {@code host}; 0 for any free one
 */
public record ReplayServerOptions(
        @Nullable Path snapshots,
        @Nullable Path recordings,
        @Nullable Path stationsCsv,
        long seed,
        @Nullable Instant start,
        double speed,
        @Nullable Duration step,
        Duration interval,
        boolean loop,
        int systems,
        int stationsPerSystem,
        List<SystemDialect> dialects,
        @Nullable Path requestLog,
        @Nullable Path catalog,
        String host,
        int port) {

    public static final int DEFAULT_PORT = 8900;
    public static final long DEFAULT_SEED = 42;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    public static final String USAGE = """
            Usage: GbfsReplayServer (--snapshots DIR | --recordings DIR | --simulate STATIONS_CSV) [options]
              --snapshots DIR      replay recorded GBFS feeds: each folder, or each set of files sharing a name
                                   prefix, is one moment; moments are ordered by their documents' time
              --recordings DIR     replay a folder of station_status snapshots with any file names (e.g.
                                   1654562012.json), ordered by their documents' time, with the system's
                                   other feeds (station_information.json...) read from DIR or its parent
              --step DURATION      show each recording this long (default: the recorded gap divided by --speed)
              --loop               start again after the last recording (default: stay on it)
              --simulate CSV       simulate the stations of a station table (data/stations.csv)
              --seed N             the simulation's seed (default 42)
              --start INSTANT      the simulated start, e.g. 2024-11-19T06:00:00Z (default: now)
              --interval DURATION  how often the simulated feed updates, simulated time (default 60s)
              --systems K          serve K independent simulated systems under /systems/<i>/ (default 1)
              --stations-per-system N
                                   give each simulated system N stations of the table, system i the N from
                                   row i*N on, wrapping around (default: all of them)
              --dialect LIST       the simulated systems' GBFS shapes, comma-separated, one per system (system i
                                   takes item i modulo the list's length; --systems defaults to the list's
                                   length): velib (Vélib's shape, the default), gbfs1, gbfs2, gbfs3 or lyft,
                                   each optionally with :TIME_ZONE (default Europe/Paris, America/Los_Angeles
                                   for lyft), e.g. --dialect velib,gbfs2,gbfs3,lyft:America/New_York
              --request-log FILE   append one line per request to FILE: arrival (epoch ms), method, path,
                                   status, the served document's time (epoch s, - for none)
              --catalog FILE       write the served systems to FILE at start, as MobilityData's systems.csv
                                   (Country Code, Name, Location, System ID, URL, Auto-Discovery URL, ...)
              --speed N            recorded or simulated seconds per real second (default 1)
              --host HOST          the address to listen on (default 127.0.0.1)
              --port PORT          the port to listen on, 0 for any free port (default 8900)
            Durations: 500ms, 30s, 5m, 2h, 1d or ISO-8601 (PT30S).""";

    public ReplayServerOptions {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(host, "host");
        dialects = List.copyOf(dialects);
        if ((snapshots != null ? 1 : 0) + (recordings != null ? 1 : 0) + (stationsCsv != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException(
                    "Choose one mode: --snapshots DIR, --recordings DIR or --simulate STATIONS_CSV");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be a positive number, got " + speed);
        }
        if (step != null && (step.isNegative() || step.isZero())) {
            throw new IllegalArgumentException("--step must be positive, got " + step);
        }
        if (interval.toSeconds() < 1 || interval.toNanosPart() != 0) {
            throw new IllegalArgumentException("--interval must be whole seconds, at least 1s, got " + interval);
        }
        if (systems < 1) {
            throw new IllegalArgumentException("--systems must be at least 1, got " + systems);
        }
        if (systems > 1 && stationsCsv == null) {
            throw new IllegalArgumentException("--systems applies to --simulate only: recordings are one system");
        }
        if (stationsPerSystem < 0) {
            throw new IllegalArgumentException("--stations-per-system must not be negative, got " + stationsPerSystem);
        }
        if (stationsPerSystem > 0 && stationsCsv == null) {
            throw new IllegalArgumentException("--stations-per-system applies to --simulate only");
        }
        if (dialects.isEmpty()) {
            throw new IllegalArgumentException("--dialect needs at least one dialect");
        }
        if (stationsCsv == null && !dialects.equals(List.of(SystemDialect.VELIB))) {
            throw new IllegalArgumentException("--dialect applies to --simulate only: recordings keep their shape");
        }
        if (dialects.size() > systems) {
            throw new IllegalArgumentException(
                    "--dialect lists " + dialects.size() + " systems but --systems is " + systems);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
    }

    /** The options of the server before {@code --dialect}: every simulated system in Vélib's shape. */
    public ReplayServerOptions(
            @Nullable Path snapshots,
            @Nullable Path stationsCsv,
            long seed,
            @Nullable Instant start,
            double speed,
            @Nullable Duration step,
            Duration interval,
            boolean loop,
            int systems,
            int stationsPerSystem,
            @Nullable Path requestLog,
            String host,
            int port) {
        this(
                snapshots,
                null,
                stationsCsv,
                seed,
                start,
                speed,
                step,
                interval,
                loop,
                systems,
                stationsPerSystem,
                List.of(SystemDialect.VELIB),
                requestLog,
                null,
                host,
                port);
    }

    /** The shape and time zone of simulated system {@code index}. */
    public SystemDialect dialectOf(int index) {
        return dialects.get(index % dialects.size());
    }

    public boolean simulates() {
        return stationsCsv != null;
    }

    public static ReplayServerOptions parse(String... args) {
        Path snapshots = null;
        Path recordings = null;
        Path stationsCsv = null;
        long seed = DEFAULT_SEED;
        Instant start = null;
        double speed = 1;
        Duration step = null;
        Duration interval = DEFAULT_INTERVAL;
        boolean loop = false;
        Integer systems = null;
        int stationsPerSystem = 0;
        List<SystemDialect> dialects = List.of(SystemDialect.VELIB);
        Path requestLog = null;
        Path catalog = null;
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--loop")) {
                loop = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        option.startsWith("--") ? option + " needs a value" : "Unknown argument: " + option);
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--snapshots" -> snapshots = Path.of(value);
                    case "--recordings" -> recordings = Path.of(value);
                    case "--simulate" -> stationsCsv = Path.of(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--start" -> start = Instant.parse(value);
                    case "--speed" -> speed = Double.parseDouble(value);
                    case "--step" -> step = parseDuration(value);
                    case "--interval" -> interval = parseDuration(value);
                    case "--systems" -> systems = Integer.parseInt(value);
                    case "--stations-per-system" -> stationsPerSystem = Integer.parseInt(value);
                    case "--dialect" -> dialects = parseDialects(value);
                    case "--request-log" -> requestLog = Path.of(value);
                    case "--catalog" -> catalog = Path.of(value);
                    case "--host" -> host = value;
                    case "--port" -> port = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("Unknown option: " + option);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("Invalid value for " + option + ": '" + value + "'", e);
            }
        }
        return new ReplayServerOptions(
                snapshots,
                recordings,
                stationsCsv,
                seed,
                start,
                speed,
                step,
                interval,
                loop,
                systems != null ? systems : dialects.size(),
                stationsPerSystem,
                dialects,
                requestLog,
                catalog,
                host,
                port);
    }

    private static List<SystemDialect> parseDialects(String list) {
        List<SystemDialect> dialects = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            dialects.add(SystemDialect.parse(item.trim()));
        }
        return dialects;
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT30S}. */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(text.trim());
        }
        int unitAt = 0;
        while (unitAt < value.length() && Character.isDigit(value.charAt(unitAt))) {
            unitAt++;
        }
        if (unitAt == 0) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (examples: 500ms, 30s, 5m, 2h, PT30S)");
        }
        long amount = Long.parseLong(value.substring(0, unitAt));
        return switch (value.substring(unitAt)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default ->
                throw new IllegalArgumentException(
                        "Not a duration: '" + text + "' (examples: 500ms, 30s, 5m, 2h, PT30S)");
        };
    }
}
