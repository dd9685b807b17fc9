package org.velibstream.source.http;

import java.time.Clock;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.velibstream.source.http.enumerator.HttpPollingEnumerator;
import org.velibstream.source.http.enumerator.HttpPollingEnumeratorState;
import org.velibstream.source.http.enumerator.HttpPollingEnumeratorStateSerializer;
import org.velibstream.source.http.reader.HttpPollRecordEmitter;
import org.velibstream.source.http.reader.HttpPollingMetrics;
import org.velibstream.source.http.reader.HttpPollingSourceReader;
import org.velibstream.source.http.reader.HttpPollingSplitReader;
import org.velibstream.source.http.split.HttpEndpointSplit;
import org.velibstream.source.http.split.HttpEndpointSplitSerializer;

/**
 * A source that polls HTTP endpoints and turns each changed response into records. Build one with
 * {@link #builder()}:
 *
 * <pre>{@code
 * HttpPollingSource<StationStatus> source = HttpPollingSource.<StationStatus>builder()
 *         .addEndpoint(new HttpEndpoint("velib-status", URI.create("https://.../station_status.json"),
 *                 Duration.ofSeconds(60)))
 *         .setDeserializer(new StationStatusDeserializer())
 *         .build();
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "velib-gbfs");
 * }</pre>
 *
 * <p>Each endpoint is one split. Unchanged data (304, or a body identical to the last emitted one) emits nothing,
 * and the state that decides this is checkpointed together with what was emitted.
 */
public final class HttpPollingSource<T>
        implements Source<T, HttpEndpointSplit, HttpPollingEnumeratorState>, ResultTypeQueryable<T> {

    private final List<HttpEndpoint> endpoints;
    private final HttpPollingSourceOptions options;
    private final HttpResponseDeserializer<T> deserializer;

    HttpPollingSource(
            List<HttpEndpoint> endpoints, HttpPollingSourceOptions options, HttpResponseDeserializer<T> deserializer) {
        this.endpoints = List.copyOf(endpoints);
        this.options = options;
        this.deserializer = deserializer;
    }

    public static <T> HttpPollingSourceBuilder<T> builder() {
        return new HttpPollingSourceBuilder<>();
    }

    public List<HttpEndpoint> endpoints() {
        return endpoints;
    }

    public HttpPollingSourceOptions options() {
        return options;
    }

    @Override
    public Boundedness getBoundedness() {
        return options.boundedness();
    }

    @Override
    public SourceReader<T, HttpEndpointSplit> createReader(SourceReaderContext readerContext) {
        HttpPollingMetrics metrics = new HttpPollingMetrics(readerContext.metricGroup(), Clock.systemUTC());
        return new HttpPollingSourceReader<>(
                () -> new HttpPollingSplitReader(options, metrics, Clock.systemUTC()),
                new HttpPollRecordEmitter<>(deserializer, metrics),
                new Configuration(),
                readerContext);
    }

    @Override
    public SplitEnumerator<HttpEndpointSplit, HttpPollingEnumeratorState> createEnumerator(
            SplitEnumeratorContext<HttpEndpointSplit> context) {
        return new HttpPollingEnumerator(
                context,
                getBoundedness(),
                endpoints.stream().map(HttpEndpointSplit::new).toList());
    }

    @Override
    public SplitEnumerator<HttpEndpointSplit, HttpPollingEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<HttpEndpointSplit> context, HttpPollingEnumeratorState checkpoint) {
        return new HttpPollingEnumerator(context, getBoundedness(), checkpoint.unassignedSplits());
    }

    @Override
    public SimpleVersionedSerializer<HttpEndpointSplit> getSplitSerializer() {
        return HttpEndpointSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<HttpPollingEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new HttpPollingEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }
}
