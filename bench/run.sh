#!/usr/bin/env bash
# The benchmark: the native sidecar beside its two floors, measured in the same run (absolute numbers vary from run
# to run on shared machines; the ratios are what the targets are about):
#   - the framework floor: bench/floor, a minimal Quarkus native service (same Quarkus version and GraalVM kit, one
#     POST endpoint parsing a small JSON body and answering a small JSON object), started and loaded exactly like the
#     sidecar;
#   - the signing floor: `openssl speed rsa2048`, 1 process and 2.
# The sidecar runs as deployed: INFO logging, so one audit line per token, and metrics on.
#
#   bench/run.sh                       # floor and native sidecar (about 2 minutes once built)
#   bench/run.sh --duration 5          # shorter load phases
#   bench/run.sh --compare             # also the sidecar in JVM mode and a Node.js endpoint (jsonwebtoken)
#
# Writes bench/results/<UTC date>.{md,json} and bench/results/latest.{md,json}. Builds what is missing: the floor's
# and the sidecar's native executables (with ../shared/graalvm-kit), and with --compare the JVM jar and jsonwebtoken
# (npm); wrk from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. bench/sidecar-env.sh

duration=10          # seconds of measured load per scenario
connections=16
threads=2
max_requests=2000000 # per scenario: wrk stops at whichever comes first
startup_runs=11       # the median of 11: single starts vary by tens of ms on these machines
targets=(floor native)
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=$2; shift 2 ;;
        --startup-runs) startup_runs=$2; shift 2 ;;
        --compare) targets=(floor native jvm node); shift ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
