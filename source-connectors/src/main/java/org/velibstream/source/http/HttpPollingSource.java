package org.velibstream.source.http;

import java.time.Clock;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;
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

    /**
     * Opens the deserializer, as the Kafka source opens its own, then creates the reader with the task's
     * configuration (so that the source-reader options set for the job apply).
     */
    @Override
    public SourceReader<T, HttpEndpointSplit> createReader(SourceReaderContext readerContext) throws Exception {
        deserializer.open(new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return readerContext.metricGroup().addGroup("deserializer");
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return readerContext.getUserCodeClassLoader();
            }
        });
        HttpPollingMetrics metrics = new HttpPollingMetrics(readerContext.metricGroup(), Clock.systemUTC());
        return new HttpPollingSourceReader<>(
                () -> new HttpPollingSplitReader(options, metrics, Clock.systemUTC()),
                new HttpPollRecordEmitter<>(deserializer, metrics),
                readerContext.getConfiguration(),
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
