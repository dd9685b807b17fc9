package org.velibstream.job.model;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.Inconsistency;
import org.velibstream.gbfs.StationStatus;

/**
 * Writes a {@link StationObservation} in about a third of the bytes of Flink's record {@code PojoSerializer}: the job
 * holds an observation in state about six times per station (issue 14), and sends it between operators.
 *
 * <p><b>Format</b> (version 1; a savepoint format: new flags may be added, nothing reordered). A varint of
 * {@linkplain Flags flags}, then: system id, station id, station code (when there is one), area code (unless the
 * unknown area), as Flink's {@link StringValue} strings; capacity; {@code observedAt} (epoch second, nanoseconds when
 * it has a fraction); {@code feedUpdatedAt} when it is neither absent nor {@code observedAt} (seconds after
 * {@code observedAt}, nanoseconds); bikes, docks, mechanical bikes and e-bikes when known; {@code lastReported}
 * (seconds after {@code observedAt}, nanoseconds); the status's own station code when it is not the observation's;
 * the inconsistencies (a count, then a {@linkplain #codeOf fixed code} each, in order). Integers are zigzag varints,
 * so small counts and the gaps between a document's instants take a byte or two. The station key is not written: it
 * is the code, else the id. Self-contained: nothing depends on the state's key, so the same bytes work in any state
 * and on the wire.
 */
public final class StationObservationSerializer extends TypeSerializer<StationObservation> {

    public static final StationObservationSerializer INSTANCE = new StationObservationSerializer();

    private static final long serialVersionUID = 1L;

    /** The flags' bits. The area kind takes two bits from {@link #AREA_KIND_SHIFT}. */
    static final class Flags {
        static final int HAS_CODE = 1;
        static final int HAS_CAPACITY = 1 << 1;
        static final int FEED_UPDATED_AT_OBSERVED = 1 << 2;
        static final int FEED_UPDATED_AT_OTHER = 1 << 3;
        static final int REMOVED = 1 << 4;
        static final int INSTALLED = 1 << 5;
        static final int RENTING = 1 << 6;
        static final int RETURNING = 1 << 7;
        static final int HAS_MECHANICAL = 1 << 8;
        static final int HAS_EBIKES = 1 << 9;
        static final int HAS_LAST_REPORTED = 1 << 10;
        static final int HAS_INCONSISTENCIES = 1 << 11;
        static final int UNKNOWN_AREA_CODE = 1 << 12;
        static final int AREA_KIND_SHIFT = 13;
        static final int OBSERVED_NANOS = 1 << 15;
        static final int STATUS_CODE_OTHER = 1 << 16;
        static final int STATUS_CODE_NULL = 1 << 17;

        private Flags() {}
    }

    private StationObservationSerializer() {}

