package org.velibstream.job.io;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.settings.OutputSettings;
import org.velibstream.sink.alertmanager.AlertmanagerAlert;
import org.velibstream.sink.alertmanager.AlertmanagerSink;

/**
 * Posts the job's alerts to Prometheus Alertmanager ({@code --alertmanager-url}), where routes, grouping, silences and
 * inhibition turn them into e-mails, chat messages or webhooks. docs/operations.md ("Alerts to people") documents the
 * labels, the severities and the guarantee.
 */
public final class AlertmanagerOutputs {

    /** The {@code source} label of every alert of the job, for routes that take all of them. */
    public static final String SOURCE = "velib-stream";

    private AlertmanagerOutputs() {}

    static void attach(DataStream<StationAlert> alerts, OutputSettings output) {
        alerts.sinkTo(AlertmanagerSink.<StationAlert>builder()
                        .setAlertmanagers(output.alertmanagers().stream()
                                .map(URI::toString)
                                .toArray(String[]::new))
                        .setRefreshInterval(output.alertmanagerRefresh())
                        .setAlertMapper(AlertmanagerOutputs::toAlertmanager)
                        .build())
                // One writer holds every open alert: an alert's opening and its resolution (keyed by station
                // upstream) cannot reach two writers, and rescaling never splits the refreshed set. Alerts are few.
                .setParallelism(1)
                .name("Alerts to Alertmanager")
                .uid("alerts-alertmanager-sink");
    }

    /**
     * The Alertmanager alert of a station's (or feed's) alert. Its labels are its identity: the same for its opening
     * and its resolution, different for another station, type or system. It starts when the condition started
     * ({@code since}, the same in both records), and ends, once resolved, when its resolution was detected.
     */
    public static AlertmanagerAlert toAlertmanager(StationAlert alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alert.type().name());
        labels.put("source", SOURCE);
        labels.put("system", alert.systemId());
        labels.put("area_kind", alert.areaKind().name().toLowerCase(Locale.ROOT));
        labels.put("area", alert.area());
        labels.put("station", alert.stationCode());
        labels.put("severity", severity(alert.type()));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary(alert));
        annotations.put("details", alert.details());
        annotations.put("detected_at", alert.detectedAt().toString());
        return alert.state() == AlertState.OPEN
                ? AlertmanagerAlert.open(labels, annotations, alert.since())
                : AlertmanagerAlert.resolved(labels, annotations, alert.since(), alert.detectedAt());
    }

    /**
     * {@code critical} when nothing of a system can be watched (its feed is down), {@code warning} when riders cannot
     * take or return bikes at a station or it stopped reporting, {@code info} for what the data says of itself.
     */
    public static String severity(AlertType type) {
        return switch (type) {
            case FEED_DOWN -> "critical";
            case EMPTY, FULL, OFFLINE, STALE, SUDDEN_DROP -> "warning";
            case INCONSISTENT -> "info";
        };
    }

    private static String summary(StationAlert alert) {
        return alert.type() == AlertType.FEED_DOWN
                ? "Feed " + alert.stationCode() + " of " + alert.systemId() + " is down"
                : alert.type() + " at station " + alert.stationCode() + " of " + alert.systemId() + " (" + alert.area()
                        + ")";
    }
}
