package org.velibstream.job.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.VelibRawRecordSerializer;

/**
 * The input of the fault tests: twenty minutes of one observation a minute for ten real Vélib' stations (codes,
 * ids and capacities from {@code data/stations.csv}, four postal codes), as {@link VelibRawRecordSerializer} writes
 * them to the raw topic. Its event time is its own, so the job's output does not depend on when records arrive.
 *
 * <p>Three stations carry state across the middle of the input ({@link #SPLIT}), where the savepoint test stops
 * the job; with {@code --empty-after 5 min}:
 * <ul>
 *   <li>{@link #EMPTY_THEN_REFILLED} is empty from minute 2 to 11: EMPTY opens at minute 7, before the split, and
 *       resolves at minute 12, after it, with its original {@code since};
 *   <li>{@link #EMPTY_ACROSS_SPLIT} is empty from minute 7 on: its EMPTY alert opens at minute 12 only if the run
 *       that began before the split is remembered;
 *   <li>{@link #DROPS_AFTER_SPLIT} has 20 bikes until minute 9 and 4 from minute 10: a SUDDEN_DROP only if the
 *       earlier counts are remembered.
 * </ul>
 * A last observation, ten minutes after the others, moves the watermark past every window of the twenty minutes.
 */
final class FaultInput {

    static final Instant START = Instant.parse("2024-11-19T08:00:00Z");
    static final int MINUTES = 20;
    static final Instant SPLIT = START.plus(Duration.ofMinutes(MINUTES / 2));
    /** The end of the last window the input closes. */
    static final Instant LAST_WINDOW_END = START.plus(Duration.ofMinutes(MINUTES));

    static final String SYSTEM_ID = "velib";

    static final Station EMPTY_THEN_REFILLED = new Station("32004", "213987795", 40, 12);
    static final Station EMPTY_ACROSS_SPLIT = new Station("1001", "323616530", 17, 9);
    static final Station DROPS_AFTER_SPLIT = new Station("11003", "13283986", 34, 20);

    private static final List<Station> STATIONS = List.of(
            new Station("11001", "39149651", 53, 20),
            new Station("11002", "129043651", 23, 8),
            DROPS_AFTER_SPLIT,
            new Station("16001", "488800137", 26, 10),
            new Station("16002", "85015750", 38, 15),
            new Station("32001", "213952930", 30, 11),
            new Station("32003", "213957917", 28, 9),
            EMPTY_THEN_REFILLED,
            EMPTY_ACROSS_SPLIT,
            new Station("1002", "82328045", 22, 7));

    /** A real station and the bikes it usually has. */
    record Station(String code, String id, int capacity, int usualBikes) {}

    private FaultInput() {}

    /** The observations before {@link #SPLIT}, in event-time order. */
    static List<ProducerRecord<byte[], byte[]>> beforeSplit(String topic) {
        return records(topic).stream()
                .filter(record -> record.timestamp() < SPLIT.toEpochMilli())
                .toList();
    }

    /** The observations from {@link #SPLIT} on, in event-time order, ending with the one that closes the windows. */
    static List<ProducerRecord<byte[], byte[]>> fromSplit(String topic) {
        return records(topic).stream()
                .filter(record -> record.timestamp() >= SPLIT.toEpochMilli())
                .toList();
    }

    /** Every observation, in event-time order. */
    static List<ProducerRecord<byte[], byte[]>> records(String topic) {
        VelibRawRecordSerializer serializer = new VelibRawRecordSerializer(topic);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int minute = 0; minute < MINUTES; minute++) {
            for (int index = 0; index < STATIONS.size(); index++) {
                Station station = STATIONS.get(index);
                records.add(record(serializer, station, observedAt(minute, index), bikes(station, minute)));
            }
        }
        Station last = STATIONS.get(0);
        records.add(record(serializer, last, observedAt(MINUTES + 10, 0), last.usualBikes()));
        records.sort(Comparator.comparingLong(ProducerRecord::timestamp));
        return List.copyOf(records);
    }

    /** When {@code station} is observed in {@code minute} of the input. */
    static Instant observedAt(Station station, int minute) {
        return observedAt(minute, STATIONS.indexOf(station));
    }

    private static Instant observedAt(int minute, int stationIndex) {
        return START.plus(Duration.ofMinutes(minute)).plusSeconds(3L * stationIndex);
    }

    /** The scripted stations as described above; the others wander by at most two bikes, below any alert. */
    private static int bikes(Station station, int minute) {
        if (station.equals(EMPTY_THEN_REFILLED)) {
            return minute >= 2 && minute < 12 ? 0 : station.usualBikes();
        }
        if (station.equals(EMPTY_ACROSS_SPLIT)) {
            return minute >= 7 ? 0 : station.usualBikes();
        }
        if (station.equals(DROPS_AFTER_SPLIT)) {
            return minute < 10 ? station.usualBikes() : 4;
        }
        return station.usualBikes() + minute % 3;
    }

    private static ProducerRecord<byte[], byte[]> record(
            VelibRawRecordSerializer serializer, Station station, Instant at, int bikes) {
        int mechanical = bikes / 2;
        StationStatus status = new StationStatus(
                station.id(),
                station.code(),
                bikes,
                mechanical,
                bikes - mechanical,
                station.capacity() - bikes,
                true,
                true,
                true,
                at,
                List.of());
        // The serializer reads nothing from its sink context.
        return serializer.serialize(FeedItem.status(SYSTEM_ID, status, at, null, false), null, null);
    }
}
