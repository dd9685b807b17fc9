package org.velibstream.replay;

import java.net.URI;
import java.util.List;

/**
 * The served systems as a catalog in MobilityData's {@code systems.csv} shape, so that a client that reads catalogs
 * (the job's {@code --gbfs-catalog}) polls every system of the server. A simulated system's row comes from its
 * {@link SystemProfile}: Country Code {@code US} when its time zone is in {@code America/}, else {@code FR} (its
 * stations are Paris's); Location {@code Paris}; Supported Versions its dialect's version (none for Vélib' and Lyft,
 * whose documents declare none). A replayed system is {@code FR}, {@code replay-<i>}.
 */
final class CatalogCsv {

    static final String HEADER = "Country Code,Name,Location,System ID,URL,Auto-Discovery URL,Supported Versions,"
            + "Authentication Info URL,Authentication Type,Authentication Parameter Name";

    private CatalogCsv() {}

    /** @param discoveryUris each system's {@code gbfs.json}, in the order of {@code systems} */
    static String of(List<? extends GbfsFeeds> systems, List<URI> discoveryUris) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < systems.size(); i++) {
            String discovery = discoveryUris.get(i).toString();
            if (systems.get(i) instanceof SimulationFeeds simulated) {
                SystemProfile profile = simulated.profile();
                String version = profile.dialect().version();
                row(
                        csv,
                        profile.timeZone().getId().startsWith("America/") ? "US" : "FR",
                        profile.name(),
                        profile.systemId(),
                        discovery,
                        version == null ? "" : version);
            } else {
                row(csv, "FR", "Recorded system (replay-" + i + ")", "replay-" + i, discovery, "");
            }
        }
        return csv.toString();
    }

    private static void row(
            StringBuilder csv, String country, String name, String systemId, String discovery, String version) {
        csv.append(String.join(
                        ",",
                        country,
                        quoted(name),
                        "Paris",
                        quoted(systemId),
                        "https://github.com/velib-stream",
                        discovery,
                        version,
                        "",
                        "",
                        ""))
                .append('\n');
    }

    /** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
    private static String quoted(String field) {
        return field.contains(",") || field.contains("\"") || field.contains("\n")
                ? '"' + field.replace("\"", "\"\"") + '"'
                : field;
    }
}
