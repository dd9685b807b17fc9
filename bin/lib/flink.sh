# What bin/flink-cluster and bin/flink share: the Flink classpath, the configuration folder, the local overrides
# of flink-conf/config.yaml and the JDK 17 module flags.
# shellcheck shell=bash

FLINK_CONF="$VELIB_HOME/flink-conf"
FLINK_WORK="$VELIB_WORK/flink"
FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
FLINK_RPC_PORT="${FLINK_RPC_PORT:-6123}"
# Flink's Prometheus reporter cannot bind to loopback only, so on this machine it is off unless asked for.
FLINK_PROMETHEUS_PORTS="${FLINK_PROMETHEUS_PORTS:-}"
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
    if [[ -n "$FLINK_PROMETHEUS_PORTS" ]]; then
        printf '%s\n' -D "metrics.reporter.prom.port=$FLINK_PROMETHEUS_PORTS"
    else
        printf '%s\n' -D "metrics.reporters=none"
    fi
}

# The JDK module flags every Flink JVM needs, one a line: env.java.opts.all of flink-conf/config.yaml, which the
# Docker image's scripts read as well.
flink_jdk17_options() {
    local options
    options="$(sed -n 's/^env\.java\.opts\.all: *//p' "$FLINK_CONF/config.yaml")"
    [[ -n "$options" ]] || die "env.java.opts.all is missing from $FLINK_CONF/config.yaml"
    tr ' ' '\n' <<<"$options" | grep -v '^$'
}
