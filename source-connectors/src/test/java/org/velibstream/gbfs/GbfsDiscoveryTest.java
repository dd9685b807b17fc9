package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.gbfs.Fixtures.fixture;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GbfsDiscoveryTest {

    @Test
    void takesThePreferredLanguageOfAGbfs2Document() throws Exception {
        GbfsDiscovery discovery = GbfsDiscovery.decode(fixture("gbfs23_discovery.json"), "fr");

        assertThat(discovery.language()).isEqualTo("fr");
        assertThat(discovery.feeds()).containsOnlyKeys("system_information", "station_status");
        assertThat(discovery.feed("station_status")).contains(URI.create("https://example.org/fr/station_status.json"));
        assertThat(discovery.rejected())
                .extracting(Rejection::reason)
                .containsExactly("feed url is not a URI: Illegal character in path", "feed without name or url");
    }

    @Test
    void takesTheFirstLanguageWhenThePreferredOneIsAbsent() throws Exception {
        GbfsDiscovery discovery = GbfsDiscovery.decode(fixture("gbfs23_discovery.json"), "de");

        assertThat(discovery.language()).isEqualTo("en");
        assertThat(discovery.feeds().keySet())
                .containsExactly("system_information", "station_information", "station_status");
        assertThat(discovery.header())
                .isEqualTo(new GbfsFeedHeader(Instant.ofEpochSecond(1700000000), 3600, "2.3", GbfsVersion.GBFS_2));
    }

    @Test
    void readsTheSingleFeedListOfGbfs3() throws Exception {
        GbfsDiscovery discovery = GbfsDiscovery.decode(fixture("gbfs30_discovery.json"), null);

        assertThat(discovery.language()).isNull();
        assertThat(discovery.header().version()).isEqualTo(GbfsVersion.GBFS_3);
        assertThat(discovery.feed("station_information"))
                .contains(URI.create("https://example.org/gbfs/station_information"));
    }

    @Test
    void readsGbfs10WithoutVersion() throws Exception {
        GbfsDiscovery discovery = GbfsDiscovery.decode(fixture("gbfs10_discovery.json"), null);

        assertThat(discovery.header())
                .isEqualTo(new GbfsFeedHeader(Instant.ofEpochSecond(1434054678), 0, null, GbfsVersion.GBFS_2));
        assertThat(discovery.language()).isEqualTo("en");
        assertThat(discovery.feeds().keySet())
                .containsExactly("system_information", "station_information", "station_status");
        assertThat(discovery.rejected()).isEmpty();
    }

    @Test
    void readsGbfs11FeedsKeyedByLanguage() throws Exception {
        GbfsDiscovery preferred = GbfsDiscovery.decode(fixture("gbfs11_discovery.json"), "en");
        GbfsDiscovery first = GbfsDiscovery.decode(fixture("gbfs11_discovery.json"), null);

        assertThat(preferred.header().declaredVersion()).isEqualTo("1.1");
        assertThat(preferred.language()).isEqualTo("en");
        assertThat(preferred.feed("system_regions")).contains(URI.create("https://example.com/gbfs/en/system_regions"));
        assertThat(preferred.feed("gbfs_versions")).contains(URI.create("https://example.com/gbfs/gbfs_versions"));
        assertThat(first.language())
                .as("without a preference, the first language listed")
                .isEqualTo("es");
        assertThat(first.feeds().keySet()).containsExactly("system_information", "station_status");
    }

    @Test
    void readsGbfs30WhateverTheLanguageAsked() throws Exception {
        GbfsDiscovery discovery = GbfsDiscovery.decode(fixture("gbfs30_discovery.json"), "fr");

        assertThat(discovery.header().declaredVersion()).isEqualTo("3.0");
        assertThat(discovery.language()).isNull();
        assertThat(discovery.feeds().keySet())
                .containsExactly("system_information", "station_information", "station_status");
    }

    @Test
    void failsADocumentWithoutFeeds() {
        byte[] systemInformation =
                "{\"ttl\": 3600, \"data\": {\"system_id\": \"Paris\"}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GbfsDiscovery.decode(systemInformation, null))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("not a GBFS discovery document: no data.feeds nor data.<language>.feeds");
    }
}
