#!/usr/bin/env bash
# The benchmark of the vendors whose tokens only their API issues (HubSpot, Sendbird, Channel Talk), against a fake
# HubSpot (bench/fake_vendor.py, stdlib Python on loopback), all in one run:
#   1. cached: a cached HubSpot token beside the HS256 (DG) path, in the same native sidecar process and the same load
#      (wrk, 2 threads, 16 connections), alternated twice: p50 and p99 of each
#   2. flock: 1,000 concurrent requests for one new identity (bench/flock.py: the 1,000 connections opened first, then
#      every request written at once, while the fake holds its one answer for a second): the calls the fake received
#   3. memory: 100,000 identities cached (cache-size 100000, rate-limit 100000/1s, -Xmx${MEMORY_XMX:-320m}): RSS
#      before and after, the cache's own gauge, and the profile's configured bound (cache_bound_bytes of /v1/profiles)
#   4. footprint: executable size and idle RSS of this build, of the same sidecar without the upstream dependencies
#      (main, built here from `git archive ${BASE:-main}`), and of the framework floor (bench/floor)
#
#   bench/upstream.sh [--duration 10]
#
# Writes bench/results/<UTC date>-upstream.{md,json}. Builds what is missing (with ../shared/graalvm-kit): the floor,
# this build's and the base's native executables; wrk from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. bench/sidecar-env.sh

duration=10
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=$2; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)" # 1,000 connections at once, on both ends
base_ref=${BASE:-main}
xmx=${MEMORY_XMX:-320m}
fills=100000
fake_port=18979

export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$root/target/bench"
mkdir -p "$work" bench/results
log() { echo "::: upstream bench $(date -u +%H:%M:%S) $*"; }
graalvm() { "$root/../shared/graalvm-kit/assemble.sh"; }

log "tools and artifacts"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
floor=bench/floor/target/framework-floor-1-runner
if [ ! -x "$floor" ]; then
    GRAALVM_HOME=$(graalvm) ./mvnw -B -q -f bench/floor/pom.xml package -Dquarkus.native.enabled=true -DskipTests
