package org.velibstream.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * Serves a {@link StationSimulation} in Vélib's shape. The feed updates every {@code interval} of simulated time, on
 * instants that are whole multiples of the interval since the epoch, so a feed's bytes depend only on the seed and
 * that instant, never on when the server started. {@code ttl} is the interval; {@code station_information} and
 * {@code system_information} are dated at the start of the (UTC) day, as they change rarely in a real system.
 */
public final class SimulationFeeds implements GbfsFeeds {

    private final StationSimulation simulation;
    private final SimulatedClock clock;
    private final long intervalSeconds;
    private final int ttlSeconds;
    private final String systemId;
    private final LatestDocument status = new LatestDocument();
    private final LatestDocument information = new LatestDocument();
    private final LatestDocument systemInformation = new LatestDocument();

    /** @param interval how often the feed updates, in simulated time: whole seconds, at least one */
    public SimulationFeeds(StationSimulation simulation, SimulatedClock clock, Duration interval, String systemId) {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.systemId = Objects.requireNonNull(systemId, "systemId");
        if (interval.toSeconds() < 1 || interval.toSeconds() > Integer.MAX_VALUE || interval.toNanosPart() != 0) {
            throw new IllegalArgumentException(
                    "interval must be a whole number of seconds, at least 1, got " + interval);
        }
        this.intervalSeconds = interval.toSeconds();
        this.ttlSeconds = (int) intervalSeconds;
    }

    @Override
    public Optional<FeedDocument> feed(String name, Instant now) {
        Instant tick = tickAt(now);
        Instant day = Instant.ofEpochSecond(Math.floorDiv(tick.getEpochSecond(), 86_400L) * 86_400L);
        return switch (name) {
            case STATION_STATUS ->
                Optional.of(status.at(tick, t -> VelibJson.stationStatus(t, ttlSeconds, simulation.statusAt(t))));
            case STATION_INFORMATION ->
                Optional.of(
                        information.at(day, t -> VelibJson.stationInformation(t, ttlSeconds, simulation.stations())));
            case SYSTEM_INFORMATION ->
                Optional.of(systemInformation.at(
                        day,
                        t -> VelibJson.systemInformation(
                                t,
                                ttlSeconds,
                                systemId,
                                "Vélib' Métropole (simulated, " + systemId + ")",
                                StationSimulation.PARIS.getId())));
            default -> Optional.empty();
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
