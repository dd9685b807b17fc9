package org.velibstream.bench.kafka;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.velibstream.bench.SimulatedSystem;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.gbfs.StationStatusDecoder;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.VelibRawRecordSerializer;

/**
 * The records the Kafka benchmarks write to the raw topic: {@code ticks} minutes of the project's simulation
 * ({@link SimulatedSystem}, about 1,500 stations with the real postal-code mix of {@code data/stations.csv}), each
 * station status serialized by the job's own {@link VelibRawRecordSerializer}. Every station reports once in every
 * tick and a tick is one window of the job's default size, so "the latest status of each station within the window"
 * (what the peers compute) equals the job's "every known station as of the window's end".
 */
public final class RawTopicLoad {

    /** The event-time length of one tick: one station_status document of the simulation. */
    public static final Duration TICK = SimulatedSystem.INTERVAL;

    private final List<RawRecord> records;
    private final int stations;
    private final Instant start;
    private final int ticks;

    private RawTopicLoad(List<RawRecord> records, int stations, Instant start, int ticks) {
        this.records = List.copyOf(records);
        this.stations = stations;
        this.start = start;
        this.ticks = ticks;
    }

    /**
     * {@code ticks} minutes of the simulation, ending before now: a broker refuses records timestamped more than an
     * hour ahead of its clock.
     */
    public static RawTopicLoad simulateInThePast(int ticks) throws IOException, GbfsDecodingException {
        return simulate(SimulatedSystem.inThePastOf(Instant.now(), TICK.multipliedBy(ticks)), ticks);
    }

    /** Simulates {@code ticks} consecutive minutes from the system's start, in time order. */
    public static RawTopicLoad simulate(SimulatedSystem system, int ticks) throws GbfsDecodingException {
        if (ticks < 1) {
            throw new IllegalArgumentException("need at least one tick, got " + ticks);
        }
        StationStatusDecoder decoder = new StationStatusDecoder();
        VelibRawRecordSerializer serializer = new VelibRawRecordSerializer("raw");
        List<RawRecord> records = new ArrayList<>(ticks * system.stations());
        for (int tick = 0; tick < ticks; tick++) {
            Instant at = system.start().plus(TICK.multipliedBy(tick));
            List<StationStatus> statuses = new ArrayList<>();
            List<Rejection> rejections = new ArrayList<>();
            decoder.decodeDocument(system.stationStatus(tick), StationListener.collectingInto(statuses, rejections));
            if (!rejections.isEmpty()) {
                throw new IllegalStateException("The simulation wrote entries the decoder rejects: " + rejections);
            }
            for (StationStatus status : statuses) {
                ProducerRecord<byte[], byte[]> record =
                        serializer.serialize(FeedItem.status("velib", status, at, at, false), null, null);
                records.add(new RawRecord(record.timestamp(), record.key(), record.value()));
            }
        }
        return new RawTopicLoad(records, system.stations(), system.start(), ticks);
    }

    public List<RawRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    public int stations() {
        return stations;
    }

    public int ticks() {
        return ticks;
    }

    /** The start of the last tick's window: its statistics row is the last one the job writes. */
    public Instant lastWindowStart() {
        return start.plus(TICK.multipliedBy(ticks - 1L));
    }
}
