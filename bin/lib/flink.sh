# What bin/flink-cluster and bin/flink share: the Flink classpath, the configuration folder, the local overrides
# of flink-conf/config.yaml and the JDK 17 module flags.
# shellcheck shell=bash

FLINK_CONF="$VELIB_HOME/flink-conf"
FLINK_WORK="$VELIB_WORK/flink"
FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
FLINK_RPC_PORT="${FLINK_RPC_PORT:-6123}"
# The Prometheus endpoints (JobManager: first free port of the range, TaskManager: the next one), on
# FLINK_PROMETHEUS_HOST only. Flink's own reporter listens on every interface and takes no address, so the local
# stack uses flink-metrics-loopback's reporter (same metrics, one address); "off" turns the reporter off.
FLINK_PROMETHEUS_PORTS="${FLINK_PROMETHEUS_PORTS:-9249-9250}"
FLINK_PROMETHEUS_HOST="${FLINK_PROMETHEUS_HOST:-127.0.0.1}"
FLINK_METRICS_JAR="$VELIB_HOME/flink-metrics-loopback/target/flink-metrics-loopback.jar"
# The TaskManager's process memory instead of config.yaml's, e.g. 6g for 150,000 stations (docs/benchmarks.md).
FLINK_TASKMANAGER_MEMORY="${FLINK_TASKMANAGER_MEMORY:-}"

# The machine-specific settings config.yaml leaves to its launcher, as dynamic properties.
flink_local_overrides() {
    printf '%s\n' \
        -D "rest.port=$FLINK_REST_PORT" \
        -D "jobmanager.rpc.port=$FLINK_RPC_PORT" \
        -D "io.tmp.dirs=$FLINK_WORK/tmp" \
        -D "web.tmpdir=$FLINK_WORK/web" \
        -D "execution.checkpointing.dir=file://$FLINK_WORK/checkpoints" \
        -D "execution.checkpointing.savepoint-dir=file://$FLINK_WORK/savepoints"
    if [[ -n "$FLINK_TASKMANAGER_MEMORY" ]]; then
        printf '%s\n' -D "taskmanager.memory.process.size=$FLINK_TASKMANAGER_MEMORY"
    fi
    if flink_prometheus_on; then
        printf '%s\n' \
            -D "metrics.reporter.prom.factory.class=org.velibstream.metrics.LoopbackPrometheusReporterFactory" \
            -D "metrics.reporter.prom.host=$FLINK_PROMETHEUS_HOST" \
            -D "metrics.reporter.prom.port=$FLINK_PROMETHEUS_PORTS"
    else
        printf '%s\n' -D "metrics.reporters=none"
    fi
}

flink_prometheus_on() { [[ -n "$FLINK_PROMETHEUS_PORTS" && "$FLINK_PROMETHEUS_PORTS" != off ]]; }

# flink_metrics_jar: the path of the loopback reporter's jar, built (that module alone, tests skipped) when missing.
flink_metrics_jar() {
    if [[ ! -f "$FLINK_METRICS_JAR" ]]; then
        log "building the loopback Prometheus reporter (mvn package -pl flink-metrics-loopback)"
        mvn -B -q -f "$VELIB_HOME/pom.xml" -pl flink-metrics-loopback -DskipTests package >&2 \
            || die "could not build $FLINK_METRICS_JAR"
    fi
    echo "$FLINK_METRICS_JAR"
}

# The JDK module flags every Flink JVM needs, one a line: env.java.opts.all of flink-conf/config.yaml, which the
# Docker image's scripts read as well.
flink_jdk17_options() {
    local options
    options="$(sed -n 's/^env\.java\.opts\.all: *//p' "$FLINK_CONF/config.yaml")"
    [[ -n "$options" ]] || die "env.java.opts.all is missing from $FLINK_CONF/config.yaml"
    tr ' ' '\n' <<<"$options" | grep -v '^$'
}
