package org.velibstream.sink.alertmanager;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink sink posting each record as an alert to Prometheus Alertmanager's v2 API ({@code POST /api/v2/alerts}), at
 * least once: a checkpoint completes only after its alerts were taken, and Alertmanager knows an alert by its labels,
 * so the alerts posted again after a restart (or by a retry whose answer was lost) update the same alert instead of
 * adding one. Open alerts are posted again every refresh interval, as Prometheus does, and are resolved by
 * Alertmanager on their own if they stop coming (the job is gone). Build it with {@link #builder()}:
 *
 * <pre>{@code
 * AlertmanagerSink<Outage> sink = AlertmanagerSink.<Outage>builder()
 *         .setAlertmanagers("http://127.0.0.1:9093")
 *         .setAlertMapper(outage -> outage.over()
 *                 ? AlertmanagerAlert.resolved(Map.of("alertname", "Outage", "site", outage.site()), Map.of(),
 *                         outage.start(), outage.end())
 *                 : AlertmanagerAlert.open(Map.of("alertname", "Outage", "site", outage.site()), Map.of(),
 *                         outage.start()))
 *         .build();
 * }</pre>
 *
 * @param <T> the record type
 */
public final class AlertmanagerSink<T> implements Sink<T>, SupportsWriterState<T, AlertmanagerAlert> {

    private static final long serialVersionUID = 1L;

    private final AlertmanagerDeliveryOptions options;
    private final AlertmanagerAlertMapper<T> mapper;

    AlertmanagerSink(AlertmanagerDeliveryOptions options, AlertmanagerAlertMapper<T> mapper) {
        this.options = Objects.requireNonNull(options, "options");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public static <T> AlertmanagerSinkBuilder<T> builder() {
        return new AlertmanagerSinkBuilder<>();
    }

    @Override
    public StatefulSinkWriter<T, AlertmanagerAlert> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, AlertmanagerAlert> restoreWriter(
            WriterInitContext context, Collection<AlertmanagerAlert> openAlerts) {
        return new AlertmanagerSinkWriter<>(
                mapper, options, context.getProcessingTimeService(), context.metricGroup(), openAlerts);
    }

    @Override
    public SimpleVersionedSerializer<AlertmanagerAlert> getWriterStateSerializer() {
        return new AlertmanagerAlertSerializer();
    }

    public AlertmanagerDeliveryOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "AlertmanagerSink" + options.alertmanagers();
    }
}
