package org.velibstream.job.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>A station_status document whose {@code last_updated} is further ahead of its fetch time than the
 * {@link MaxClockSkew} is one dead letter, with the reason and the document: none of its statuses moves event time.
 * Its poll, and the polls that find it unchanged, report the feed down ({@value #CLOCK_AHEAD}), so that a feed whose
 * every document comes "from the future" raises FEED_DOWN after {@code --feed-down-after} rather than looking healthy
 * while it contributes nothing. The next document within the limit reports it up again.
 */
public final class GbfsResponseDeserializer implements HttpResponseDeserializer<FeedItem> {

    private static final long serialVersionUID = 1L;

    /** The failure kind of a feed whose latest document is stamped too far ahead of its fetch. */
    public static final String CLOCK_AHEAD = "clock-ahead";

    /** The decoder of systems without a vehicle_types table of their own. */
    private final StationStatusDecoder statusDecoder = new StationStatusDecoder();

    private final HashMap<String, StationStatusDecoder> statusDecoderBySystem = new HashMap<>();
    private final StationInformationDecoder informationDecoder = new StationInformationDecoder();
    private final MaxClockSkew maxClockSkew;

    /**
     * Endpoint id → why its latest station_status document was rejected for its time; absent while its latest
     * document was usable. Not checkpointed: after a restore, the next changed document decides again.
     */
    private final HashMap<String, String> clockAheadByEndpoint = new HashMap<>();

    /** A deserializer for systems whose statuses need no vehicle_types table, with the default clock skew. */
    public GbfsResponseDeserializer() {
        this(Map.of(), MaxClockSkew.defaults());
    }

    /** @param vehicleTypesBySystem system id → its {@code vehicle_type_id} → bike type */
    public GbfsResponseDeserializer(Map<String, Map<String, BikeType>> vehicleTypesBySystem) {
        this(vehicleTypesBySystem, MaxClockSkew.defaults());
    }

    /**
     * @param vehicleTypesBySystem system id → its {@code vehicle_type_id} → bike type
     * @param maxClockSkew how far ahead of its fetch a station_status document may be stamped
     */
    public GbfsResponseDeserializer(
            Map<String, Map<String, BikeType>> vehicleTypesBySystem, MaxClockSkew maxClockSkew) {
        this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
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
                case STATION_STATUS -> decodeStatuses(response, endpoint, items);
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

    private void decodeStatuses(PolledResponse response, GbfsEndpointId endpoint, FeedItemCollector items) {
        Instant fetchedAt = response.fetchedAt();
        FeedItemCollector.StatusListener statuses =
                items.statusesNotAhead(response.body(), fetchedAt, fetchedAt, maxClockSkew);
        try {
            statusDecoderBySystem
                    .getOrDefault(endpoint.systemId(), statusDecoder)
                    .decodeDocument(response.body(), statuses);
        } catch (GbfsDecodingException e) {
            statuses.decodingFailed(e);
        }
        if (statuses.clockAhead() != null) {
            clockAheadByEndpoint.put(response.endpointId(), statuses.clockAhead());
        } else {
            clockAheadByEndpoint.remove(response.endpointId());
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
        String clockAhead = clockAheadByEndpoint.get(success.endpointId());
        out.collect(FeedItem.health(
                clockAhead == null
                        ? FeedHealth.up(endpoint.systemId(), endpoint.feed().feedName(), success.receivedAt())
                        : FeedHealth.down(
                                endpoint.systemId(),
                                endpoint.feed().feedName(),
                                success.receivedAt(),
                                CLOCK_AHEAD,
                                clockAhead)));
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
