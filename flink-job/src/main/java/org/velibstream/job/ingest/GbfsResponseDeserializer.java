package org.velibstream.job.ingest;

import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationStatusDecoder;
import org.velibstream.source.http.HttpResponseDeserializer;
import org.velibstream.source.http.PollFailure;
import org.velibstream.source.http.PollSuccess;
import org.velibstream.source.http.PolledResponse;

/**
 * Decodes polled {@code station_status} and {@code station_information} documents, and reports each poll's
 * {@link FeedHealth}. The endpoint id says which system and feed a response belongs to ({@code "velib/station_status"},
 * see {@link GbfsSystem#endpointId}).
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
        String feed = feedOf(endpointId);
        FeedItemCollector items = new FeedItemCollector(systemIdOf(endpointId), "http " + endpointId, out);
        Instant fetchedAt = response.fetchedAt();
        try {
            switch (feed) {
                case STATION_STATUS ->
                    statusDecoder.decodeDocument(response.body(), items.statuses(fetchedAt, fetchedAt));
                case STATION_INFORMATION ->
                    informationDecoder.decodeDocument(response.body(), items.information(fetchedAt, fetchedAt));
                default -> items.rejectedDocument("no decoder for feed '" + feed + "'", response.body(), fetchedAt);
            }
        } catch (GbfsDecodingException e) {
            items.rejectedDocument(e.getMessage(), response.body(), fetchedAt);
        }
    }

    @Override
    public void pollSucceeded(PollSuccess success, Collector<FeedItem> out) {
        String endpointId = success.endpointId();
        out.collect(FeedItem.health(FeedHealth.up(systemIdOf(endpointId), feedOf(endpointId), success.receivedAt())));
    }

    @Override
    public void pollFailed(PollFailure failure, Collector<FeedItem> out) {
        String endpointId = failure.endpointId();
        out.collect(FeedItem.health(FeedHealth.down(
                systemIdOf(endpointId),
                feedOf(endpointId),
                failure.startedAt(),
                failure.kind().metricName(),
                failure.reason())));
    }

    private static String systemIdOf(String endpointId) {
        int slash = endpointId.lastIndexOf('/');
        return slash > 0 ? endpointId.substring(0, slash) : endpointId;
    }

    private static String feedOf(String endpointId) {
        return endpointId.substring(endpointId.lastIndexOf('/') + 1);
    }

    @Override
    public TypeInformation<FeedItem> getProducedType() {
        return TypeInformation.of(FeedItem.class);
    }
}
