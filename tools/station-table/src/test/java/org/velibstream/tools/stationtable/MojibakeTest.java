package org.velibstream.tools.stationtable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MojibakeTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Twice, as in the Vélib' feed of 2024-11-19.
                "RenÃƒÂ© Boulanger - Lancry|René Boulanger - Lancry",
                "Petites Ecuries - Faubourg PoissonniÃƒÂ¨re|Petites Ecuries - Faubourg Poissonnière",
                "CitÃƒÂ© Riverin - ChÃƒÂ¢teau d'Eau|Cité Riverin - Château d'Eau",
                // Once.
                "Mairie du 10Ã¨me|Mairie du 10ème",
                "Ã‰glise d'Auteuil|Église d'Auteuil",
                "Å’uvre|Œuvre",
                // "à" is C3 A0; its no-break space (A0) became an ordinary space in the feed.
                "Suresnes - Muette Ãƒ  Neuilly|Suresnes - Muette à Neuilly",
                "Jules Guesde - Pont du Port Ãƒ  l'Anglais|Jules Guesde - Pont du Port à l'Anglais",
                "Quai d'Orsay â€“ MusÃ©e|Quai d'Orsay – Musée",
            })
    void undoesEveryLayer(String misencoded, String proper) {
        assertThat(Mojibake.repair(misencoded)).isEqualTo(proper);
        assertThat(Mojibake.looksMisencoded(Mojibake.repair(misencoded))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Aéroport",
                "Champs-Élysées",
                "Œuvre",
                "Gare de l'Est - Château-Landon",
                "São Paulo",
                "IRMÃ PAULA",
                "Muette Ã  Neuilly",
                "Ãle imaginaire",
                "Öffentliche Straße",
                "Zoltán Kodály útja ő",
                "Bercy → Austerlitz",
                "10001 plain ASCII",
                ""
            })
    void leavesProperTextAsItIs(String proper) {
        assertThat(Mojibake.repair(proper)).isEqualTo(proper);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Aéroport", "Champs-Élysées", "Œuvre", "Saint-Ouen – Mairie", "ÀÉÎÕÜàéîõüçÇ€"})
    void undoesWhatReadingUtf8AsWindows1252DoesOnceOrTwice(String proper) {
        String once = new String(proper.getBytes(StandardCharsets.UTF_8), WINDOWS_1252);
        String twice = new String(once.getBytes(StandardCharsets.UTF_8), WINDOWS_1252);

        assertThat(Mojibake.repair(once)).isEqualTo(proper);
        assertThat(Mojibake.repair(twice)).isEqualTo(proper);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RenÃƒÂ© Boulanger", "Mairie du 10Ã¨me", "â€“"})
    void recognisesMisencodedText(String misencoded) {
        assertThat(Mojibake.looksMisencoded(misencoded)).isTrue();
    }
}
