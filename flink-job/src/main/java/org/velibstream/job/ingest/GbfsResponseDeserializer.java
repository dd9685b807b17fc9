package org.velibstream.job.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.velibstream.gbfs.BikeType;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.GbfsVehicleTypes;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationStatusDecoder;
import org.velibstream.source.http.HttpResponseDeserializer;
import org.velibstream.source.http.PollFailure;
import org.velibstream.source.http.PollSuccess;
import org.velibstream.source.http.PolledResponse;

/**
 * Decodes polled {@code station_status}, {@code station_information} and {@code vehicle_types} documents, and reports each poll's
 * {@link FeedHealth}. The endpoint id says which system and feed a response belongs to ({@link GbfsEndpointId}).
 *
 * <p>Each system's statuses are decoded with its own {@code vehicle_types} table (read when the job is built, see
 * {@link GbfsSystemProfile}, then as polled): a {@code vehicle_type_id} means something only within its system.
 */
public final class GbfsResponseDeserializer implements HttpResponseDeserializer<FeedItem> {

    private static final long serialVersionUID = 1L;

    /** The decoder of systems without a vehicle_types table of their own. */
    private final StationStatusDecoder statusDecoder = new StationStatusDecoder();

    private final HashMap<String, StationStatusDecoder> statusDecoderBySystem = new HashMap<>();
    private final StationInformationDecoder informationDecoder = new StationInformationDecoder();

    /** A deserializer for systems whose statuses need no vehicle_types table. */
    public GbfsResponseDeserializer() {
        this(Map.of());
    }

    /** @param vehicleTypesBySystem system id → its {@code vehicle_type_id} → bike type */
    public GbfsResponseDeserializer(Map<String, Map<String, BikeType>> vehicleTypesBySystem) {
        vehicleTypesBySystem.forEach((systemId, vehicleTypes) -> {
            if (!vehicleTypes.isEmpty()) {
                statusDecoderBySystem.put(systemId, new StationStatusDecoder(vehicleTypes));
            }
        });
    }

    @Override
    public void deserialize(PolledResponse response, Collector<FeedItem> out) {
        GbfsEndpointId endpoint = GbfsEndpointId.parse(response.endpointId());
        FeedItemCollector items = new FeedItemCollector(endpoint.systemId(), "http " + endpoint, out);
        Instant fetchedAt = response.fetchedAt();
        try {
            switch (endpoint.feed()) {
                case STATION_STATUS ->
                    statusDecoderBySystem
                            .getOrDefault(endpoint.systemId(), statusDecoder)
                            .decodeDocument(response.body(), items.statuses(fetchedAt, fetchedAt));
                case STATION_INFORMATION ->
                    informationDecoder.decodeDocument(response.body(), items.information(fetchedAt, fetchedAt));
                case VEHICLE_TYPES -> useVehicleTypes(endpoint.systemId(), GbfsVehicleTypes.decode(response.body()));
                default ->
                    items.rejectedDocument(
                            "the job does not poll the " + endpoint.feed() + " feed", response.body(), fetchedAt);
            }
        } catch (GbfsDecodingException e) {
            items.rejectedDocument(e.getMessage(), response.body(), fetchedAt);
        }
    }

    /**
     * The system's statuses are decoded from now on with {@code vehicleTypes}, polled on this reader with them (the
     * enumerator gives one system's endpoints to one reader). A reader restarted from a checkpoint starts again from
     * the table read when the job was built, until its first vehicle_types poll, which comes at once.
     */
    private void useVehicleTypes(String systemId, GbfsVehicleTypes vehicleTypes) {
        if (vehicleTypes.bikeTypes().isEmpty()) {
            statusDecoderBySystem.remove(systemId);
        } else {
            statusDecoderBySystem.put(systemId, new StationStatusDecoder(vehicleTypes.bikeTypes()));
        }
    }

    @Override
    public void pollSucceeded(PollSuccess success, Collector<FeedItem> out) {
        GbfsEndpointId endpoint = GbfsEndpointId.parse(success.endpointId());
        out.collect(FeedItem.health(
                FeedHealth.up(endpoint.systemId(), endpoint.feed().feedName(), success.receivedAt())));
    }

    @Override
    public void pollFailed(PollFailure failure, Collector<FeedItem> out) {
        GbfsEndpointId endpoint = GbfsEndpointId.parse(failure.endpointId());
        out.collect(FeedItem.health(FeedHealth.down(
                endpoint.systemId(),
                endpoint.feed().feedName(),
                failure.startedAt(),
                failure.kind().metricName(),
                failure.reason())));
    }

    @Override
    public TypeInformation<FeedItem> getProducedType() {
        return TypeInformation.of(FeedItem.class);
    }
}