    @Override
    public void serialize(StationObservation observation, DataOutputView out) throws IOException {
        StationStatus status = observation.status();
        Instant observedAt = observation.observedAt();
        Instant feedUpdatedAt = observation.feedUpdatedAt();
        boolean statusCodeOther = !Objects.equals(status.stationCode(), observation.stationCode());
        int flags = (observation.stationCode() != null ? Flags.HAS_CODE : 0)
                | (observation.capacity() != null ? Flags.HAS_CAPACITY : 0)
                | (observedAt.equals(feedUpdatedAt) ? Flags.FEED_UPDATED_AT_OBSERVED : 0)
                | (feedUpdatedAt != null && !observedAt.equals(feedUpdatedAt) ? Flags.FEED_UPDATED_AT_OTHER : 0)
                | (observation.removed() ? Flags.REMOVED : 0)
                | (status.installed() ? Flags.INSTALLED : 0)
                | (status.renting() ? Flags.RENTING : 0)
                | (status.returning() ? Flags.RETURNING : 0)
                | (status.mechanicalBikes() != null ? Flags.HAS_MECHANICAL : 0)
                | (status.ebikes() != null ? Flags.HAS_EBIKES : 0)
                | (status.lastReported() != null ? Flags.HAS_LAST_REPORTED : 0)
                | (status.inconsistencies().isEmpty() ? 0 : Flags.HAS_INCONSISTENCIES)
                | (observation.area().equals(StationObservation.UNKNOWN_AREA) ? Flags.UNKNOWN_AREA_CODE : 0)
                | kindCodeOf(observation.areaKind()) << Flags.AREA_KIND_SHIFT
                | (observedAt.getNano() != 0 ? Flags.OBSERVED_NANOS : 0)
                | (statusCodeOther ? Flags.STATUS_CODE_OTHER : 0)
                | (statusCodeOther && status.stationCode() == null ? Flags.STATUS_CODE_NULL : 0);
        VarInts.writeUnsigned(flags, out);
        StringValue.writeString(observation.systemId(), out);
        StringValue.writeString(observation.stationId(), out);
        if (observation.stationCode() != null) {
            StringValue.writeString(observation.stationCode(), out);
        }
        if ((flags & Flags.UNKNOWN_AREA_CODE) == 0) {
            StringValue.writeString(observation.area(), out);
        }
        if (observation.capacity() != null) {
            VarInts.writeSigned(observation.capacity(), out);
        }
        VarInts.writeSigned(observedAt.getEpochSecond(), out);
        if (observedAt.getNano() != 0) {
            VarInts.writeUnsigned(observedAt.getNano(), out);
        }
        if ((flags & Flags.FEED_UPDATED_AT_OTHER) != 0) {
            writeRelative(feedUpdatedAt, observedAt, out);
        }
        VarInts.writeSigned(status.bikesAvailable(), out);
        VarInts.writeSigned(status.docksAvailable(), out);
        if (status.mechanicalBikes() != null) {
            VarInts.writeSigned(status.mechanicalBikes(), out);
        }
        if (status.ebikes() != null) {
            VarInts.writeSigned(status.ebikes(), out);
        }
        if (status.lastReported() != null) {
            writeRelative(status.lastReported(), observedAt, out);
        }
        if (statusCodeOther && status.stationCode() != null) {
            StringValue.writeString(status.stationCode(), out);
        }
        if (!status.inconsistencies().isEmpty()) {
            VarInts.writeUnsigned(status.inconsistencies().size(), out);
            for (Inconsistency inconsistency : status.inconsistencies()) {
                out.writeByte(codeOf(inconsistency));
            }
        }
    }

