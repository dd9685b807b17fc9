package org.velibstream.bench.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary serdes for the Kafka Streams peer's repartition topic ({@link StationReading}) and window store
 * ({@link LatestReadings}): Kafka Streams writes both through Kafka, so JSON there would weigh on the peer for
 * nothing.
 */
final class ReadingsSerde {

    private ReadingsSerde() {}

    static Serde<StationReading> reading() {
        return Serdes.serdeFrom(
                (Serializer<StationReading>) (topic, reading) -> write(out -> writeReading(out, reading)),
                (Deserializer<StationReading>) (topic, bytes) -> read(bytes, ReadingsSerde::readReading));
    }

    static Serde<LatestReadings> latest() {
        return Serdes.serdeFrom(
                (Serializer<LatestReadings>) (topic, latest) -> write(out -> {
                    out.writeInt(latest.readings().size());
                    for (StationReading reading : latest.readings()) {
                        writeReading(out, reading);
                    }
                }),
                (Deserializer<LatestReadings>) (topic, bytes) -> read(bytes, in -> {
                    int count = in.readInt();
                    List<StationReading> readings = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        readings.add(readReading(in));
                    }
                    return LatestReadings.of(readings);
                }));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new SerializationException("Writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException("Truncated or foreign bytes in the peer's own topic or store", e);
        }
    }

    private static void writeReading(DataOutputStream out, StationReading reading) throws IOException {
        writeNullable(out, reading.stationCode());
        writeNullable(out, reading.stationId());
        out.writeLong(reading.timestamp());
        out.writeInt(reading.bikes());
        out.writeInt(reading.mechanical());
        out.writeInt(reading.ebikes());
        out.writeInt(reading.docks());
        out.writeBoolean(reading.installed());
    }

    private static StationReading readReading(DataInputStream in) throws IOException {
        return new StationReading(
                readNullable(in),
                readNullable(in),
                in.readLong(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readBoolean());
    }

    private static void writeNullable(DataOutputStream out, @Nullable String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    @Nullable
    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
