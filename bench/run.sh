#!/usr/bin/env bash
# The benchmark: the native sidecar, the same sidecar in JVM mode, and a Node.js endpoint with jsonwebtoken (the code
# teams write instead), side by side on this machine, with the same keys, routes and load.
#
#   bench/run.sh                 # full run (3.5 minutes here once the artifacts are built)
#   bench/run.sh --duration 5    # shorter load phases
#
# Writes bench/results/<UTC date>.{md,json} and bench/results/latest.{md,json}. Builds what is missing: the JVM jar,
# the native executable (with ../shared/graalvm-kit), wrk (Debian), jsonwebtoken (npm).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

duration=10          # seconds of measured load per scenario
connections=16
threads=2
max_requests=2000000 # per scenario: wrk stops at whichever comes first
startup_runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=$2; shift 2 ;;
        --startup-runs) startup_runs=$2; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$root/target/bench"
mkdir -p "$work" bench/results
log() { echo "::: bench $(date -u +%H:%M:%S) $*"; }

log "tools"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
(cd bench/node && npm ci --no-audit --no-fund --silent)

log "artifacts"
if [ ! -f "$work/jvm/quarkus-run.jar" ]; then
    JAVA_HOME=$JAVA_HOME ./mvnw -B -q package -DskipTests
    rm -rf "$work/jvm" && cp -r target/quarkus-app "$work/jvm"
fi
if ! ls target/*-runner >/dev/null 2>&1; then
    GRAALVM_HOME=$("$root/../shared/graalvm-kit/assemble.sh") JAVA_HOME=$JAVA_HOME ./mvnw -B -q package -Dnative -DskipTests
fi
native=$(ls target/*-runner | head -1)

log "keys (fresh for this run)"
keys="$work/keys"
rm -rf "$keys" && mkdir -p "$keys"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/kindly.pem" 2>/dev/null
head -c 32 /dev/urandom | base64 | tr -d '=+/' > "$keys/dg.secret"

sidecar_env=(
    CHAT_TOKEN_ACTIVE=dg-bench,kindly-bench
    CHAT_TOKEN_PROFILES_DG_BENCH_VENDOR=dg
    CHAT_TOKEN_PROFILES_DG_BENCH_KEY_FILE="$keys/dg.secret"
    CHAT_TOKEN_PROFILES_DG_BENCH_KEY_ID=bench-api-key
    CHAT_TOKEN_PROFILES_KINDLY_BENCH_VENDOR=kindly
    CHAT_TOKEN_PROFILES_KINDLY_BENCH_KEY_FILE="$keys/kindly.pem"
    CHAT_TOKEN_PROFILES_KINDLY_BENCH_ISSUER=https://bench.example
    CHAT_TOKEN_PROFILES_KINDLY_BENCH_WEBHOOK_DOMAINS=example.com,*.example.org
    QUARKUS_LOG_LEVEL=WARN
)
node_env=(PORT=8790 DG_SECRET_FILE="$keys/dg.secret" DG_KEY_ID=bench-api-key KINDLY_KEY_FILE="$keys/kindly.pem"
    KINDLY_ISSUER=https://bench.example)

# start TARGET: starts it in the background, sets $pid and the URL its readiness answers on
start() {
    case "$1" in
        native) env "${sidecar_env[@]}" "$native" >"$work/$1.log" 2>&1 & ready=http://127.0.0.1:8791/q/health/ready ;;
        jvm) env "${sidecar_env[@]}" "$JAVA_HOME/bin/java" -Xmx256m -jar "$work/jvm/quarkus-run.jar" >"$work/$1.log" 2>&1 &
            ready=http://127.0.0.1:8791/q/health/ready ;;
        node) env "${node_env[@]}" node bench/node/server.js >"$work/$1.log" 2>&1 & ready=http://127.0.0.1:8790/q/health/ready ;;
    esac
    pid=$!
}
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
await_ready() {
    for _ in $(seq 1 3000); do
        curl -fs -o /dev/null "$ready" && return 0
        sleep 0.005
    done
    echo "not ready: $(cat "$work/$target.log")" >&2; return 1
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load_n() { # load_n PATH BODY: $MAX answers, then wrk idles out the rest of its 15 s
    BODY=$2 MAX_REQUESTS=$MAX THREADS=$threads wrk -t$threads -c$connections -d15s --timeout 5s \
        -s bench/post.lua "http://127.0.0.1:8790$1" | grep '^{'
}
load() { # load NAME PATH BODY SECONDS -> one JSON line
    BODY=$3 MAX_REQUESTS=$max_requests THREADS=$threads wrk -t$threads -c$connections -d"$4"s --timeout 5s \
        -s bench/post.lua "http://127.0.0.1:8790$2" | grep '^{'
}

results="$work/results.jsonl"
: > "$results"
dg_body='{"user_id":"customer-42"}'
kindly_body='{"user_id":"customer-42","chat_id":"chat-1"}'
for target in native jvm node; do
    log "$target: startup to the first 200 on readiness, $startup_runs runs"
    times=()
    for _ in $(seq 1 "$startup_runs"); do
        t0=$(date +%s%N); start "$target"; await_ready; t1=$(date +%s%N); stop
        times+=($(( (t1 - t0) / 1000000 )))
    done
    startup_ms=$(printf '%s\n' "${times[@]}" | median)
    start "$target"; await_ready; sleep 2
    rss_idle=$(rss_kib)
    log "$target: 10,000 token requests (5,000 HS256 + 5,000 RS256), then RSS"
    MAX=5000 load_n /v1/tokens/dg-bench "$dg_body" >/dev/null
    MAX=5000 load_n /v1/tokens/kindly-bench "$kindly_body" >/dev/null
    rss_10k=$(rss_kib)
    log "$target: warm-up, then HS256 (DG) and RS256 (Kindly) at $connections connections for ${duration}s each"
    load warmup /v1/tokens/dg-bench "$dg_body" 3 >/dev/null
    load warmup /v1/tokens/kindly-bench "$kindly_body" 3 >/dev/null
    hs=$(load hs256 /v1/tokens/dg-bench "$dg_body" "$duration")
    rs=$(load rs256 /v1/tokens/kindly-bench "$kindly_body" "$duration")
    rss_load=$(rss_kib)
    stop
    echo "{\"target\":\"$target\",\"startup_ms\":$startup_ms,\"startup_runs_ms\":[$(IFS=,; echo "${times[*]}")],\"rss_idle_kib\":$rss_idle,\"rss_after_10k_kib\":$rss_10k,\"rss_after_load_kib\":$rss_load,\"hs256\":$hs,\"rs256\":$rs}" >> "$results"
done

log "the CPU's own RSA-2048 signing rate (openssl speed, 1 process and 2)"
openssl_1=$(openssl speed -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}')
openssl_2=$(openssl speed -seconds 3 -multi 2 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}')

log "report"
python3 bench/report.py "$results" "$openssl_1" "$openssl_2" "$duration" "$connections" "$threads"
