package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.Inconsistency;
import org.velibstream.gbfs.StationStatus;

/** {@link StationObservationSerializer} gives back what it was given, whatever is null, and its snapshot resolves. */
class StationObservationSerializerTest {

    private static final StationObservationSerializer SERIALIZER = StationObservationSerializer.INSTANCE;

    @Property(tries = 2000)
    void everyObservationReadsBackEqual(@ForAll("observations") StationObservation observation) throws IOException {
        byte[] bytes = bytesOf(observation);

        assertThat(SERIALIZER.deserialize(new DataInputDeserializer(bytes)))
                .as("read back")
                .isEqualTo(observation);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        SERIALIZER.copy(new DataInputDeserializer(bytes), copied);
        assertThat(copied.getCopyOfBuffer()).as("copied bytes").isEqualTo(bytes);
    }

    @Property(tries = 200)
    void observationsFollowingEachOtherInOneStreamReadBackInOrder(
            @ForAll("observations") StationObservation first, @ForAll("observations") StationObservation second)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(first, out);
        SERIALIZER.serialize(second, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());

        assertThat(List.of(SERIALIZER.deserialize(in), SERIALIZER.deserialize(in)))
                .containsExactly(first, second);
        assertThat(in.available()).as("bytes left").isZero();
    }

    @Example
    void aVelibObservationTakesAFewDozenBytes() throws IOException {
        StationStatus status = new StationStatus(
                "213688169", "16107", 7, 4, 3, 13, true, true, true, Instant.parse("2024-11-19T08:21:43Z"), List.of());
        StationObservation observation = StationObservation.of(
                "velib",
                status,
                AreaKind.POSTAL_CODE,
                "75016",
                20,
                Instant.parse("2024-11-19T08:22:18Z"),
                Instant.parse("2024-11-19T08:22:18Z"));

        // 42 bytes: flags 2, the four strings 28, capacity 1, observedAt 5, counts 4, lastReported 2 (the record
        // PojoSerializer wrote about 150).
        assertThat(bytesOf(observation)).hasSizeLessThanOrEqualTo(42);
    }

    @Example
    void everyInconsistencyHasACodeOfItsOwn() {
        assertThat(Arrays.stream(Inconsistency.values()).map(StationObservationSerializer::codeOf))
                .doesNotHaveDuplicates()
                .allMatch(code -> code >= 0 && code < 128);
    }

    @Example
    void theSnapshotIsWrittenAndReadBackAndResolvesTheOldRecordSerializerByMigration() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
        TypeSerializerSnapshot<StationObservation> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(read).isInstanceOf(StationObservationSerializerSnapshot.class);
        assertThat(read.restoreSerializer()).isSameAs(SERIALIZER);
        TypeSerializerSnapshot<StationObservation> current = SERIALIZER.snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(read).isCompatibleAsIs())
                .as("the same format")
                .isTrue();
        assertThat(current.resolveSchemaCompatibility(new PojoSerializerSnapshot<>())
                        .isCompatibleAfterMigration())
                .as("state of the versions before issue 14")
                .isTrue();
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<StationObservation> unrelated =
                (TypeSerializerSnapshot) StringSerializer.INSTANCE.snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(unrelated))
                .extracting(TypeSerializerSchemaCompatibility::isIncompatible)
                .isEqualTo(true);
    }

    @Example
    void flinkUsesItForEveryObservation() {
        TypeSerializer<StationObservation> serializer =
                TypeInformation.of(StationObservation.class).createSerializer(new SerializerConfigImpl());
        assertThat(serializer).isSameAs(SERIALIZER);
    }

    private static byte[] bytesOf(StationObservation observation) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(observation, out);
        return out.getCopyOfBuffer();
    }

    @Provide
    Arbitrary<StationObservation> observations() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12);
        Arbitrary<Integer> anyInt = Arbitraries.integers();
        Arbitrary<Integer> nullableInt = anyInt.injectNull(0.3);
        Arbitrary<Instant> instants = Combinators.combine(
                        Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L),
                        Arbitraries.oneOf(
                                Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999)))
                .as(Instant::ofEpochSecond);
        Arbitrary<StationStatus> statuses = Combinators.combine(
                        text,
                        text.injectNull(0.3),
                        anyInt,
                        nullableInt,
                        nullableInt,
                        anyInt,
                        Arbitraries.integers().between(0, 7),
                        instants.injectNull(0.3))
                .as((id, code, bikes, mechanical, ebikes, docks, booleans, lastReported) -> new StationStatus(
                        id,
                        code,
                        bikes,
                        mechanical,
                        ebikes,
                        docks,
                        (booleans & 1) != 0,
                        (booleans & 2) != 0,
                        (booleans & 4) != 0,
                        lastReported,
                        List.of()));
        Arbitrary<List<Inconsistency>> inconsistencies =
                Arbitraries.of(Inconsistency.class).list().ofMaxSize(4);
        return Combinators.combine(
                        statuses,
                        inconsistencies,
                        text,
                        Arbitraries.of(AreaKind.class),
                        Arbitraries.oneOf(Arbitraries.just(StationObservation.UNKNOWN_AREA), text),
                        nullableInt,
                        instants,
                        Arbitraries.integers().between(0, 11))
                .as((status, found, systemId, kind, area, capacity, observedAt, variant) ->
                        observation(status, found, systemId, kind, area, capacity, observedAt, variant));
    }

    /** {@code variant}: when {@code feedUpdatedAt} is (observedAt, null, another), tombstone, status code differing. */
    private static StationObservation observation(
            StationStatus status,
            List<Inconsistency> inconsistencies,
            String systemId,
            AreaKind kind,
            String area,
            Integer capacity,
            Instant observedAt,
            int variant) {
        StationStatus withInconsistencies = new StationStatus(
                status.stationId(),
                status.stationCode(),
                status.bikesAvailable(),
                status.mechanicalBikes(),
                status.ebikes(),
                status.docksAvailable(),
                status.installed(),
                status.renting(),
                status.returning(),
                status.lastReported(),
                inconsistencies);
        Instant feedUpdatedAt =
                switch (variant % 3) {
                    case 0 -> observedAt;
                    case 1 -> null;
                    default -> observedAt.minusSeconds(61).plusNanos(variant * 1_000L);
                };
        String code = variant / 6 == 1 ? (status.stationCode() == null ? "other" : null) : status.stationCode();
        return new StationObservation(
                systemId,
                status.stationId(),
                code,
                code != null ? code : status.stationId(),
                kind,
                area,
                capacity,
                observedAt,
                withInconsistencies,
                feedUpdatedAt,
                (variant / 3) % 2 == 1);
    }
}
