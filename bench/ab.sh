#!/usr/bin/env bash
# Back-to-back A/B of native executables on one scenario: for each executable given (repeat them to alternate,
# e.g. OLD NEW OLD NEW), start it on the benchmark's keys, 3 s of warm-up, then 8 s of wrk (2 threads, 16
# connections), and print requests/s, p99 (us) and the CPU time the process used per answer (us).
#
#   bench/ab.sh /v1/tokens/dg-bench '{"user_id":"customer-42"}' old-runner new-runner old-runner new-runner
#
# An executable given as EXECUTABLE=PATH is loaded on PATH instead, e.g. the framework floor beside the sidecar:
#   bench/ab.sh /v1/tokens/dg-bench '{"user_id":"customer-42"}' bench/floor/target/framework-floor-1-runner=/echo new-runner
#
# Uses target/bench/keys (made by bench/run.sh; made here when missing) and the same profiles as bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
path=$1 body=$2
shift 2
. bench/sidecar-env.sh
keys=target/bench/keys
[ -f "$keys/dg.secret" ] || bench_keys "$keys"
bench_profiles "$keys"
export "${sidecar_env[@]}"
hz=$(getconf CLK_TCK)
cpu_us() { awk -v hz="$hz" '{print int(($14 + $15) * 1000000 / hz)}' "/proc/$1/stat"; }
mkdir -p target/bench
for arg in "$@"; do
    bin=${arg%%=*} at=$path
    [ "$bin" = "$arg" ] || at=${arg#*=}
    "$bin" > "target/bench/ab-$(basename "$bin").log" 2>&1 &
    pid=$!
    until curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:8790$at"; do
        kill -0 "$pid" 2>/dev/null || { echo "$bin did not start" >&2; exit 1; }
        sleep 0.01
    done
    BODY=$body MAX_REQUESTS=100000000 THREADS=2 wrk -t2 -c16 -d3s -s bench/post.lua "http://127.0.0.1:8790$at" >/dev/null
    c0=$(cpu_us "$pid")
    line=$(BODY=$body MAX_REQUESTS=100000000 THREADS=2 wrk -t2 -c16 -d8s -s bench/post.lua "http://127.0.0.1:8790$at" | grep '^{')
    c1=$(cpu_us "$pid")
    python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(sys.argv[4], "requests/s", r["rps"], "p99_us", r["p99_us"], "cpu_us_per_request", round((int(sys.argv[3]) - int(sys.argv[2])) / r["requests"], 1))' \
        "$line" "$c0" "$c1" "$bin"
    kill "$pid"; wait "$pid" 2>/dev/null || true
done
