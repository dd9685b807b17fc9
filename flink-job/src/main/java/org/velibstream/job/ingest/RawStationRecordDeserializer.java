package org.velibstream.job.ingest;

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
 * when there is one, else the record's timestamp. Anything undecodable becomes a dead letter naming the record.
 */
public final class RawStationRecordDeserializer implements KafkaRecordDeserializationSchema<FeedItem> {

    private static final long serialVersionUID = 1L;

    private final String systemId;
    private final StationStatusDecoder decoder = new StationStatusDecoder();

    public RawStationRecordDeserializer(String systemId) {
        this.systemId = Objects.requireNonNull(systemId, "systemId");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FeedItem> out) {
        String source = "kafka " + record.topic() + '-' + record.partition() + '@' + record.offset();
        FeedItemCollector items = new FeedItemCollector(systemId, source, out);
        Instant receivedAt = Instant.now();
        byte[] payload = record.value();
        if (payload == null) {
            items.rejectedDocument("record without a value", new byte[0], receivedAt);
            return;
        }
        try {
            decoder.decode(payload, items.statuses(Instant.ofEpochMilli(record.timestamp()), receivedAt));
        } catch (GbfsDecodingException e) {
            items.rejectedDocument(e.getMessage(), payload, receivedAt);
        }
    }

    @Override
    public TypeInformation<FeedItem> getProducedType() {
        return TypeInformation.of(FeedItem.class);
    }
}
