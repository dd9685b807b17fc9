package org.velibstream.job.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.gbfs.catalog.CatalogRejection;
import org.velibstream.gbfs.catalog.CatalogSystem;
import org.velibstream.gbfs.catalog.GbfsCatalog;
import org.velibstream.job.ingest.GbfsSystem;
import org.velibstream.job.settings.InputSettings.GbfsCatalogSelection;

/**
 * The systems of MobilityData's catalog ({@code --gbfs-catalog}) that {@code --gbfs-country} and
 * {@code --gbfs-systems} select, each under its System ID (in the id alphabet). Every row that cannot be polled is
 * logged with its reason, and so is every asked-for System ID the catalog does not have: a system the user asked for
 * is never missing without a word.
 */
final class CatalogSystems {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSystems.class);

    private CatalogSystems() {}

    /** @throws IllegalArgumentException when the catalog cannot be read or the selection keeps no system */
    static List<GbfsSystem> select(GbfsCatalogSelection selection) {
        GbfsCatalog catalog;
        try {
            catalog = GbfsCatalog.read(Path.of(selection.file()));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot read --gbfs-catalog " + selection.file() + ": " + e.getMessage(), e);
        }
        Set<String> systemIds = cleaned(selection.systemIds());
        GbfsCatalog selected = catalog.filter(cleaned(selection.countries()), systemIds);
        for (CatalogRejection rejection : selected.rejected()) {
            LOG.warn("Not polled: {}", rejection);
        }
        Set<String> unknown = catalog.unknownSystemIds(systemIds);
        if (!unknown.isEmpty()) {
            LOG.warn("--gbfs-systems names System IDs that {} does not have: {}", selection.file(), unknown);
        }
        List<GbfsSystem> systems = new ArrayList<>();
        for (CatalogSystem system : selected.systems()) {
            String id = GbfsSystem.sanitizedId(system.systemId());
            if (id == null) {
                LOG.warn(
                        "Not polled: {} of {}: its System ID has no letter nor digit", system.name(), selection.file());
                continue;
            }
            systems.add(new GbfsSystem(id, system.autoDiscoveryUrl()));
        }
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("--gbfs-catalog " + selection.file() + " has no system to poll for "
                    + "--gbfs-country " + selection.countries() + " and --gbfs-systems " + selection.systemIds()
                    + (selected.rejected().isEmpty() ? "" : "; rejected rows: " + selected.rejected())
                    + (unknown.isEmpty() ? "" : "; System IDs not in the catalog: " + unknown));
        }
        LOG.info(
                "{} system(s) of {} to poll: {}",
                systems.size(),
                selection.file(),
                systems.stream().map(GbfsSystem::id).toList());
        return systems;
    }

    private static Set<String> cleaned(List<String> values) {
        Set<String> cleaned = new LinkedHashSet<>();
        values.stream().map(String::strip).filter(value -> !value.isEmpty()).forEach(cleaned::add);
        return cleaned;
    }
}
