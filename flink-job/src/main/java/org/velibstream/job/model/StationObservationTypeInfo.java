package org.velibstream.job.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of {@link StationObservation} for Flink: an opaque value written by {@link StationObservationSerializer}.
 * {@link StationObservation} names {@link Factory} in its {@code @TypeInfo}, so every {@code TypeInformation.of}, the
 * functions' extracted types and the records holding an observation use it.
 */
public final class StationObservationTypeInfo extends TypeInformation<StationObservation> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<StationObservation> getTypeClass() {
        return StationObservation.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<StationObservation> createSerializer(SerializerConfig config) {
        return StationObservationSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "StationObservation (compact)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StationObservationTypeInfo;
    }

    @Override
    public int hashCode() {
        return StationObservationTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof StationObservationTypeInfo;
    }

    /** What {@code @TypeInfo} on {@link StationObservation} names. */
    public static final class Factory extends TypeInfoFactory<StationObservation> {
        @Override
        public TypeInformation<StationObservation> createTypeInfo(
                Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new StationObservationTypeInfo();
        }
    }
}