fi
if ! ls target/*-runner >/dev/null 2>&1; then
    GRAALVM_HOME=$(graalvm) ./mvnw -B -q package -Dnative -DskipTests
fi
native=$(ls target/*-runner | head -1)
base_commit=$(git rev-parse "$base_ref")
base_dir="$work/base-$base_commit"
base="$base_dir/target/chat-token-sidecar-0.1.0-SNAPSHOT-runner"
if [ ! -x "$base" ]; then
    rm -rf "$base_dir" && mkdir -p "$base_dir"
    git archive "$base_commit" | tar -x -C "$base_dir"
    (cd "$base_dir" && GRAALVM_HOME=$(graalvm) ./mvnw -B -q package -Dnative -DskipTests)
fi

log "keys and the fake HubSpot on 127.0.0.1:$fake_port"
keys="$work/keys-upstream"
rm -rf "$keys"
bench_keys "$keys"
head -c 32 /dev/urandom | base64 | tr -d '=+/' > "$keys/hubspot.secret"
bench_profiles "$keys"
hubspot_env=(CHAT_TOKEN_PROFILES_HUBSPOT_BENCH_VENDOR=hubspot CHAT_TOKEN_PROFILES_HUBSPOT_BENCH_KEY_FILE="$keys/hubspot.secret"
    CHAT_TOKEN_PROFILES_HUBSPOT_BENCH_BASE_URL="http://127.0.0.1:$fake_port/hubspot")
python3 bench/fake_vendor.py "$fake_port" "$keys/hubspot.secret" > "$work/fake-vendor.log" 2>&1 &
fake_pid=$!
trap 'kill $fake_pid 2>/dev/null || true; kill $pid 2>/dev/null || true' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$fake_port/count"; do sleep 0.05; done
calls() { curl -fs "http://127.0.0.1:$fake_port/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["calls"])'; }

pid=0
start() { # start LOG COMMAND...: starts it in the background, sets $pid, waits for readiness
    local log=$1; shift
    "$@" > "$work/$log.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 3000); do
        curl -fs -o /dev/null "$ready" && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.01
    done
    echo "$log did not start: $(tail -5 "$work/$log.log")" >&2; exit 1
}
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
load() { # load PATH BODY SECONDS -> one JSON line
    BODY=$2 MAX_REQUESTS=100000000 THREADS=2 wrk -t2 -c16 -d"$3"s --timeout 5s -s bench/post.lua "http://127.0.0.1:8790$1" | grep '^{'
}
results="$work/upstream.jsonl"
: > "$results"
dg_body='{"user_id":"customer-42"}'
hubspot_body='{"email":"cached@example.com","given_name":"Ana"}'

log "footprint: executable size and idle RSS (the floor, main without the upstream dependencies, this build)"
ready=http://127.0.0.1:8790/echo
ready_floor() { curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d "$dg_body" "$ready"; }
"$floor" > "$work/floor.log" 2>&1 &
pid=$!
until ready_floor; do sleep 0.01; done
sleep 2
echo "{\"footprint\":\"floor\",\"executable_bytes\":$(stat -c %s "$floor"),\"rss_idle_kib\":$(rss_kib)}" >> "$results"
stop
ready=http://127.0.0.1:8791/q/health/ready
for which in base native native-with-hubspot; do
    case $which in
        base) start base env "${sidecar_env[@]}" "$base"; bin=$base ;;
        native) start native env "${sidecar_env[@]}" "$native"; bin=$native ;;
        native-with-hubspot) start native-with-hubspot env "${sidecar_env[@]}" "${hubspot_env[@]}" \
            CHAT_TOKEN_ACTIVE=dg-bench,kindly-bench,hubspot-bench "$native"; bin=$native ;;
    esac
    sleep 2
    echo "{\"footprint\":\"$which\",\"executable_bytes\":$(stat -c %s "$bin"),\"rss_idle_kib\":$(rss_kib)}" >> "$results"
    stop
done

log "HS256 (DG) on main and on this build, alternated twice: what the asynchronous token path costs a signed token"
for round in 1 2; do
    for which in base native; do
        bin=$base; [ "$which" = native ] && bin=$native
        start "ab-$which" env "${sidecar_env[@]}" "$bin"
        load /v1/tokens/dg-bench "$dg_body" 3 >/dev/null
        echo "{\"ab\":\"$which\",\"round\":$round,\"load\":$(load /v1/tokens/dg-bench "$dg_body" "$duration")}" >> "$results"
        stop
    done
done

log "cached: a cached HubSpot token beside HS256 (DG), ${duration}s each, alternated twice"
start cached env "${sidecar_env[@]}" "${hubspot_env[@]}" CHAT_TOKEN_ACTIVE=dg-bench,kindly-bench,hubspot-bench "$native"
curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d "$hubspot_body" http://127.0.0.1:8790/v1/tokens/hubspot-bench
calls_before=$(calls)
load /v1/tokens/dg-bench "$dg_body" 3 >/dev/null
load /v1/tokens/hubspot-bench "$hubspot_body" 3 >/dev/null
for round in 1 2; do
    echo "{\"cached\":\"hs256\",\"round\":$round,\"load\":$(load /v1/tokens/dg-bench "$dg_body" "$duration")}" >> "$results"
    echo "{\"cached\":\"hubspot\",\"round\":$round,\"load\":$(load /v1/tokens/hubspot-bench "$hubspot_body" "$duration")}" >> "$results"
done
echo "{\"cached_vendor_calls_during_load\":$(( $(calls) - calls_before ))}" >> "$results"

log "flock: 1,000 concurrent requests for one new identity"
before=$(calls)
flock=$(python3 bench/flock.py http://127.0.0.1:8790/v1/tokens/hubspot-bench '{"email":"flock-1@example.com"}' 1000)
echo "{\"flock\":$flock,\"vendor_calls\":$(( $(calls) - before ))}" >> "$results"
stop

log "memory: $fills identities cached (cache-size $fills, -Xmx$xmx)"
start memory env "${sidecar_env[@]}" "${hubspot_env[@]}" CHAT_TOKEN_ACTIVE=dg-bench,kindly-bench,hubspot-bench \
    CHAT_TOKEN_PROFILES_HUBSPOT_BENCH_CACHE_SIZE=$fills CHAT_TOKEN_PROFILES_HUBSPOT_BENCH_RATE_LIMIT=100000/1s "$native" "-Xmx$xmx"
sleep 2
rss_before=$(rss_kib)
before=$(calls)
fill=$(PREFIX=fill MAX_REQUESTS=$fills THREADS=2 wrk -t2 -c32 -d600s --timeout 10s -s bench/distinct.lua \
    http://127.0.0.1:8790/v1/tokens/hubspot-bench | grep '^{')
sleep 2
rss_after=$(rss_kib)
cached=$(curl -fs http://127.0.0.1:8791/q/metrics | awk '/^chat_token_upstream_cache_size\{profile="hubspot-bench"/ {print int($2)}')
bound=$(curl -fs http://127.0.0.1:8790/v1/profiles | python3 -c 'import json,sys; print([p for p in json.load(sys.stdin) if p["name"]=="hubspot-bench"][0]["upstream"]["cache_bound_bytes"])')
echo "{\"memory\":{\"fill\":$fill,\"vendor_calls\":$(( $(calls) - before )),\"cached\":${cached:-0},\"rss_before_kib\":$rss_before,\"rss_after_kib\":$rss_after,\"bound_bytes\":$bound,\"xmx\":\"$xmx\"}}" >> "$results"
stop

log "report"
python3 - "$results" "$duration" "$base_ref" "$base_commit" "$xmx" <<'PY'
import datetime, json, os, sys
path, duration, base_ref, base_commit, xmx = sys.argv[1:6]
rows = [json.loads(l) for l in open(path)]
now = datetime.datetime.now(datetime.timezone.utc)
foot = {r["footprint"]: r for r in rows if "footprint" in r}
ab = [r for r in rows if "ab" in r]
cached = [r for r in rows if "cached" in r]
flock = next(r for r in rows if "flock" in r)
memory = next(r for r in rows if "memory" in r)["memory"]
quiet = next(r for r in rows if "cached_vendor_calls_during_load" in r)["cached_vendor_calls_during_load"]
MIB = 1024 * 1024
hs = [r["load"] for r in cached if r["cached"] == "hs256"]
hub = [r["load"] for r in cached if r["cached"] == "hubspot"]
worst_hub_p99, best_hs_p99 = max(l["p99_us"] for l in hub), min(l["p99_us"] for l in hs)
report = {
    "date": now.isoformat(timespec="seconds"), "command": "bench/upstream.sh --duration %s" % duration,
    "machine": {"cpus": os.cpu_count()}, "base": {"ref": base_ref, "commit": base_commit},
    "footprint": foot, "hs256_main_and_this_build": ab, "cached": cached, "cached_vendor_calls_during_load": quiet, "flock": flock, "memory": memory,
    "targets": {
        "cached_p99_at_or_below_hs256_p99": all(c["p99_us"] <= h["p99_us"] for c, h in zip(hub, hs)),
        "flock_one_vendor_call": flock["vendor_calls"] == 1 and flock["flock"]["ok"] == 1000,
        "memory_within_bound": memory["rss_after_kib"] * 1024 - memory["rss_before_kib"] * 1024 <= memory["bound_bytes"],
    },
}
stamp = now.strftime("%Y-%m-%dT%H%MZ")
with open("bench/results/%s-upstream.json" % stamp, "w") as f:
    json.dump(report, f, indent=1)
growth = (memory["rss_after_kib"] - memory["rss_before_kib"]) * 1024
lines = ["# Upstream vendors: benchmark of %s UTC" % now.strftime("%Y-%m-%d %H:%M"), "",
         "`%s` (a fake HubSpot on loopback; %d CPUs). Latencies in microseconds." % (report["command"], os.cpu_count()), "",
         "## A cached token beside HS256 (same process, 16 connections, %s s each, alternated)" % duration, "",
         "| round | HS256 (DG) req/s | p50 | p99 | cached HubSpot req/s | p50 | p99 |", "|---|---|---|---|---|---|---|"]
for i, (h, c) in enumerate(zip(hs, hub), 1):
    lines.append("| %d | %.0f | %d | %d | %.0f | %d | %d |" % (i, h["rps"], h["p50_us"], h["p99_us"], c["rps"], c["p50_us"], c["p99_us"]))
lines += ["", "Target, a cached token's p99 at or below HS256's in the same round: **%s**; calls to the vendor during the "
          "cached load: %d." % ("met" if report["targets"]["cached_p99_at_or_below_hs256_p99"] else "missed", quiet), "",
          "## 1,000 concurrent requests for one new identity", "",
          "%d requests, answers %s in %.2f s; calls that reached the vendor: **%d** (target 1)." % (
              flock["flock"]["requests"], flock["flock"]["statuses"], flock["flock"]["seconds"], flock["vendor_calls"]), "",
          "## 100,000 identities cached", "",
          "cache-size 100000, -Xmx%s: %d requests (%d not 200), %d calls to the vendor; the cache holds %d tokens. RSS %.1f -> %.1f MiB: "
          "%.1f MiB more, %.0f bytes per token, against the profile's configured bound of %.1f MiB "
          "(cache_bound_bytes: 100,000 x (2,048 + 384) bytes) : **%s**." % (
              xmx, memory["fill"]["requests"], memory["fill"]["non_200"], memory["vendor_calls"], memory["cached"],
              memory["rss_before_kib"] / 1024, memory["rss_after_kib"] / 1024, growth / MIB, growth / max(memory["cached"], 1),
              memory["bound_bytes"] / MIB, "within" if report["targets"]["memory_within_bound"] else "beyond"), "",
          "## HS256 on main and on this build (the signed path, now answered through a completed stage)", "",
          "| round | build | req/s | p50 | p99 |", "|---|---|---|---|---|"] + [
          "| %d | %s | %.0f | %d | %d |" % (r["round"], "main" if r["ab"] == "base" else "this build", r["load"]["rps"],
                                           r["load"]["p50_us"], r["load"]["p99_us"]) for r in ab] + ["",
          "## Footprint: what the upstream dependencies cost the executable", "",
          "| executable | size MiB | idle RSS MiB |", "|---|---|---|"]
names = {"floor": "framework floor (bench/floor)", "base": "main %s, without the upstream dependencies" % base_commit[:9],
         "native": "this build (DG and Kindly profiles)", "native-with-hubspot": "this build, with a HubSpot profile (HTTP client, trust store)"}
for k in ("floor", "base", "native", "native-with-hubspot"):
    lines.append("| %s | %.1f | %.1f |" % (names[k], foot[k]["executable_bytes"] / MIB, foot[k]["rss_idle_kib"] / 1024))
lines += ["", "The upstream dependencies: +%.1f MiB of executable, +%.1f MiB idle RSS (this build against main, the same "
          "profiles); a HubSpot profile adds %.1f MiB idle RSS." % (
              (foot["native"]["executable_bytes"] - foot["base"]["executable_bytes"]) / MIB,
              (foot["native"]["rss_idle_kib"] - foot["base"]["rss_idle_kib"]) / 1024,
              (foot["native-with-hubspot"]["rss_idle_kib"] - foot["native"]["rss_idle_kib"]) / 1024), ""]
with open("bench/results/%s-upstream.md" % stamp, "w") as f:
    f.write("\n".join(lines))
print("\n".join(lines))
PY
