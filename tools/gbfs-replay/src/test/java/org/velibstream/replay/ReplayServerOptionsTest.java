package org.velibstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayServerOptionsTest {

    @Test
    void simulationDefaults() {
        ReplayServerOptions options = ReplayServerOptions.parse("--simulate", "data/stations.csv");

        assertThat(options.simulates()).isTrue();
        assertThat(options.stationsCsv()).isEqualTo(Path.of("data/stations.csv"));
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.start()).isNull();
        assertThat(options.speed()).isEqualTo(1);
        assertThat(options.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.systems()).isEqualTo(1);
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8900);
    }

    @Test
    void everyOptionIsRead() {
        ReplayServerOptions simulate = ReplayServerOptions.parse(
                "--simulate",
                "s.csv",
                "--seed",
                "7",
                "--start",
                "2024-11-19T06:00:00Z",
                "--speed",
                "60",
                "--interval",
                "5m",
                "--systems",
                "3",
                "--stations-per-system",
                "150",
                "--request-log",
                "requests.log",
                "--port",
                "0");
        ReplayServerOptions replay =
                ReplayServerOptions.parse("--snapshots", "dir", "--step", "PT2S", "--loop", "--host", "localhost");

        assertThat(simulate)
                .isEqualTo(new ReplayServerOptions(
                        null,
                        Path.of("s.csv"),
                        7,
                        Instant.parse("2024-11-19T06:00:00Z"),
                        60,
                        null,
                        Duration.ofMinutes(5),
                        false,
                        3,
                        150,
                        Path.of("requests.log"),
                        "127.0.0.1",
                        0));
        assertThat(replay)
                .isEqualTo(new ReplayServerOptions(
                        Path.of("dir"),
                        null,
                        42,
                        null,
                        1,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(60),
                        true,
                        1,
                        0,
                        null,
                        "localhost",
                        8900));
    }

    @Test
    void durationsTakeUnitsOrIso() {
        assertThat(ReplayServerOptions.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ReplayServerOptions.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ReplayServerOptions.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ReplayServerOptions.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ReplayServerOptions.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> ReplayServerOptions.parseDuration("soon")).hasMessageContaining("Not a duration");
        assertThatThrownBy(() -> ReplayServerOptions.parseDuration("5 weeks")).hasMessageContaining("Not a duration");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ReplayServerOptions.parse()).hasMessageContaining("Choose one mode");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--snapshots", "d", "--simulate", "s.csv"))
                .hasMessageContaining("Choose one mode");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--simulate", "s.csv", "--speed", "0"))
                .hasMessageContaining("--speed");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--simulate", "s.csv", "--seed", "x"))
                .hasMessageContaining("Invalid value for --seed");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--simulate", "s.csv", "--interval", "500ms"))
                .hasMessageContaining("--interval");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--snapshots", "d", "--systems", "2"))
                .hasMessageContaining("--simulate only");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--snapshots", "d", "--stations-per-system", "10"))
                .hasMessageContaining("--stations-per-system applies to --simulate only");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--simulate", "s.csv", "--stations-per-system", "-1"))
                .hasMessageContaining("--stations-per-system must not be negative");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--simulate", "s.csv", "--port"))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--simulate", "s.csv", "--colour", "blue"))
                .hasMessageContaining("Unknown option: --colour");
    }

    @Test
    void dialectsDefaultToVelibAndListOnePerSystem() {
        assertThat(ReplayServerOptions.parse("--simulate", "s.csv").dialects()).containsExactly(SystemDialect.VELIB);

        ReplayServerOptions mixed = ReplayServerOptions.parse(
                "--simulate", "s.csv", "--dialect", "velib,gbfs1, gbfs2,GBFS3,lyft:America/New_York");

        assertThat(mixed.systems())
                .as("--systems defaults to the list's length")
                .isEqualTo(5);
        assertThat(mixed.dialects())
                .containsExactly(
                        new SystemDialect(FeedDialect.VELIB, ZoneId.of("Europe/Paris")),
                        new SystemDialect(FeedDialect.GBFS1, ZoneId.of("Europe/Paris")),
                        new SystemDialect(FeedDialect.GBFS2, ZoneId.of("Europe/Paris")),
                        new SystemDialect(FeedDialect.GBFS3, ZoneId.of("Europe/Paris")),
                        new SystemDialect(FeedDialect.LYFT, ZoneId.of("America/New_York")));
        assertThat(SystemDialect.parse("lyft").timeZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void moreSystemsThanDialectsTakeThemInTurn() {
        ReplayServerOptions options =
                ReplayServerOptions.parse("--simulate", "s.csv", "--dialect", "gbfs2,lyft", "--systems", "5");

        assertThat(List.of(0, 1, 2, 3, 4).stream()
                        .map(i -> options.dialectOf(i).dialect())
                        .toList())
                .containsExactly(
                        FeedDialect.GBFS2, FeedDialect.LYFT, FeedDialect.GBFS2, FeedDialect.LYFT, FeedDialect.GBFS2);
    }

    @Test
    void dialectMistakesAreNamed() {
        assertThatThrownBy(() -> ReplayServerOptions.parse("--simulate", "s.csv", "--dialect", "gbfs4"))
                .hasMessageContaining("Unknown dialect 'gbfs4'");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--simulate", "s.csv", "--dialect", "lyft:Mars/Olympus"))
                .hasMessageContaining("Unknown time zone 'Mars/Olympus'");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--simulate", "s.csv", "--dialect", "gbfs2,"))
                .hasMessageContaining("Unknown dialect ''");
        assertThatThrownBy(() ->
                        ReplayServerOptions.parse("--simulate", "s.csv", "--dialect", "gbfs2,lyft", "--systems", "1"))
                .hasMessageContaining("--dialect lists 2 systems but --systems is 1");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--snapshots", "d", "--dialect", "lyft"))
                .hasMessageContaining("--dialect applies to --simulate only");
    }

    @Test
    void recordingsAreAThirdMode() {
        ReplayServerOptions options = ReplayServerOptions.parse("--recordings", "status", "--step", "1s", "--loop");

        assertThat(options.recordings()).isEqualTo(Path.of("status"));
        assertThat(ReplayServerOptions.parse("--simulate", "s.csv", "--catalog", "systems.csv")
                        .catalog())
                .isEqualTo(Path.of("systems.csv"));
        assertThat(options.snapshots()).isNull();
        assertThat(options.simulates()).isFalse();
        assertThat(options.loop()).isTrue();
        assertThatThrownBy(() -> ReplayServerOptions.parse("--recordings", "a", "--snapshots", "b"))
                .hasMessageContaining("Choose one mode");
        assertThatThrownBy(() -> ReplayServerOptions.parse("--recordings", "a", "--systems", "2"))
                .hasMessageContaining("--simulate only");
    }
}
