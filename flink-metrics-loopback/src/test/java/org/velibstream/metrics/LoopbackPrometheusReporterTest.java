package org.velibstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import org.apache.flink.metrics.MetricConfig;
import org.junit.jupiter.api.Test;

class LoopbackPrometheusReporterTest {

    private final LoopbackPrometheusReporterFactory factory = new LoopbackPrometheusReporterFactory();

    @Test
    void servesMetricsOnLoopbackOnly() throws Exception {
        LoopbackPrometheusReporter reporter = factory.createMetricReporter(config("127.0.0.1", "0"));
        try {
            InetSocketAddress address = reporter.address();
            assertThat(address.getAddress().isLoopbackAddress()).isTrue();
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            // Flink's own reporter would answer here too: it listens on every interface.
            Optional<InetAddress> external = firstExternalIpv4();
            if (external.isPresent()) {
                assertThatThrownBy(() -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(new InetSocketAddress(external.get(), address.getPort()), 2_000);
                            }
                        })
                        .isInstanceOf(IOException.class);
            }
        } finally {
            reporter.close();
        }
    }

    @Test
    void takesTheNextPortOfTheRangeWhenTheFirstIsTaken() {
        LoopbackPrometheusReporter first = factory.createMetricReporter(config("127.0.0.1", "0"));
        int taken = first.address().getPort();
        LoopbackPrometheusReporter second =
                factory.createMetricReporter(config("127.0.0.1", taken + "-" + (taken + 20)));
        try {
            assertThat(second.address().getPort()).isGreaterThan(taken);
        } finally {
            second.close();
            first.close();
        }
    }

    @Test
    void refusesToListenOnEveryInterface() {
        assertThatThrownBy(() -> factory.createMetricReporter(config("0.0.0.0", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one address");
    }

    private static MetricConfig config(String host, String ports) {
        MetricConfig config = new MetricConfig();
        config.setProperty(LoopbackPrometheusReporterFactory.HOST, host);
        config.setProperty(LoopbackPrometheusReporterFactory.PORT, ports);
        return config;
    }

    private static Optional<InetAddress> firstExternalIpv4() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
