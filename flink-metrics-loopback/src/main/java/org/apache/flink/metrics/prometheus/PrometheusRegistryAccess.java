package org.apache.flink.metrics.prometheus;

import io.prometheus.client.CollectorRegistry;

/**
 * Opens the one package-private member a reporter outside this package needs: the registry that {@link
 * AbstractPrometheusReporter} fills with Flink's metrics. Flink's own {@code PrometheusReporter} serves it on every
 * interface and has no option for an address; this class lets {@code LoopbackPrometheusReporter} serve the same
 * registry on one address. It lives in Flink's package because that is the only way to reach the field without
 * reflection; both jars are on the same class path (the cluster's), so they share the runtime package.
 */
public final class PrometheusRegistryAccess {

    private PrometheusRegistryAccess() {}

    public static CollectorRegistry registryOf(AbstractPrometheusReporter reporter) {
        return reporter.registry;
    }
}
