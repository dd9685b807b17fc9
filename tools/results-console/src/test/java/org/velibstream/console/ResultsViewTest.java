package org.velibstream.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ResultsViewTest {

    private static final Instant T0 = Instant.parse("2024-11-19T08:22:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T1.plusSeconds(60);

    @Test
    void saysItIsWaitingBeforeTheFirstWindow() {
        assertThat(new ResultsView(10, 5, ZoneOffset.UTC).render())
                .contains("Waiting for the first window")
                .contains("No alerts yet.");
    }

    @Test
    void totalsCoverTheNewestWindowOnly() {
        ResultsView view = new ResultsView(10, 5, ZoneOffset.UTC);
        view.add(stats("75011", T0, T1, 40, 300));
        view.add(stats("75011", T1, T2, 41, 310));
        view.add(stats("75012", T1, T2, 30, 200));
        // Still in the table until its area's newer window arrives, but not counted in the newest totals.
        view.add(stats("92100", T0, T1, 10, 50));

        assertThat(view.render())
                .contains("velib · window 08:23:00-08:24:00 (Z): 2 areas, 71 stations, 510 bikes")
                .contains("75011")
                .contains("75012")
                .doesNotContain("92100");
    }

    @Test
    void anOlderWindowArrivingLateDoesNotReplaceANewerOne() {
        ResultsView view = new ResultsView(10, 5, ZoneOffset.UTC);
        view.add(stats("75011", T1, T2, 41, 310));
        view.add(stats("75011", T0, T1, 40, 300));

        assertThat(view.render()).contains("1 areas, 41 stations, 310 bikes");
    }

    @Test
    void showsAtMostMaxRowsAndSaysHowManyMore() {
        ResultsView view = new ResultsView(2, 5, ZoneOffset.UTC);
        view.add(stats("75001", T0, T1, 1, 1));
        view.add(stats("75002", T0, T1, 1, 1));
        view.add(stats("75003", T0, T1, 1, 1));

        String rendered = view.render();
        assertThat(rendered)
                .contains("3 areas, 3 stations, 3 bikes")
                .contains("75001")
                .contains("75002")
                .doesNotContain("75003 ")
                .contains("... and 1 more areas");
    }

    @Test
    void keepsTheNewestAlertsFirst() {
        ResultsView view = new ResultsView(10, 2, ZoneOffset.UTC);
        view.add(alert("1001", "EMPTY", T0));
        view.add(alert("1002", "FULL", T1));
        view.add(alert("1003", "STALE", T2));

        String rendered = view.render();
        assertThat(rendered).contains("1003").contains("1002").doesNotContain("1001");
        assertThat(rendered.indexOf("1003")).isLessThan(rendered.indexOf("1002"));
        assertThat(rendered).contains("08:24:00  OPEN     STALE");
    }

    @Test
    void showsTimesInTheGivenZone() {
        ResultsView view = new ResultsView(10, 5, ZoneId.of("Europe/Paris"));
        view.add(stats("75011", T0, T1, 40, 300));

        assertThat(view.render()).contains("velib · window 09:22:00-09:23:00 (Europe/Paris)");
    }

    @Test
    void showsEachSystemInItsOwnZoneAndTellsAreaKindsApart() {
        SystemZones zones = SystemZones.parse("velib=Europe/Paris;baywheels=America/Los_Angeles", ZoneOffset.UTC);
        ResultsView view = new ResultsView(10, 5, zones);
        view.add(stats("75011", T0, T1, 40, 300));
        view.add(new PublishedStats(
                "baywheels", "REGION", "San Francisco", T0, T1, 300, 1200, null, null, 3000, 4500, 0, 0, 0, 0));
        view.add(new PublishedAlert(
                "baywheels", "abc-123", "REGION", "San Francisco", "EMPTY", "OPEN", T0, T0, "no bikes"));

        assertThat(view.render())
                .contains("velib · window 09:22:00-09:23:00 (Europe/Paris)")
                .contains("baywheels · window 00:22:00-00:23:00 (America/Los_Angeles)")
                .contains("(? mechanical, ? e-bikes)")
                .containsPattern("region San Francisco +300 +1200 +- +- ")
                .containsPattern("75011 +40 +300 +150 +150 ")
                .contains("00:22:00  OPEN     EMPTY");
    }

    @Test
    void rejectsNonsensicalSizes() {
        assertThatThrownBy(() -> new ResultsView(0, 5, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
    }

    private static PublishedStats stats(String postalCode, Instant start, Instant end, int stations, int bikes) {
        return new PublishedStats(
                "velib",
                "POSTAL_CODE",
                postalCode,
                start,
                end,
                stations,
                bikes,
                bikes / 2,
                bikes - bikes / 2,
                10 * stations,
                30 * stations,
                0,
                0,
                0,
                0);
    }

    private static PublishedAlert alert(String station, String type, Instant at) {
        return new PublishedAlert("velib", station, "POSTAL_CODE", "75011", type, "OPEN", at, at, "test alert");
    }
}
