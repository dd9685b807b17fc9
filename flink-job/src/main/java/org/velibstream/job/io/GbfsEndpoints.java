package org.velibstream.job.io;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.velibstream.gbfs.GbfsDiscovery;
import org.velibstream.job.ingest.GbfsFeed;
import org.velibstream.job.ingest.GbfsSystem;
import org.velibstream.source.http.HttpEndpoint;

/** Finds a GBFS system's station feeds in its {@code gbfs.json}, once, when the job is built. */
final class GbfsEndpoints {

    private static final Timeout TIMEOUT = Timeout.ofSeconds(15);

    private GbfsEndpoints() {}

    static List<HttpEndpoint> discover(GbfsSystem system, Duration statusInterval, Duration informationInterval)
            throws IOException {
        GbfsDiscovery discovery = GbfsDiscovery.decode(fetch(system.discoveryUri()), null);
        return List.of(
                endpoint(system, discovery, GbfsFeed.STATION_STATUS, statusInterval),
                endpoint(system, discovery, GbfsFeed.STATION_INFORMATION, informationInterval));
    }

    private static HttpEndpoint endpoint(GbfsSystem system, GbfsDiscovery discovery, GbfsFeed feed, Duration interval)
            throws IOException {
        URI uri = discovery
                .feed(feed.feedName())
                .orElseThrow(() -> new IOException("The gbfs.json of system '" + system.id() + "' ("
                        + system.discoveryUri() + ") lists no " + feed.feedName() + " feed"));
        return new HttpEndpoint(system.endpointId(feed).toString(), uri, interval);
    }

    private static byte[] fetch(URI uri) throws IOException {
        RequestConfig config = RequestConfig.custom()
                .setConnectionRequestTimeout(TIMEOUT)
                .setResponseTimeout(TIMEOUT)
                .build();
        try (CloseableHttpClient client = HttpClients.custom()
                .setDefaultRequestConfig(config)
                .useSystemProperties()
                .build()) {
            return client.execute(new HttpGet(uri), response -> {
                if (response.getCode() != 200) {
                    throw new IOException("GET " + uri + " answered HTTP " + response.getCode() + ", expected 200");
                }
                return EntityUtils.toByteArray(response.getEntity());
            });
        } catch (IOException e) {
            throw new IOException("Cannot read the GBFS discovery file " + uri + ": " + e.getMessage(), e);
        }
    }
}
