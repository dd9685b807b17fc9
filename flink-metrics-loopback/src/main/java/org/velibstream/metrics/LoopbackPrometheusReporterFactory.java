package org.velibstream.metrics;

import java.util.Properties;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.PortRange;

/**
 * {@code metrics.reporter.<name>.factory.class: org.velibstream.metrics.LoopbackPrometheusReporterFactory}, with
 * {@code metrics.reporter.<name>.host} (default {@value #DEFAULT_HOST}) and {@code metrics.reporter.<name>.port} (a
 * port or a range, default {@value #DEFAULT_PORTS}, as Flink's own Prometheus reporter).
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final String DEFAULT_PORTS = "9249";

    @Override
    public LoopbackPrometheusReporter createMetricReporter(Properties properties) {
        MetricConfig config = (MetricConfig) properties;
        String host = config.getString(HOST, DEFAULT_HOST);
        // Listening everywhere is what this reporter exists to avoid; Flink's own reporter does that already.
        if (LoopbackPrometheusReporter.isWildcard(host)) {
            throw new IllegalArgumentException("the Prometheus reporter's host must be one address, not '" + host
                    + "'; use Flink's PrometheusReporterFactory to listen on every interface");
        }
        return new LoopbackPrometheusReporter(host, new PortRange(config.getString(PORT, DEFAULT_PORTS)));
    }
}
