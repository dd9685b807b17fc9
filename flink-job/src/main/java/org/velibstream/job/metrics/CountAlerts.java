package org.velibstream.job.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.StationAlert;

/**
 * Passes every alert on unchanged and counts it by system, type and state: in Prometheus, {@code
 * flink_taskmanager_job_task_operator_system_type_alertsOpened{system="velib",type="EMPTY"}} and {@code
 * ..._alertsResolved}. Stateless, so adding it kept every savepoint usable.
 */
public final class CountAlerts extends RichMapFunction<StationAlert, StationAlert> {

    public static final String NAME = "Count alerts";
    public static final String UID = "count-alerts";
    public static final String OPENED_METRIC = "alertsOpened";
    public static final String RESOLVED_METRIC = "alertsResolved";

    private static final long serialVersionUID = 1L;

    private transient MetricGroup operatorGroup;
    private transient Map<String, Counter> counters;

    @Override
    public void open(OpenContext openContext) {
        operatorGroup = getRuntimeContext().getMetricGroup();
        counters = new HashMap<>();
    }

    @Override
    public StationAlert map(StationAlert alert) {
        String metric = alert.state() == AlertState.OPEN ? OPENED_METRIC : RESOLVED_METRIC;
        String key = alert.systemId() + '\n' + alert.type() + '\n' + metric;
        counters.computeIfAbsent(key, unused -> operatorGroup
                        .addGroup("system", alert.systemId())
                        .addGroup("type", alert.type().name())
                        .counter(metric))
                .inc();
        return alert;
    }
}
