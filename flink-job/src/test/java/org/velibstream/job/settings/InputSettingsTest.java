package org.velibstream.job.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.velibstream.job.ingest.GbfsSystem;

/** The input options as settings: the catalog's, the explicit system id and the explicit time zone. */
class InputSettingsTest {

    @Test
    void aCatalogReplacesTheDefaultVelibButNotAGbfsTheUserGives() throws Exception {
        InputSettings catalogOnly = input("--gbfs-catalog", "systems.csv", "--gbfs-country", "FR;US");
        assertThat(catalogOnly.systems()).isEmpty();
        assertThat(catalogOnly.catalog())
                .isEqualTo(new InputSettings.GbfsCatalogSelection("systems.csv", List.of("FR", "US"), List.of()));

        InputSettings both = input(
                "--gbfs-catalog", "systems.csv", "--gbfs-systems", "bay_wheels", "--gbfs", "x=http://x.org/gbfs.json");
        assertThat(both.systems()).extracting(GbfsSystem::id).containsExactly("x");
        assertThat(both.catalog().systemIds()).containsExactly("bay_wheels");

        assertThat(input().systems()).extracting(GbfsSystem::id).containsExactly("velib");
        assertThat(input().catalog()).isNull();
    }

    @Test
    void catalogFiltersWithoutACatalogAreAnOptionError() {
        assertThatThrownBy(() -> input("--gbfs-country", "FR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--gbfs-catalog, which is not given");
    }

    @Test
    void aBareUrlsIdIsProvisionalAndAnIdEqualsUrlStands() throws Exception {
        assertThat(input("--gbfs", "https://gbfs.example.org/gbfs.json;mine=https://gbfs.example.org/gbfs.json")
                        .systems())
                .extracting(GbfsSystem::id, GbfsSystem::idFromFeed)
                .containsExactly(tuple("gbfs-example-org", true), tuple("mine", false));
    }

    @Test
    void onlyAnExplicitRawSystemIdOrTimeZoneOverridesTheSystemsOwn() throws Exception {
        InputSettings defaults = input("--source", "files");
        assertThat(defaults.rawSystemId()).isEqualTo("velib");
        assertThat(defaults.rawSystemIdGiven()).isFalse();
        assertThat(defaults.timeZoneOverride()).isNull();
        assertThat(defaults.fallbackTimeZone()).isEqualTo(ZoneId.of("Europe/Paris"));

        InputSettings given = input("--source", "files", "--raw-system-id", "velib", "--time-zone", "Europe/Paris");
        assertThat(given.rawSystemIdGiven()).isTrue();
        assertThat(given.timeZoneOverride()).isEqualTo(ZoneId.of("Europe/Paris"));

        assertThatThrownBy(() -> input("--time-zone", "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--time-zone");
    }

    private static InputSettings input(String... args) throws Exception {
        return InputSettings.from(JobConfiguration.fromArgs(args));
    }
}