compare=$([ ${#targets[@]} -gt 2 ] && echo true || echo false)

export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$root/target/bench"
mkdir -p "$work" bench/results
log() { echo "::: bench $(date -u +%H:%M:%S) $*"; }
graalvm() { "$root/../shared/graalvm-kit/assemble.sh"; }

log "tools"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
$compare && (cd bench/node && npm ci --no-audit --no-fund --silent)

log "artifacts"
floor=bench/floor/target/framework-floor-1-runner
if [ ! -x "$floor" ]; then
    GRAALVM_HOME=$(graalvm) ./mvnw -B -q -f bench/floor/pom.xml package -Dquarkus.native.enabled=true -DskipTests
fi
if ! ls target/*-runner >/dev/null 2>&1; then
    GRAALVM_HOME=$(graalvm) ./mvnw -B -q package -Dnative -DskipTests
fi
native=$(ls target/*-runner | head -1)
if $compare && [ ! -f "$work/jvm/quarkus-run.jar" ]; then
    ./mvnw -B -q package -DskipTests
    rm -rf "$work/jvm" && cp -r target/quarkus-app "$work/jvm"
fi

log "keys (fresh for this run)"
keys="$work/keys"
rm -rf "$keys"
bench_keys "$keys"
bench_profiles "$keys"
# Run-time options of the native executables (both alike), e.g. BENCH_NATIVE_ARGS="-Xmx24m" to try heap settings.
read -r -a native_args <<< "${BENCH_NATIVE_ARGS:-}"
node_env=(PORT=8790 DG_SECRET_FILE="$keys/dg.secret" DG_KEY_ID=bench-api-key KINDLY_KEY_FILE="$keys/kindly.pem"
    KINDLY_ISSUER=https://bench.example)

dg_body='{"user_id":"customer-42"}'
kindly_body='{"user_id":"customer-42","chat_id":"chat-1"}'
# target TARGET: sets $cmd (its command line), $ready_url and $ready_body ('-' for a GET): the request whose first
# 200 counts as started (the sidecar's readiness, the floor's only endpoint)
target() {
    ready_url=http://127.0.0.1:8791/q/health/ready ready_body=-
    case "$1" in
        floor) cmd=("$floor" "${native_args[@]}")
            ready_url=http://127.0.0.1:8790/echo ready_body=$dg_body ;;
        native) cmd=(env "${sidecar_env[@]}" "$native" "${native_args[@]}") ;;
        jvm) cmd=(env "${sidecar_env[@]}" "$JAVA_HOME/bin/java" -Xmx256m -jar "$work/jvm/quarkus-run.jar") ;;
        node) cmd=(env "${node_env[@]}" node bench/node/server.js) ready_url=http://127.0.0.1:8790/q/health/ready ;;
    esac
    if [ "$ready_body" = - ]; then ready=("$ready_url"); else
        ready=(-X POST -H 'Content-Type: application/json' -d "$ready_body" "$ready_url"); fi
}
# start TARGET: starts it in the background and sets $pid
start() {
    target "$1"
    "${cmd[@]}" >"$work/$1.log" 2>&1 &
    pid=$!
}
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
peak_kib() { awk '/VmHWM/ {print $2}' "/proc/$pid/status"; }
# CPU time the process used so far (user + system), in microseconds
cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000000 / hz)}' "/proc/$pid/stat"; }
await_ready() {
    for _ in $(seq 1 3000); do
        curl -fs -o /dev/null "${ready[@]}" && return 0
        sleep 0.005
    done
    echo "not ready: $(cat "$work/$target.log")" >&2; return 1
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load_n() { # load_n PATH BODY: $MAX answers, then wrk idles out the rest of its 15 s
    BODY=$2 MAX_REQUESTS=$MAX THREADS=$threads wrk -t$threads -c$connections -d15s --timeout 5s \
        -s bench/post.lua "http://127.0.0.1:8790$1" | grep '^{'
}
load() { # load PATH BODY SECONDS -> one JSON line, with the CPU time the target used per answer
    local before after line
    before=$(cpu_us)
    line=$(BODY=$2 MAX_REQUESTS=$max_requests THREADS=$threads wrk -t$threads -c$connections -d"$3"s --timeout 5s \
        -s bench/post.lua "http://127.0.0.1:8790$1" | grep '^{')
    after=$(cpu_us)
    python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r["cpu_us_per_request"]=round((int(sys.argv[3])-int(sys.argv[2]))/max(r["requests"],1),1); print(json.dumps(r))' \
        "$line" "$before" "$after"
}

results="$work/results.jsonl"
: > "$results"
for target in "${targets[@]}"; do
    if [ "$target" = floor ]; then hs_path=/echo; rs_path=/echo; else hs_path=/v1/tokens/dg-bench; rs_path=/v1/tokens/kindly-bench; fi
    log "$target: startup to the first 200, $startup_runs runs"
    target "$target"
    times=($(python3 bench/startup.py "$startup_runs" "$ready_url" "$ready_body" -- "${cmd[@]}"))
    startup_ms=$(printf '%s\n' "${times[@]}" | median)
    start "$target"; await_ready; sleep 2
    rss_idle=$(rss_kib)
    log "$target: 10,000 requests (5,000 HS256 + 5,000 RS256; the floor: 10,000 echoes), then RSS"
    MAX=5000 load_n $hs_path "$dg_body" >/dev/null
    MAX=5000 load_n $rs_path "$kindly_body" >/dev/null
    rss_10k=$(rss_kib)
    log "$target: warm-up, then HS256 (DG) and RS256 (Kindly) at $connections connections for ${duration}s each"
    load $hs_path "$dg_body" 3 >/dev/null
    load $rs_path "$kindly_body" 3 >/dev/null
    hs=$(load $hs_path "$dg_body" "$duration")
    rs=$(load $rs_path "$kindly_body" "$duration")
    rss_load=$(rss_kib)
    rss_peak=$(peak_kib)
    stop
    case "$target" in
        floor) size=$(stat -c %s "$floor") ;;
        native) size=$(stat -c %s "$native") ;;
        *) size=0 ;;
    esac
    audit_lines=$(grep -c 'token minted' "$work/$target.log" || true)
    echo "{\"target\":\"$target\",\"startup_ms\":$startup_ms,\"startup_runs_ms\":[$(IFS=,; echo "${times[*]}")],\"rss_idle_kib\":$rss_idle,\"rss_after_10k_kib\":$rss_10k,\"rss_after_load_kib\":$rss_load,\"rss_peak_kib\":$rss_peak,\"executable_bytes\":$size,\"audit_lines\":$audit_lines,\"hs256\":$hs,\"rs256\":$rs}" >> "$results"
done

# limits.memory: 64Mi, for real: the native sidecar in a memory cgroup of 64 MiB (v1, or v2 with the memory
# controller; root), the page cache dropped first so that the executable's own pages are charged to it as in a fresh
# container. HS256 at the benchmark's connections, then RS256 at 256: the kernel may reclaim the executable's clean
# pages (failcnt counts those reclaims), but an OOM kill, an error or a stall fails the target.
memory_limit() {
    local cg="" events="" line hs rs alive oom
    if [ -w /sys/fs/cgroup/memory ] && [ -e /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
        cg=/sys/fs/cgroup/memory/chat-token-bench; rmdir "$cg" 2>/dev/null; mkdir -p "$cg" || return 1
        echo $((64 * 1024 * 1024)) > "$cg/memory.limit_in_bytes"; events=$cg/memory.oom_control
    elif grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
        echo +memory > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
        cg=/sys/fs/cgroup/chat-token-bench; rmdir "$cg" 2>/dev/null; mkdir -p "$cg" || return 1
        echo $((64 * 1024 * 1024)) > "$cg/memory.max" || return 1; echo 0 > "$cg/memory.swap.max" 2>/dev/null
        events=$cg/memory.events
    else
        return 1
    fi
    sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null
    ( echo "$BASHPID" > "$cg/cgroup.procs"; exec env "${sidecar_env[@]}" "$native" "${native_args[@]}" ) >"$work/native-64mi.log" 2>&1 &
    pid=$!
    ready=(http://127.0.0.1:8791/q/health/ready); target=native-64mi; await_ready || { stop; rmdir "$cg"; return 1; }
    hs=$(load /v1/tokens/dg-bench "$dg_body" "$duration")
    rs=$(connections=256 load /v1/tokens/kindly-bench "$kindly_body" "$duration")
    alive=$(kill -0 "$pid" 2>/dev/null && echo true || echo false)
    oom=$(awk '$1 == "oom_kill" {print $2}' "$events"); oom=${oom:-0}
    local rss=$(rss_kib 2>/dev/null || echo 0)
    stop
    echo "{\"target\":\"native-64mi\",\"alive\":$alive,\"oom_kills\":$oom,\"rss_after_load_kib\":${rss:-0},\"hs256\":$hs,\"rs256\":$rs}" >> "$results"
    rmdir "$cg" 2>/dev/null
    return 0
}
log "native: in a 64 MiB memory cgroup (limits.memory: 64Mi), HS256 at $connections connections, RS256 at 256"
memory_limit || log "no memory cgroup could be made here (needs root and cgroup v1, or v2 with the memory controller): not measured"

log "the CPU's own RSA-2048 signing rate (openssl speed -multi 1 and -multi 2)"
openssl_rate() { openssl speed -seconds 3 -multi "$1" rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}'; }
openssl_1=$(openssl_rate 1)
openssl_2=$(openssl_rate 2)

log "report"
python3 bench/report.py "$results" "$openssl_1" "$openssl_2" "$duration" "$connections" "$threads" "${BENCH_NATIVE_ARGS:-}"
