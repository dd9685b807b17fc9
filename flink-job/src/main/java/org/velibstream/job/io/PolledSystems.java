package org.velibstream.job.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.job.ingest.GbfsSystem;
import org.velibstream.job.ingest.GbfsSystemProfile;
import org.velibstream.job.settings.InputSettings;
import org.velibstream.source.http.HttpEndpoint;

/**
 * The GBFS systems the job polls, discovered when the job is built: those of {@code --gbfs}, which must all be
 * reachable, and those selected from {@code --gbfs-catalog}, of which one that cannot be discovered is logged and
 * left out (a catalog of a hundred systems is not held up by one that is down).
 *
 * @param endpoints the polled endpoints, one per system and station feed
 * @param profiles each system's profile, by its final id, in the options' order
 */
record PolledSystems(List<HttpEndpoint> endpoints, Map<String, GbfsSystemProfile> profiles) {

    private static final Logger LOG = LoggerFactory.getLogger(PolledSystems.class);

    PolledSystems {
        endpoints = List.copyOf(endpoints);
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    }

    /**
     * @throws IOException when a {@code --gbfs} system cannot be discovered, or no catalog system can
     * @throws IllegalArgumentException when two systems have one id, or the catalog selects no system
     */
    static PolledSystems discover(InputSettings settings) throws IOException {
        List<HttpEndpoint> endpoints = new ArrayList<>();
        Map<String, GbfsSystemProfile> profiles = new LinkedHashMap<>();
        for (GbfsSystem system : settings.systems()) {
            add(
                    GbfsEndpoints.discover(system, settings.statusInterval(), settings.informationInterval()),
                    endpoints,
                    profiles);
        }
        if (settings.catalog() != null) {
            List<GbfsSystem> selected = CatalogSystems.select(settings.catalog());
            int discovered = 0;
            for (GbfsSystem system : selected) {
                try {
                    add(
                            GbfsEndpoints.discover(system, settings.statusInterval(), settings.informationInterval()),
                            endpoints,
                            profiles);
                    discovered++;
                } catch (IOException e) {
                    LOG.warn("Not polled: catalog system '{}': {}", system.id(), e.getMessage());
                }
            }
            if (discovered == 0) {
                throw new IOException("None of the " + selected.size() + " system(s) selected from --gbfs-catalog "
                        + settings.catalog().file() + " could be discovered (see the WARN lines)");
            }
        }
        return new PolledSystems(endpoints, profiles);
    }

    private static void add(
            GbfsEndpoints.Discovered discovered,
            List<HttpEndpoint> endpoints,
            Map<String, GbfsSystemProfile> profiles) {
        GbfsSystemProfile earlier = profiles.putIfAbsent(discovered.profile().systemId(), discovered.profile());
        if (earlier != null) {
            throw new IllegalArgumentException("Two GBFS systems have the id '" + earlier.systemId()
                    + "' (the second is " + discovered.system().discoveryUri()
                    + "): name them with id=url in --gbfs");
        }
        endpoints.addAll(discovered.endpoints());
    }
}
