package org.velibstream.job.model;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of {@link StationObservationSerializer}: its format version, nothing else (it has no configuration).
 *
 * <p><b>Upgrades.</b> State written before this serializer was written by Flink's record {@code PojoSerializer}; its
 * snapshot resolves as compatible after migration, so Flink reads such state with the old serializer and writes it
 * again with this one (the heap backend at the restore, RocksDB as it migrates the state's values).
 */
public final class StationObservationSerializerSnapshot implements TypeSerializerSnapshot<StationObservation> {

    /** The version of the format {@link StationObservationSerializer} writes. */
    static final int VERSION = 1;

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion != VERSION) {
            throw new IOException("unknown version " + readVersion + " of the station observation serializer");
        }
    }

    @Override
    public TypeSerializer<StationObservation> restoreSerializer() {
        return StationObservationSerializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<StationObservation> resolveSchemaCompatibility(
            TypeSerializerSnapshot<StationObservation> oldSnapshot) {
        if (oldSnapshot instanceof StationObservationSerializerSnapshot) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        if (oldSnapshot instanceof PojoSerializerSnapshot) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}
