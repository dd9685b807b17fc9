package org.velibstream.metrics;

import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Iterator;
import javax.annotation.Nullable;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.prometheus.PrometheusRegistryAccess;
import org.apache.flink.util.PortRange;

/**
 * Flink's Prometheus reporter (same metric names, labels and registry) whose HTTP endpoint listens on one address
 * only. Like Flink's, it takes the first free port of its range, so the JobManager and a TaskManager on the same
 * machine share one range.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {

    private final HTTPServer httpServer;
    private final InetSocketAddress address;

    LoopbackPrometheusReporter(String host, PortRange ports) {
        HTTPServer started = null;
        InetSocketAddress boundTo = null;
        IOException lastFailure = null;
        for (Iterator<Integer> it = ports.getPortsIterator(); it.hasNext() && started == null; ) {
            InetSocketAddress candidate = new InetSocketAddress(host, it.next());
            try {
                started = new HTTPServer(candidate, PrometheusRegistryAccess.registryOf(this), true);
                boundTo = candidate;
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        if (started == null) {
            throw new IllegalStateException(
                    "no free port for the Prometheus reporter on " + host + " in " + ports, lastFailure);
        }
        this.httpServer = started;
        this.address = new InetSocketAddress(boundTo.getAddress(), started.getPort());
        log.info("Started the Prometheus reporter's HTTP server on {}.", address);
    }

    /** Where the endpoint listens (its port is the one taken from the range). */
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        httpServer.stop();
        super.close();
    }

    @Override
    public String toString() {
        return "LoopbackPrometheusReporter on " + address;
    }

    static boolean isWildcard(@Nullable String host) {
        return host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::");
    }
}
