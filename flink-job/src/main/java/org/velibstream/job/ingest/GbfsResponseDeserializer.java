package org.velibstream.job.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationStatusDecoder;
import org.velibstream.source.http.HttpResponseDeserializer;
import org.velibstream.source.http.PolledResponse;

import java.time.Instant;

/**
 * Decodes polled {@code station_status} and {@code station_information} documents. The endpoint id says which
 * system and feed a response belongs to ({@code "velib/station_status"}, see {@link GbfsSystem#endpointId}).
 */
public final class GbfsResponseDeserializer implements HttpResponseDeserializer<FeedItem> {

    public static final String STATION_STATUS = "station_status";
    public static final String STATION_INFORMATION = "station_information";

    private static final long serialVersionUID = 1L;

    private final StationStatusDecoder statusDecoder = new StationStatusDecoder();
    private final StationInformationDecoder informationDecoder = new StationInformationDecoder();

    @Override
    public void deserialize(PolledResponse response, Collector<FeedItem> out) {
        String endpointId = response.endpointId();
        int slash = endpointId.lastIndexOf('/');
        String systemId = slash > 0 ? endpointId.substring(0, slash) : endpointId;
        String feed = endpointId.substring(slash + 1);
        FeedItemCollector items = new FeedItemCollector(systemId, "http " + endpointId, out);
        Instant fetchedAt = response.fetchedAt();
        try {
            switch (feed) {
                case STATION_STATUS -> statusDecoder.decodeDocument(response.body(), items.statuses(fetchedAt, fetchedAt));
                case STATION_INFORMATION -> informationDecoder.decodeDocument(
                        response.body(), items.information(fetchedAt, fetchedAt));
                default -> items.rejectedDocument("no decoder for feed '" + feed + "'", response.body(), fetchedAt);
            }
        } catch (GbfsDecodingException e) {
            items.rejectedDocument(e.getMessage(), response.body(), fetchedAt);
        }
    }

    @Override
    public TypeInformation<FeedItem> getProducedType() {
        return TypeInformation.of(FeedItem.class);
    }
}
