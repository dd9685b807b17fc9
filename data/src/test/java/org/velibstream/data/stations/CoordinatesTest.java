package org.velibstream.data.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CoordinatesTest {

    @Test
    void measuresGreatCircleDistances() {
        double oneDegreeOfMeridian = 2 * Math.PI * 6_371_008.8 / 360;

        assertThat(new Coordinates(48.0, 2.0).distanceMetersTo(new Coordinates(49.0, 2.0)))
                .isCloseTo(oneDegreeOfMeridian, within(0.01));
        assertThat(new Coordinates(0.0, 179.5).distanceMetersTo(new Coordinates(0.0, -179.5)))
                .as("across the antimeridian")
                .isCloseTo(oneDegreeOfMeridian, within(0.01));
        // Notre-Dame to the Eiffel Tower, about 4.1 km.
        assertThat(new Coordinates(48.852968, 2.349902).distanceMetersTo(new Coordinates(48.858370, 2.294481)))
                .isCloseTo(4_100, within(50.0));
    }

    @Test
    void refusesPositionsOutOfRange() {
        assertThatThrownBy(() -> new Coordinates(91, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Coordinates(48, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
