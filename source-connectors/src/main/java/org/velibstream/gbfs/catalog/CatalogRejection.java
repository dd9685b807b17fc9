package org.velibstream.gbfs.catalog;

import java.util.Objects;

/**
 * A row of the catalog that cannot be polled, with where to find it and why, so that a system a user asked for is
 * never missing without a word.
 *
 * @param rowNumber the line of the file the row starts on; the header is line 1
 * @param reason why, for example {@code "missing System ID"}
 * @param countryCode the row's {@code Country Code}, as written; empty when absent
 * @param systemId the row's {@code System ID}, as written; empty when absent
 */
public record CatalogRejection(int rowNumber, String reason, String countryCode, String systemId) {

    public CatalogRejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(systemId, "systemId");
    }

    @Override
    public String toString() {
        return "systems.csv line " + rowNumber + (systemId.isEmpty() ? "" : " (" + systemId + ")") + ": " + reason;
    }
}
