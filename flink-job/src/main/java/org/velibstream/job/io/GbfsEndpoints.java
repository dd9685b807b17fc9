package org.velibstream.job.io;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.velibstream.gbfs.GbfsDiscovery;
import org.velibstream.job.ingest.GbfsFeed;
import org.velibstream.job.ingest.GbfsSystem;
import org.velibstream.job.ingest.GbfsSystemProfile;
import org.velibstream.job.ingest.SystemProfileReader;
import org.velibstream.source.http.HttpEndpoint;

/**
 * Finds a GBFS system's feeds in its {@code gbfs.json} (GBFS 1.x/2.x, keyed by language, or 3.0), once, when the job
 * is built: the station feeds to poll, which it must list, and the system's profile from the system_information,
 * vehicle_types and system_regions feeds it lists, which it may lack (a missing or broken one is a WARN line).
 * vehicle_types, when listed, is also polled (as often as station_information), to follow new vehicle types.
 */
final class GbfsEndpoints {

    private static final Timeout TIMEOUT = Timeout.ofSeconds(15);
    private static final List<GbfsFeed> PROFILE_FEEDS =
            List.of(GbfsFeed.SYSTEM_INFORMATION, GbfsFeed.VEHICLE_TYPES, GbfsFeed.SYSTEM_REGIONS);

    private GbfsEndpoints() {}

    /**
     * A system as discovered: its profile, whose id is final, and its polled endpoints under that id.
     *
     * @param system the system under its final id
     */
    record Discovered(GbfsSystem system, GbfsSystemProfile profile, List<HttpEndpoint> endpoints) {}

    /** @throws IOException when gbfs.json cannot be read or lists no station_status or station_information */
    static Discovered discover(GbfsSystem system, Duration statusInterval, Duration informationInterval)
            throws IOException {
        URI discoveryUri = system.discoveryUri();
        GbfsDiscovery discovery;
        try {
            discovery = GbfsDiscovery.decode(fetch(discoveryUri), null);
        } catch (IOException e) {
            throw new IOException("Cannot read the GBFS discovery file " + discoveryUri + ": " + e.getMessage(), e);
        }
        URI status = required(system, discovery, GbfsFeed.STATION_STATUS);
        URI information = required(system, discovery, GbfsFeed.STATION_INFORMATION);
        Map<GbfsFeed, byte[]> documents = new EnumMap<>(GbfsFeed.class);
        for (GbfsFeed feed : PROFILE_FEEDS) {
            Optional<URI> uri = discovery.feed(feed.feedName());
            if (uri.isPresent()) {
                try {
                    documents.put(feed, fetch(uri.get()));
                } catch (IOException e) {
                    SystemProfileReader.warn(feed, discoveryUri.toString(), e.getMessage());
                }
            }
        }
        GbfsSystemProfile profile =
                SystemProfileReader.read(system.id(), !system.idFromFeed(), documents, discoveryUri.toString());
        GbfsSystem named = system.withId(profile.systemId());
        List<HttpEndpoint> endpoints = new ArrayList<>(List.of(
                new HttpEndpoint(named.endpointId(GbfsFeed.STATION_STATUS).toString(), status, statusInterval),
                new HttpEndpoint(
                        named.endpointId(GbfsFeed.STATION_INFORMATION).toString(), information, informationInterval)));
        // Vehicle types change rarely; they are polled as often as station_information (hourly by default), so a
        // type added later reaches the e-bike split within that time.
        discovery
                .feed(GbfsFeed.VEHICLE_TYPES.feedName())
                .ifPresent(vehicleTypes -> endpoints.add(new HttpEndpoint(
                        named.endpointId(GbfsFeed.VEHICLE_TYPES).toString(), vehicleTypes, informationInterval)));
        return new Discovered(named, profile, endpoints);
    }

    private static URI required(GbfsSystem system, GbfsDiscovery discovery, GbfsFeed feed) throws IOException {
        return discovery
                .feed(feed.feedName())
                .orElseThrow(() -> new IOException("The gbfs.json of system '" + system.id() + "' ("
                        + system.discoveryUri() + ") lists no " + feed.feedName() + " feed"));
    }

    /** The body of a 200 answer; a decoding failure of gbfs.json is an {@link IOException} too. */
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
        }
    }
}
