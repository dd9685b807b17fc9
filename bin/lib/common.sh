# Shared by the bin/ scripts that run real servers (Kafka, Cassandra, Flink) from Maven artifacts.
# Everything binds to 127.0.0.1, lives under one work folder, and is stopped by PID.
# shellcheck shell=bash

VELIB_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VELIB_WORK="${VELIB_WORK:-$VELIB_HOME/.work}"

# log never fails: its stderr may be a pipe whose reader is gone (`bin/demo 2>&1 | tee demo.log`, then Ctrl-C, which
# ends tee too), and a script under `set -e` must not stop half-way because it could not say what it was doing.
# (>&2 first, then 2>/dev/null: the line goes to the real stderr, the shell's complaint about it to /dev/null.)
log() { printf '%s [%s] %s\n' "$(date -u +%H:%M:%S)" "${SERVICE:-velib}" "$*" >&2 2>/dev/null || true; }
die() { log "ERROR: $*"; exit 1; }

# print_usage: the script's header comment (from its second line to the first line that is not a comment), without
# the '# ', on stdout: what -h and --help show.
print_usage() { sed -n '2,/^[^#]\|^$/{/^#/{s/^# \{0,1\}//;p;};}' "$0"; }

# ignore_closed_output: a write to a closed pipe fails (and log ignores the failure) instead of killing the script
# with SIGPIPE. For the paths that must finish whatever happens to their output: stopping services.
ignore_closed_output() { trap '' PIPE; }

# resolve_classpath NAME: the classpath of the jars that bin/servers/NAME/pom.xml depends on, straight from the
# local Maven repository, printed on stdout. Resolved once per version of that pom and cached in the user's cache
# folder (the paths point into ~/.m2, so the cache belongs to this user and machine, not to a work folder).
resolve_classpath() {
    local name="$1" pom="$VELIB_HOME/bin/servers/$1/pom.xml" cache="${VELIB_CLASSPATH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/velib-stream}"
    local stamp; stamp="$(sha1sum "$pom" | cut -c1-12)"
    local file="$cache/$name-$stamp.txt"
    # A cleaned ~/.m2 invalidates the cache.
    if [[ -s "$file" && ! -f "$(cut -d: -f1 "$file")" ]]; then
        rm -f "$file"
    fi
    if [[ ! -s "$file" ]]; then
        log "resolving $name jars with Maven (first run only)"
        mkdir -p "$cache"
        mvn -B -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$file.tmp" -Dmdep.includeScope=runtime >&2 \
            || die "could not resolve the $name jars with Maven"
        mv "$file.tmp" "$file"
    fi
    cat "$file"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_port() {
    local port="$1" what="$2"
    port_in_use "$port" && die "port $port ($what) on 127.0.0.1 is already taken; stop what uses it or set another port"
    return 0
}

pid_file() { echo "$VELIB_WORK/$1/$1.pid"; }

# running NAME: true when the PID in NAME's pid file is alive.
running() {
    local f; f="$(pid_file "$1")"
    [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# launch NAME LOGFILE CMD...: starts CMD in the background, detached from this shell, and records its PID.
launch() {
    local name="$1" logfile="$2"; shift 2
    mkdir -p "$VELIB_WORK/$name"
    nohup "$@" >"$logfile" 2>&1 </dev/null &
    echo $! > "$(pid_file "$name")"
}

# wait_for_log NAME LOGFILE PATTERN SECONDS: waits until PATTERN appears, failing fast if the process died.
wait_for_log() {
    local name="$1" logfile="$2" pattern="$3" seconds="$4" waited=0
    until grep -q -- "$pattern" "$logfile" 2>/dev/null; do
        running "$name" || { tail -n 30 "$logfile" >&2; die "$name exited during start-up (log: $logfile)"; }
        (( waited++ >= seconds * 5 )) && { tail -n 30 "$logfile" >&2; die "$name not ready after ${seconds}s (log: $logfile)"; }
        sleep 0.2
    done
}

# stop_service NAME [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 30). Quiet when not running.
stop_service() {
    local name="$1" seconds="${2:-30}" f pid waited=0
    ignore_closed_output
    f="$(pid_file "$name")"
    [[ -f "$f" ]] || { log "$name is not running"; return 0; }
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
        log "stopping $name (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do
            if (( waited++ >= seconds * 5 )); then
                log "$name did not stop in ${seconds}s, killing it"
                kill -KILL "$pid" 2>/dev/null || true
                break
            fi
            sleep 0.2
        done
    fi
    rm -f "$f"
}

# make_tls_stores DIR: a self-signed certificate for localhost and 127.0.0.1 (the key in DIR/keystore.p12, the
# certificate alone in DIR/truststore.p12 for clients), both PKCS12 under one random password kept in
# DIR/store.password. The folder is readable by this user only, and the stores survive restarts so that clients keep
# trusting the server. Passwords reach keytool through its environment, never through its arguments.
make_tls_stores() {
    local dir="$1"
    if [[ -s "$dir/keystore.p12" && -s "$dir/truststore.p12" && -s "$dir/store.password" ]]; then
        return 0
    fi
    command -v keytool >/dev/null || die "keytool (from the JDK) is needed to make the TLS certificate"
    mkdir -p "$dir"
    chmod 700 "$dir"
    rm -f "$dir/keystore.p12" "$dir/truststore.p12" "$dir/server.crt"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/store.password")
    local output
    output="$(VELIB_STORE_PASSWORD="$(cat "$dir/store.password")" bash -c '
        keytool -genkeypair -alias server -keyalg RSA -keysize 2048 -validity 365 -dname CN=localhost \
            -ext SAN=dns:localhost,ip:127.0.0.1 -storetype PKCS12 -keystore "$1/keystore.p12" \
            -storepass:env VELIB_STORE_PASSWORD \
        && keytool -exportcert -rfc -alias server -keystore "$1/keystore.p12" -storepass:env VELIB_STORE_PASSWORD \
            -file "$1/server.crt" \
        && keytool -importcert -noprompt -alias server -file "$1/server.crt" -storetype PKCS12 \
            -keystore "$1/truststore.p12" -storepass:env VELIB_STORE_PASSWORD' _ "$dir" 2>&1)" \
        || { echo "$output" >&2; die "keytool could not make the TLS stores in $dir"; }
    log "made a self-signed certificate for localhost/127.0.0.1: clients trust $dir/truststore.p12 (password in $dir/store.password)"
}
