package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.gbfs.Fixtures.fixture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class GbfsSystemInformationTest {

    @Test
    void readsLyftsShapeWithoutVersion() throws Exception {
        GbfsSystemInformation information = GbfsSystemInformation.decode(fixture("lyft_system_information.json"));

        assertThat(information)
                .isEqualTo(new GbfsSystemInformation(
                        new GbfsFeedHeader(Instant.ofEpochSecond(1673420296), 5, null, GbfsVersion.GBFS_2),
                        "bay",
                        "Bay Bikes",
                        ZoneId.of("America/Los_Angeles"),
                        "en"));
    }

    @Test
    void readsGbfs23() throws Exception {
        GbfsSystemInformation information = GbfsSystemInformation.decode(fixture("gbfs23_system_information.json"));

        assertThat(information.header().declaredVersion()).isEqualTo("2.3");
        assertThat(information.systemId()).isEqualTo("ville_velo");
        assertThat(information.name()).isEqualTo("Vélo de la Ville");
        assertThat(information.timezone()).isEqualTo(ZoneId.of("America/Montreal"));
        assertThat(information.language()).isEqualTo("fr");
    }

    @Test
    void readsTheFirstLocalizedNameAndLanguageOfGbfs30() throws Exception {
        GbfsSystemInformation information = GbfsSystemInformation.decode(fixture("gbfs30_system_information.json"));

        assertThat(information.header().version()).isEqualTo(GbfsVersion.GBFS_3);
        assertThat(information.systemId()).isEqualTo("example_cityname");
        assertThat(information.name()).isEqualTo("Example Bike Rental");
        assertThat(information.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(information.language()).isEqualTo("en");
    }

    @Test
    void leavesAbsentFieldsNull() throws Exception {
        GbfsSystemInformation information = GbfsSystemInformation.decode(utf8("{\"data\": {\"email\": \"a@b.c\"}}"));

        assertThat(information.systemId()).isNull();
        assertThat(information.name()).isNull();
        assertThat(information.timezone()).isNull();
        assertThat(information.language()).isNull();
    }

    @Test
    void failsAZoneThatIsNotOne() {
        assertThatThrownBy(() -> GbfsSystemInformation.decode(
                        utf8("{\"data\": {\"system_id\": \"x\", \"timezone\": \"Mars/Olympus_Mons\"}}")))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessageStartingWith("system_information timezone \"Mars/Olympus_Mons\" is not a time zone");
        assertThatThrownBy(() -> GbfsSystemInformation.decode(utf8("{\"data\": {\"timezone\": 2}}")))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("system_information timezone must be a time zone name such as \"Europe/Paris\", was 2");
    }

    @Test
    void holdsTheIdToTheLimits() throws Exception {
        DecoderLimits limits = DecoderLimits.defaults().withMaxIdChars(3);

        assertThat(GbfsSystemInformation.decode(fixture("lyft_system_information.json"), limits)
                        .systemId())
                .isEqualTo("bay");
        assertThatThrownBy(() -> GbfsSystemInformation.decode(fixture("gbfs23_system_information.json"), limits))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("system_information system_id is 10 characters long, above the limit of 3: ville_velo");
    }

    @Test
    void failsAnotherDocument() {
        assertThatThrownBy(() -> GbfsSystemInformation.decode(utf8("{\"ttl\": 60}")))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("not a GBFS system_information feed: no \"data\" object");
        assertThatThrownBy(() -> GbfsSystemInformation.decode(utf8("{\"data\": ")))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessageStartingWith("truncated JSON");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
