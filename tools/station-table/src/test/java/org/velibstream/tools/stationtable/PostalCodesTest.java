package org.velibstream.tools.stationtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.tools.stationtable.TestResources.resource;

import org.junit.jupiter.api.Test;

class PostalCodesTest {

    @Test
    void prefersTheCommuneOwnDeliveryAreaThenTheLowestCode() throws Exception {
        PostalCodes postalCodes = PostalCodes.readLaPoste(resource("laposte.csv"));

        assertThat(postalCodes.postalCodeOf("75116"))
                .as("two codes, neither a named locality")
                .contains("75016");
        assertThat(postalCodes.postalCodeOf("93066"))
                .as("93210 is La Plaine Saint-Denis")
                .contains("93200");
        assertThat(postalCodes.postalCodeOf("91228"))
                .as("both named localities")
                .contains("91000");
        assertThat(postalCodes.postalCodeOf("75056")).isEmpty();
        assertThat(postalCodes.size()).isEqualTo(3);
    }
}
