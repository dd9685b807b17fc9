package org.velibstream.data.areas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The areas this module's jar carries: Île-de-France's Paris arrondissements and communes, each with its La Poste
 * postal code ({@value #ILE_DE_FRANCE_RESOURCE}, made by {@code tools/station-table}'s
 * {@code IleDeFranceAreasGenerator}; data/README.md states the rule).
 */
public final class BuiltInAreas {

    /** The class-path resource: a GeoJSON FeatureCollection, one feature per arrondissement, then per commune. */
    public static final String ILE_DE_FRANCE_RESOURCE = "/areas/ile-de-france-postal-codes.geojson";

    /** The feature property holding La Poste's postal code (5 digits). */
    public static final String POSTAL_CODE_PROPERTY = "postal_code";

    /** The feature property holding the INSEE code: 751xx for an arrondissement, the commune's otherwise. */
    public static final String INSEE_CODE_PROPERTY = "insee_code";

    /** The feature property holding the commune's name ({@code Paris} for an arrondissement). */
    public static final String COMMUNE_PROPERTY = "commune";

    private BuiltInAreas() {}

    /**
     * An index of the Île-de-France areas: codes are postal codes, names are communes. Several areas share a postal
     * code (communes delivered by one post office), and the arrondissements come first.
     */
    public static AreaIndex ileDeFrancePostalCodes() {
        return new AreaIndex(IleDeFrance.POSTAL_CODE_AREAS);
    }

    /** The same areas in the same order, with their INSEE codes as codes. */
    public static List<AreaPolygon> ileDeFranceInseeAreas() {
        return read(INSEE_CODE_PROPERTY);
    }

    private static List<AreaPolygon> read(String codeProperty) {
        try (InputStream in = BuiltInAreas.class.getResourceAsStream(ILE_DE_FRANCE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + ILE_DE_FRANCE_RESOURCE + " on the class path");
            }
            return GeoJsonAreas.read(in, codeProperty, COMMUNE_PROPERTY, ILE_DE_FRANCE_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read once, on first use (about 1 MB of GeoJSON); the list and its geometries are never modified. */
    private static final class IleDeFrance {
        static final List<AreaPolygon> POSTAL_CODE_AREAS = read(POSTAL_CODE_PROPERTY);
    }
}
