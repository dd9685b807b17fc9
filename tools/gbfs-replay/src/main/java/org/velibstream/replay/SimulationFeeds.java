package org.velibstream.replay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * Serves a {@link StationSimulation} in its system's {@link FeedDialect} (Vélib's shape unless told otherwise). The
 * feed updates every {@code interval} of simulated time, on instants that are whole multiples of the interval since
 * the epoch, so a feed's bytes depend only on the seed and that instant, never on when the server started.
 * {@code ttl} is the interval; the feeds other than {@code station_status} are dated at the start of the (UTC) day, as
 * they change rarely in a real system.
 */
public final class SimulationFeeds implements GbfsFeeds {

    private final StationSimulation simulation;
    private final SimulatedClock clock;
    private final long intervalSeconds;
    private final int ttlSeconds;
    private final SystemProfile profile;

    /** The JSON writer of a standard dialect or Lyft's; null for Vélib's shape. */
    @Nullable
    private final GbfsJson gbfsJson;

    /** The {@code station_id} each station is served under, in the order of the simulation's stations. */
    private final List<String> stationIds;

    private final SortedMap<String, String> regions;
    private final LatestDocument status = new LatestDocument();
    private final LatestDocument information = new LatestDocument();
    private final LatestDocument systemInformation = new LatestDocument();
    private final LatestDocument vehicleTypes = new LatestDocument();
    private final LatestDocument systemRegions = new LatestDocument();

    /** A simulated Vélib': Vélib's shape, in Paris. */
    public SimulationFeeds(StationSimulation simulation, SimulatedClock clock, Duration interval, String systemId) {
        this(simulation, clock, interval, SystemProfile.velib(systemId));
    }

    /** @param interval how often the feed updates, in simulated time: whole seconds, at least one */
    public SimulationFeeds(
            StationSimulation simulation, SimulatedClock clock, Duration interval, SystemProfile profile) {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.profile = Objects.requireNonNull(profile, "profile");
        if (interval.toSeconds() < 1 || interval.toSeconds() > Integer.MAX_VALUE || interval.toNanosPart() != 0) {
            throw new IllegalArgumentException(
                    "interval must be a whole number of seconds, at least 1, got " + interval);
        }
        this.intervalSeconds = interval.toSeconds();
        this.ttlSeconds = (int) intervalSeconds;
        this.gbfsJson = profile.dialect() == FeedDialect.VELIB ? null : new GbfsJson(profile);
        this.stationIds = simulation.stations().stream()
                .map(station -> servedId(profile, station))
                .toList();
        this.regions = SimulatedRegions.of(simulation.stations());
    }

    /**
     * Lyft's systems name stations by UUID: a name-based (version 3) UUID of the system id and the station's id, the
     * same on every run; the other dialects keep the station's id.
     */
    static String servedId(SystemProfile profile, SimulatedStation station) {
        if (profile.dialect() != FeedDialect.LYFT) {
            return station.stationId();
        }
        return UUID.nameUUIDFromBytes((profile.systemId() + '/' + station.stationId()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public SystemProfile profile() {
        return profile;
    }

    @Override
    public List<String> feedNames() {
        return profile.dialect() == FeedDialect.VELIB
                ? NAMES
                : profile.dialect().feeds();
    }

    @Override
    public byte[] discovery(URI base, Instant lastUpdated, int ttlSeconds) {
        return gbfsJson == null
                ? VelibJson.discovery(base, lastUpdated, ttlSeconds)
                : gbfsJson.discovery(base, lastUpdated, ttlSeconds);
    }

    @Override
    public Optional<FeedDocument> feed(String name, Instant now) {
        if (!feedNames().contains(name)) {
            return Optional.empty();
        }
        Instant tick = tickAt(now);
        Instant day = Instant.ofEpochSecond(Math.floorDiv(tick.getEpochSecond(), 86_400L) * 86_400L);
        return Optional.of(gbfsJson == null ? velibFeed(name, tick, day) : standardFeed(gbfsJson, name, tick, day));
    }

    private FeedDocument velibFeed(String name, Instant tick, Instant day) {
        return switch (name) {
            case STATION_STATUS -> status.at(tick, t -> VelibJson.stationStatus(t, ttlSeconds, simulation.statusAt(t)));
            case STATION_INFORMATION ->
                information.at(day, t -> VelibJson.stationInformation(t, ttlSeconds, simulation.stations()));
            default ->
                systemInformation.at(
                        day,
                        t -> VelibJson.systemInformation(
                                t,
                                ttlSeconds,
                                profile.systemId(),
                                profile.name(),
                                profile.timeZone().getId()));
        };
    }

    private FeedDocument standardFeed(GbfsJson json, String name, Instant tick, Instant day) {
        List<SimulatedStation> stations = simulation.stations();
        return switch (name) {
            case STATION_STATUS ->
                status.at(tick, t -> json.stationStatus(t, ttlSeconds, stations, simulation.statusAt(t), stationIds));
            case STATION_INFORMATION ->
                information.at(day, t -> json.stationInformation(t, ttlSeconds, stations, stationIds));
            case VEHICLE_TYPES -> vehicleTypes.at(day, t -> json.vehicleTypes(t, ttlSeconds));
            case SYSTEM_REGIONS -> systemRegions.at(day, t -> json.systemRegions(t, ttlSeconds, regions));
            default -> systemInformation.at(day, t -> json.systemInformation(t, ttlSeconds));
        };
    }

    /** The simulated instant of the feed served at real instant {@code now}. */
    public Instant tickAt(Instant now) {
        long simulated = clock.simulatedAt(now).getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(simulated, intervalSeconds) * intervalSeconds);
    }

    /** The last document written, kept while its time is asked for: one rendering per tick, shared by requests. */
    private final class LatestDocument {
        private Instant time = Instant.MIN;

        @Nullable
        private FeedDocument document;

        synchronized FeedDocument at(Instant wanted, Function<Instant, byte[]> render) {
            if (!wanted.equals(time)) {
                document = new FeedDocument(render.apply(wanted), wanted, ttlSeconds);
                time = wanted;
            }
            return document;
        }
    }
}
