package org.velibstream.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.source.http.TestEndpoints.endpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;
import org.velibstream.source.http.split.HttpEndpointSplit;

/** What {@link HttpPollingSource#createReader} hands the reader and the deserializer. */
class HttpPollingSourceTest {

    @Test
    void createReaderOpensTheDeserializerOnceBeforeItIsUsed() throws Exception {
        RecordingDeserializer deserializer = new RecordingDeserializer();
        HttpPollingSource<String> source = HttpPollingSource.<String>builder()
                .addEndpoint(endpoint("a"))
                .setDeserializer(deserializer)
                .build();
        TestReaderContext context = new TestReaderContext();

        try (SourceReader<String, HttpEndpointSplit> reader = source.createReader(context)) {
            assertThat(deserializer.calls).containsExactly("open");
            DeserializationSchema.InitializationContext opened = deserializer.openedWith;
            assertThat(opened.getUserCodeClassLoader()).isSameAs(context.classLoader);
            Counter registered = opened.getMetricGroup().counter("registeredByTheDeserializer");
            assertThat(registered).isNotNull();
            assertThat(context.configurationRequests)
                    .as("the reader is configured from the task's configuration")
                    .isPositive();

            reader.start();
            assertThat(deserializer.calls).as("opened once per reader").containsExactly("open");
        }
    }

    /** Records which of its methods were called, in order; never serialized in this test. */
    private static final class RecordingDeserializer implements HttpResponseDeserializer<String> {
        final List<String> calls = new ArrayList<>();
        DeserializationSchema.InitializationContext openedWith;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            calls.add("open");
            openedWith = context;
        }

        @Override
        public void deserialize(PolledResponse response, Collector<String> out) throws IOException {
            calls.add("deserialize");
        }

        @Override
        public void pollSucceeded(PollSuccess success, Collector<String> out) {
            calls.add("pollSucceeded");
        }

        @Override
        public void pollFailed(PollFailure failure, Collector<String> out) {
            calls.add("pollFailed");
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    private static final class TestReaderContext implements SourceReaderContext {
        final UserCodeClassLoader classLoader =
                SimpleUserCodeClassLoader.create(HttpPollingSourceTest.class.getClassLoader());
        private final SourceReaderMetricGroup metricGroup = UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        int configurationRequests;

        @Override
        public SourceReaderMetricGroup metricGroup() {
            return metricGroup;
        }

        @Override
        public Configuration getConfiguration() {
            configurationRequests++;
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {}

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return classLoader;
        }
    }
}
