package org.velibstream.source.http.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class HttpPollingMetricsTest {

    private final Map<String, Metric> registered = new TreeMap<>();
    private final HttpPollingMetrics metrics =
            new HttpPollingMetrics(new RecordingMetricGroup("reader", registered), Clock.systemUTC());

    @Test
    void registersEveryMetricOncePerEndpoint() {
        metrics.forEndpoint("velib");
        metrics.forEndpoint("velib");

        assertThat(registered.keySet())
                .contains(
                        "reader.endpoint.velib.polls",
                        "reader.endpoint.velib.notModified",
                        "reader.endpoint.velib.unchanged",
                        "reader.endpoint.velib.bytes",
                        "reader.endpoint.velib.recordsEmitted",
                        "reader.endpoint.velib.fetchLatencyMillis",
                        "reader.endpoint.velib.secondsSinceLastSuccess",
                        "reader.endpoint.velib.consecutiveFailures");
        assertThat(registered.keySet())
                .containsAll(Arrays.stream(FailureKind.values())
                        .map(kind -> "reader.endpoint.velib.failure." + kind.metricName() + ".polls")
                        .toList());
    }

    @Test
    void gaugesFollowTheLastPollAndTheFailureStreak() {
        HttpPollingMetrics.EndpointMetrics endpoint = metrics.forEndpoint("velib");

        endpoint.polled(42);
        endpoint.failed(FailureKind.TIMEOUT, 1);
        endpoint.failed(FailureKind.HTTP_5XX, 2);
        assertThat(gauge("fetchLatencyMillis")).isEqualTo(42L);
        assertThat(gauge("consecutiveFailures")).isEqualTo(2);
        assertThat(counter("failure.timeout.polls")).isEqualTo(1);
        assertThat(counter("failure.http5xx.polls")).isEqualTo(1);

        endpoint.succeeded(1_000);
        assertThat(gauge("consecutiveFailures")).isEqualTo(0);
        assertThat(gauge("secondsSinceLastSuccess")).isEqualTo(0L);
        assertThat(counter("bytes")).isEqualTo(1_000);
    }

    private Object gauge(String name) {
        return ((Gauge<?>) registered.get("reader.endpoint.velib." + name)).getValue();
    }

    private long counter(String name) {
        return ((Counter) registered.get("reader.endpoint.velib." + name)).getCount();
    }

    /** Names metrics as Flink's identifiers do (key-value groups add both parts) and keeps them in a map. */
    private static final class RecordingMetricGroup extends UnregisteredMetricsGroup {
        private final String scope;
        private final Map<String, Metric> registered;

        RecordingMetricGroup(String scope, Map<String, Metric> registered) {
            this.scope = scope;
            this.registered = registered;
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new SimpleCounter());
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            return register(name, counter);
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            return register(name, gauge);
        }

        @Override
        public MetricGroup addGroup(String name) {
            return new RecordingMetricGroup(scope + "." + name, registered);
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new RecordingMetricGroup(scope + "." + key + "." + value, registered);
        }

        private <M extends Metric> M register(String name, M metric) {
            Metric previous = registered.putIfAbsent(scope + "." + name, metric);
            assertThat(previous)
                    .as("metric %s.%s registered twice", scope, name)
                    .isNull();
            return metric;
        }
    }
}
