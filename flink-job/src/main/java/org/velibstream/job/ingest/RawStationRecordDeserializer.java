package org.velibstream.job.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.StationStatusDecoder;

/**
 * Reads the raw topic: each record is one station entry in Vélib's shape (what existing producers write) or a whole
 * station_status document, told apart by the payload. The observation time is the document's {@code last_updated}
 * when there is one, else the record's timestamp. Anything undecodable becomes a dead letter naming the record, and
 * so does a record whose observation time is further ahead of the job's clock, when it receives the record, than
 * {@link MaxClockSkew}: a producer with a wrong clock must not move event time (see {@link MaxClockSkew} for why it is
 * not re-stamped).
 */
public final class RawStationRecordDeserializer implements KafkaRecordDeserializationSchema<FeedItem> {

    private static final long serialVersionUID = 1L;

    private final String systemId;
    private final MaxClockSkew maxClockSkew;
    /** The job's wall clock: {@link Clock#systemUTC()} but in tests. Serializable, as the deserializer is. */
    private final Clock clock;

    private final StationStatusDecoder decoder = new StationStatusDecoder();

    /** A deserializer held to the default {@link MaxClockSkew}. */
    public RawStationRecordDeserializer(String systemId) {
        this(systemId, MaxClockSkew.defaults(), Clock.systemUTC());
    }

    public RawStationRecordDeserializer(String systemId, MaxClockSkew maxClockSkew) {
        this(systemId, maxClockSkew, Clock.systemUTC());
    }

    /** @param clock what "now" is when a record is received; it must be serializable */
    public RawStationRecordDeserializer(String systemId, MaxClockSkew maxClockSkew, Clock clock) {
        this.systemId = Objects.requireNonNull(systemId, "systemId");
        this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FeedItem> out) {
        String source = "kafka " + record.topic() + '-' + record.partition() + '@' + record.offset();
        FeedItemCollector items = new FeedItemCollector(systemId, source, out);
        Instant receivedAt = clock.instant();
        byte[] payload = record.value();
        if (payload == null) {
            items.rejectedDocument("record without a value", new byte[0], receivedAt);
            return;
        }
        Instant recordTime = Instant.ofEpochMilli(record.timestamp());
        FeedItemCollector.StatusListener statuses =
                items.statusesNotAhead(payload, recordTime, receivedAt, maxClockSkew);
        try {
            decoder.decode(payload, statuses);
        } catch (GbfsDecodingException e) {
            statuses.decodingFailed(e);
        }
    }

    @Override
    public TypeInformation<FeedItem> getProducedType() {
        return TypeInformation.of(FeedItem.class);
    }
}