    @Override
    public StationObservation deserialize(DataInputView in) throws IOException {
        int flags = (int) VarInts.readUnsigned(in);
        String systemId = StringValue.readString(in);
        String stationId = StringValue.readString(in);
        String stationCode = (flags & Flags.HAS_CODE) != 0 ? StringValue.readString(in) : null;
        String area =
                (flags & Flags.UNKNOWN_AREA_CODE) != 0 ? StationObservation.UNKNOWN_AREA : StringValue.readString(in);
        Integer capacity = (flags & Flags.HAS_CAPACITY) != 0 ? (int) VarInts.readSigned(in) : null;
        long observedSecond = VarInts.readSigned(in);
        int observedNanos = (flags & Flags.OBSERVED_NANOS) != 0 ? (int) VarInts.readUnsigned(in) : 0;
        Instant observedAt = Instant.ofEpochSecond(observedSecond, observedNanos);
        Instant feedUpdatedAt = (flags & Flags.FEED_UPDATED_AT_OBSERVED) != 0
                ? observedAt
                : (flags & Flags.FEED_UPDATED_AT_OTHER) != 0 ? readRelative(observedAt, in) : null;
        int bikes = (int) VarInts.readSigned(in);
        int docks = (int) VarInts.readSigned(in);
        Integer mechanical = (flags & Flags.HAS_MECHANICAL) != 0 ? (int) VarInts.readSigned(in) : null;
        Integer ebikes = (flags & Flags.HAS_EBIKES) != 0 ? (int) VarInts.readSigned(in) : null;
        Instant lastReported = (flags & Flags.HAS_LAST_REPORTED) != 0 ? readRelative(observedAt, in) : null;
        String statusCode = stationCode;
        if ((flags & Flags.STATUS_CODE_OTHER) != 0) {
            statusCode = (flags & Flags.STATUS_CODE_NULL) != 0 ? null : StringValue.readString(in);
        }
        List<Inconsistency> inconsistencies = List.of();
        if ((flags & Flags.HAS_INCONSISTENCIES) != 0) {
            int count = (int) VarInts.readUnsigned(in);
            List<Inconsistency> read = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                read.add(inconsistencyOf(in.readByte()));
            }
            inconsistencies = read;
        }
        StationStatus status = new StationStatus(
                stationId,
                statusCode,
                bikes,
                mechanical,
                ebikes,
                docks,
                (flags & Flags.INSTALLED) != 0,
                (flags & Flags.RENTING) != 0,
                (flags & Flags.RETURNING) != 0,
                lastReported,
                inconsistencies);
        return new StationObservation(
                systemId,
                stationId,
                stationCode,
                stationCode != null ? stationCode : stationId,
                kindOf((flags >>> Flags.AREA_KIND_SHIFT) & 3),
                area,
                capacity,
                observedAt,
                status,
                feedUpdatedAt,
                (flags & Flags.REMOVED) != 0);
    }

    /** An instant as seconds after {@code base} (zigzag) and nanoseconds: a byte or two for a document's instants. */
    private static void writeRelative(Instant instant, Instant base, DataOutputView out) throws IOException {
        VarInts.writeSigned(instant.getEpochSecond() - base.getEpochSecond(), out);
        VarInts.writeUnsigned(instant.getNano(), out);
    }

    private static Instant readRelative(Instant base, DataInputView in) throws IOException {
        long seconds = base.getEpochSecond() + VarInts.readSigned(in);
        return Instant.ofEpochSecond(seconds, VarInts.readUnsigned(in));
    }

    /** The area kind's code: part of the format, so fixed here, not an ordinal. */
    private static int kindCodeOf(AreaKind kind) {
        return switch (kind) {
            case POSTAL_CODE -> 0;
            case USER_AREA -> 1;
            case REGION -> 2;
            case UNKNOWN -> 3;
        };
    }

    private static AreaKind kindOf(int code) {
        return switch (code) {
            case 0 -> AreaKind.POSTAL_CODE;
            case 1 -> AreaKind.USER_AREA;
            case 2 -> AreaKind.REGION;
            default -> AreaKind.UNKNOWN;
        };
    }

    /** The inconsistency's code: part of the format, so fixed here, not an ordinal; a new check takes the next. */
    static int codeOf(Inconsistency inconsistency) {
        return switch (inconsistency) {
            case NEGATIVE_BIKES -> 0;
            case NEGATIVE_DOCKS -> 1;
            case NEGATIVE_BIKE_TYPE_COUNT -> 2;
            case BIKE_TYPES_DO_NOT_SUM_TO_TOTAL -> 3;
            case DUPLICATE_FIELDS_DISAGREE -> 4;
            case REPORTED_AFTER_FEED_UPDATE -> 5;
            case IMPLAUSIBLE_LAST_REPORTED -> 6;
        };
    }

    private static Inconsistency inconsistencyOf(int code) throws IOException {
        for (Inconsistency inconsistency : Inconsistency.values()) {
            if (codeOf(inconsistency) == code) {
                return inconsistency;
            }
        }
        throw new IOException("unknown inconsistency code " + code);
    }

    @Override
    public StationObservation deserialize(StationObservation reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<StationObservation> duplicate() {
        return this;
    }

    @Override
    public StationObservation createInstance() {
        return null;
    }

    @Override
    public StationObservation copy(StationObservation from) {
        return from;
    }

    @Override
    public StationObservation copy(StationObservation from, @Nullable StationObservation reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StationObservationSerializer;
    }

    @Override
    public int hashCode() {
        return StationObservationSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<StationObservation> snapshotConfiguration() {
        return new StationObservationSerializerSnapshot();
    }
}
