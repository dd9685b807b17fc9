# What bin/flink-cluster and bin/flink share: the Flink classpath, the configuration folder, the local overrides
# of flink-conf/config.yaml and the JDK 17 module flags.
# shellcheck shell=bash

FLINK_CONF="$VELIB_HOME/flink-conf"
FLINK_WORK="$VELIB_WORK/flink"
FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
FLINK_RPC_PORT="${FLINK_RPC_PORT:-6123}"
# Flink's Prometheus reporter cannot bind to loopback only, so on this machine it is off unless asked for.
FLINK_PROMETHEUS_PORTS="${FLINK_PROMETHEUS_PORTS:-}"

# The machine-specific settings config.yaml leaves to its launcher, as dynamic properties.
flink_local_overrides() {
    printf '%s\n' \
        -D "rest.port=$FLINK_REST_PORT" \
        -D "jobmanager.rpc.port=$FLINK_RPC_PORT" \
        -D "io.tmp.dirs=$FLINK_WORK/tmp" \
        -D "web.tmpdir=$FLINK_WORK/web" \
        -D "execution.checkpointing.dir=file://$FLINK_WORK/checkpoints" \
        -D "execution.checkpointing.savepoint-dir=file://$FLINK_WORK/savepoints"
    if [[ -n "$FLINK_PROMETHEUS_PORTS" ]]; then
        printf '%s\n' -D "metrics.reporter.prom.port=$FLINK_PROMETHEUS_PORTS"
    else
        printf '%s\n' -D "metrics.reporters=none"
    fi
}

# env.java.opts.all of flink-dist's default configuration: Flink (and Kryo) reflect into these JDK packages.
flink_jdk17_options() {
    local module
    for module in java.base/sun.net.util java.rmi/sun.rmi.registry jdk.compiler/com.sun.tools.javac.api \
        jdk.compiler/com.sun.tools.javac.file jdk.compiler/com.sun.tools.javac.parser \
        jdk.compiler/com.sun.tools.javac.tree jdk.compiler/com.sun.tools.javac.util \
        java.security.jgss/sun.security.krb5; do
        echo "--add-exports=$module=ALL-UNNAMED"
    done
    for module in java.base/java.lang java.base/java.net java.base/java.io java.base/java.nio java.base/sun.nio.ch \
        java.base/java.lang.reflect java.base/java.text java.base/java.time java.base/java.util \
        java.base/java.util.concurrent java.base/java.util.concurrent.atomic java.base/java.util.concurrent.locks; do
        echo "--add-opens=$module=ALL-UNNAMED"
    done
}
