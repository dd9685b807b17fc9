package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.gbfs.Inconsistency;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.job.alerts.FeedHealthDetector;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.alerts.StationAlertDetector;
import org.velibstream.job.ingest.FeedHealth;
import org.velibstream.job.model.PendingObservations;
import org.velibstream.job.model.StationObservation;
import org.velibstream.job.model.StationObservationSerializer;
import org.velibstream.job.model.StationObservationTypeInfo;
import org.velibstream.job.model.SystemBucket;
import org.velibstream.job.model.TrackerInput;
import org.velibstream.job.stations.PlacedArea;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.stats.StatsArea;

/**
 * Flink must serialize the job's records, in the stream and in state, with its own serializers: Kryo would be
 * slow and would break state on schema changes.
 */
class RecordTypeInformationTest {

    private static final TypeInformation<StationObservation> TYPE = TypeInformation.of(StationObservation.class);

    @Test
    void observationHasItsCompactSerializerEverywhere() {
        assertThat(TYPE).isInstanceOf(StationObservationTypeInfo.class);
        assertThat(TYPE.createSerializer(new SerializerConfigImpl())).isSameAs(StationObservationSerializer.INSTANCE);
        PojoTypeInfo<TrackerInput> trackerInput = (PojoTypeInfo<TrackerInput>) TypeInformation.of(TrackerInput.class);
        assertThat(trackerInput.getTypeAt("observation"))
                .as("an observation inside another record")
                .isInstanceOf(StationObservationTypeInfo.class);
        assertThat(StationAlertDetector.LATE_OBSERVATIONS.getTypeInfo()).isInstanceOf(StationObservationTypeInfo.class);
    }

    @Test
    void statusIsARecordPojoWithoutGenericTypeAnywhere() {
        TypeInformation<StationStatus> status = TypeInformation.of(StationStatus.class);
        assertThat(status).isInstanceOf(PojoTypeInfo.class);
        assertThat(((PojoTypeInfo<StationStatus>) status).getTypeAt("inconsistencies"))
                .isInstanceOf(ListTypeInfo.class);
        assertThat(genericTypesIn(status)).as("types Flink would hand to Kryo").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            classes = {
                AreaStats.class,
                StatsArea.class,
                PlacedArea.class,
                StationAlert.class,
                StationAlertDetector.BikeCount.class,
                FeedHealthDetector.FailureStreak.class,
                FeedHealth.class,
                PendingObservations.StationAt.class,
                SystemBucket.class,
                TrackerInput.class
            })
    void everyRecordInTheStreamOrInStateIsAPojoWithoutGenericType(Class<?> recordClass) {
        TypeInformation<?> type = TypeInformation.of(recordClass);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(genericTypesIn(type)).as("types Flink would hand to Kryo").isEmpty();
    }

    @Test
    void serializerRoundTripsAnObservationWithNullsAndATombstone() throws IOException {
        TypeSerializer<StationObservation> serializer = TYPE.createSerializer(new SerializerConfigImpl());
        StationStatus status = new StationStatus(
                "213688169",
                "16107",
                3,
                1,
                null,
                20,
                true,
                true,
                false,
                Instant.parse("2024-11-19T08:20:00Z"),
                List.of(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL));
        StationObservation observation = StationObservation.of(
                "velib", status, AreaKind.POSTAL_CODE, "75016", null, Instant.parse("2024-11-19T08:22:18Z"), null);

        for (StationObservation original :
                List.of(observation, observation.removedAt(Instant.parse("2024-11-19T08:23:18Z")))) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serializer.serialize(original, out);
            StationObservation copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(copy).isEqualTo(original);
        }
    }

    private static List<TypeInformation<?>> genericTypesIn(TypeInformation<?> type) {
        List<TypeInformation<?>> found = new ArrayList<>();
        collectGenericTypes(type, found);
        return found;
    }

    private static void collectGenericTypes(TypeInformation<?> type, List<TypeInformation<?>> found) {
        if (type instanceof GenericTypeInfo) {
            found.add(type);
        } else if (type instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                collectGenericTypes(composite.getTypeAt(i), found);
            }
        } else if (type instanceof ListTypeInfo<?> list) {
            collectGenericTypes(list.getElementTypeInfo(), found);
        }
    }
}
