package org.velibstream.gbfs;

import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The document-level fields of a GBFS feed.
 *
 * @param lastUpdated {@code last_updated} (Vélib': {@code lastUpdatedOther}); null when the document has neither
 * @param ttlSeconds {@code ttl}; null when absent
 * @param declaredVersion the document's {@code version} field; null when absent (always, for Vélib')
 * @param version the dialect: the declared version when present, else what the document's shape shows
 */
public record GbfsFeedHeader(
        @Nullable Instant lastUpdated,
        @Nullable Integer ttlSeconds,
        @Nullable String declaredVersion,
        GbfsVersion version) {

    public GbfsFeedHeader {
        Objects.requireNonNull(version, "version");
    }
}
