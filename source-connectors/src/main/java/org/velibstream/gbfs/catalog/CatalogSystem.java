package org.velibstream.gbfs.catalog;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One system of MobilityData's GBFS catalog ({@code systems.csv}): enough to poll it ({@link #autoDiscoveryUrl()},
 * the {@code gbfs.json} every other feed is found from) and to name it to people.
 *
 * @param countryCode {@code Country Code}, ISO 3166-1 alpha-2 as the catalog writes it (for example {@code "US"})
 * @param name {@code Name}, for example {@code "Bay Wheels"}
 * @param location {@code Location}, for example {@code "San Francisco Bay Area, CA"}; empty when the catalog has none
 * @param systemId {@code System ID}: the system's id in the catalog, and usually its {@code system_information}'s
 * @param url {@code URL}, the operator's web site; null when the catalog has none
 * @param autoDiscoveryUrl {@code Auto-Discovery URL}: the absolute http(s) URL of the system's {@code gbfs.json}
 * @param supportedVersions {@code Supported Versions}, for example {@code ["1.1", "2.3"]}; empty when the catalog
 *     does not say (its older revisions have no such column)
 */
public record CatalogSystem(
        String countryCode,
        String name,
        String location,
        String systemId,
        @Nullable String url,
        URI autoDiscoveryUrl,
        List<String> supportedVersions) {

    public CatalogSystem {
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(autoDiscoveryUrl, "autoDiscoveryUrl");
        supportedVersions = List.copyOf(supportedVersions);
    }
}
