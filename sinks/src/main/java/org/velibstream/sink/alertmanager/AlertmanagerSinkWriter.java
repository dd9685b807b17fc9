package org.velibstream.sink.alertmanager;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import javax.annotation.Nullable;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * Posts the alerts written to it, in the order written, in batches: when {@code maxBatchSize} are waiting, at every
 * checkpoint ({@link #flush}) and at the latest {@code sendInterval} after they were written. Every post happens on the
 * task's own thread (a processing-time timer, not a thread of this writer's), blocking it while Alertmanager retries,
 * which backpressures the job instead of buffering.
 *
 * <p>It remembers the alerts still open, keyed by their labels, and posts them again every {@code refreshInterval} so
 * that Alertmanager keeps them firing; they are the writer's state, so a job restarted from a checkpoint keeps
 * refreshing them. After a restore the first refresh waits one interval: by then the job has replayed what followed
 * the checkpoint, so an alert resolved in that stretch is not briefly posted as open again.
 *
 * <p>Metrics, in the group {@code alertmanager}: {@code alertsPosted} (alerts taken by at least one Alertmanager,
 * refreshes included), {@code refreshes}, {@code retries}, {@code failedPosts} (POSTs an Alertmanager did not take
 * after every attempt) and the gauge {@code openAlerts}; plus Flink's {@code numRecordsSend}.
 */
final class AlertmanagerSinkWriter<T> implements StatefulSinkWriter<T, AlertmanagerAlert> {

    private final AlertmanagerAlertMapper<T> mapper;
    private final AlertmanagerDeliveryOptions options;
    private final AlertmanagerClient client;
    private final ProcessingTimeService time;

    /** The open alerts by identity, in the order they opened. */
    private final Map<Map<String, String>, AlertmanagerAlert> openAlerts = new LinkedHashMap<>();

    private final List<AlertmanagerAlert> pending = new ArrayList<>();
    private long nextRefreshMillis;

    @Nullable
    private ScheduledFuture<?> tick;

    private final Counter alertsPosted;
    private final Counter refreshes;
    private final Counter retries;
    private final Counter failedPosts;
    private final Counter numRecordsSend;

    AlertmanagerSinkWriter(
            AlertmanagerAlertMapper<T> mapper,
            AlertmanagerDeliveryOptions options,
            ProcessingTimeService time,
            SinkWriterMetricGroup metricGroup,
            Collection<AlertmanagerAlert> restoredOpenAlerts) {
        this.mapper = mapper;
        this.options = options;
        this.client = new AlertmanagerClient(options);
        this.time = time;
        restoredOpenAlerts.forEach(this::remember);
        MetricGroup metrics = metricGroup.addGroup("alertmanager");
        this.alertsPosted = metrics.counter("alertsPosted");
        this.refreshes = metrics.counter("refreshes");
        this.retries = metrics.counter("retries");
        this.failedPosts = metrics.counter("failedPosts");
        metrics.gauge("openAlerts", openAlerts::size);
        this.numRecordsSend = metricGroup.getNumRecordsSendCounter();
        this.nextRefreshMillis =
                time.getCurrentProcessingTime() + options.refreshInterval().toMillis();
        scheduleTick(time.getCurrentProcessingTime());
    }

    @Override
    public void write(T record, Context context) throws IOException, InterruptedException {
        AlertmanagerAlert alert = mapper.toAlert(record);
        remember(alert);
        pending.add(alert);
        numRecordsSend.inc();
        if (pending.size() >= options.maxBatchSize()) {
            sendPending();
        }
    }

    /** Returns once every alert written so far was taken by an Alertmanager: a completed checkpoint means posted. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        sendPending();
    }

    @Override
    public List<AlertmanagerAlert> snapshotState(long checkpointId) throws IOException {
        return List.copyOf(openAlerts.values());
    }

    /** The alerts open now, by identity. */
    Collection<AlertmanagerAlert> openAlerts() {
        return List.copyOf(openAlerts.values());
    }

    @Override
    public void close() {
        if (tick != null) {
            tick.cancel(false);
        }
    }

    private void remember(AlertmanagerAlert alert) {
        if (alert.isOpen()) {
            openAlerts.put(alert.labels(), alert);
        } else {
            openAlerts.remove(alert.labels());
        }
    }

    private void onTick(long nowMillis) throws IOException, InterruptedException {
        sendPending();
        if (nowMillis >= nextRefreshMillis) {
            post(new ArrayList<>(openAlerts.values()));
            refreshes.inc();
            nextRefreshMillis = nowMillis + options.refreshInterval().toMillis();
        }
        scheduleTick(nowMillis);
    }

    private void scheduleTick(long nowMillis) {
        tick = time.registerTimer(nowMillis + options.sendInterval().toMillis(), this::onTick);
    }

    private void sendPending() throws IOException, InterruptedException {
        if (!pending.isEmpty()) {
            post(pending);
            pending.clear();
        }
    }

    private void post(List<AlertmanagerAlert> alerts) throws IOException, InterruptedException {
        for (int from = 0; from < alerts.size(); from += options.maxBatchSize()) {
            List<AlertmanagerAlert> batch =
                    alerts.subList(from, Math.min(alerts.size(), from + options.maxBatchSize()));
            try {
                AlertmanagerClient.Outcome outcome =
                        client.post(batch, Instant.ofEpochMilli(time.getCurrentProcessingTime()));
                retries.inc(outcome.retries());
                failedPosts.inc(outcome.failedAlertmanagers());
            } catch (AlertmanagerSinkException e) {
                failedPosts.inc(options.alertmanagers().size());
                throw e;
            }
            alertsPosted.inc(batch.size());
        }
    }
}
